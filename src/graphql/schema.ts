import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchemaSync, type PubSub } from 'type-graphql';
import { applyAsOf } from '../as-of/as-of';
import { ActorMutationResolver } from '../actors/actor.mutations';
import { ACTOR_FIELDS, ActorResolver } from '../actors/actor.resolver';
import { ViewerResolver } from '../auth/viewer.resolver';
import { CITATION_FIELDS, CitationResolver } from '../events/citation.resolver';
import { EventRelationResolver } from '../events/event-relation.resolver';
import { EventLinkMutationResolver } from '../events/event-links.mutations';
import { EventMutationResolver } from '../events/event.mutations';
import { EVENT_FIELDS, EventResolver } from '../events/event.resolver';
import { LiveResolver } from '../live/live.resolver';
import { ActorHistoryResolver, EventHistoryResolver, SourceHistoryResolver } from '../history/history.resolver';
import { PARTICIPATION_FIELDS, ParticipationResolver } from '../events/participation.resolver';
import { PlaceResolver } from '../places/place.resolver';
import { SearchResolver } from '../search/search.resolver';
import { SourceMutationResolver } from '../sources/source.mutations';
import { SOURCE_FIELDS, SourceResolver } from '../sources/source.resolver';
import { TimelineResolver } from '../timeline/timeline.resolver';
import { resolveFieldsDirectly } from './direct-fields';
import { resolveLazyFields, resolveTypesByTypename } from './lazy-fields';
import { NodeResolver } from './node.resolver';
import { DateTimeScalar } from './scalars';

let schema: GraphQLSchema | undefined;

/**
 * type-graphql insists on a PubSub once there are subscriptions, though every one here gives its
 * own `subscribe`; topics are never used, so using this one is a bug.
 */
const NO_PUB_SUB: PubSub = {
  publish: () => {
    throw new Error('Annals publishes changes through the revision log, not a PubSub.');
  },
  subscribe: () => {
    throw new Error('Annals subscriptions read the revision log, not a PubSub.');
  },
};

/** The executable schema, built once per process from the resolver classes. */
export function getSchema(): GraphQLSchema {
  schema ??= buildSchemaSync({
    resolvers: [
      TimelineResolver,
      EventResolver,
      ParticipationResolver,
      CitationResolver,
      EventRelationResolver,
      PlaceResolver,
      ActorResolver,
      SourceResolver,
      NodeResolver,
      SearchResolver,
      EventMutationResolver,
      EventLinkMutationResolver,
      ActorMutationResolver,
      SourceMutationResolver,
      EventHistoryResolver,
      ActorHistoryResolver,
      SourceHistoryResolver,
      ViewerResolver,
      LiveResolver,
    ],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    emitSchemaFile: false,
    pubSub: NO_PUB_SUB,
  });
  resolveFieldsDirectly(schema, {
    Event: EVENT_FIELDS,
    Actor: ACTOR_FIELDS,
    Participation: PARTICIPATION_FIELDS,
    Citation: CITATION_FIELDS,
    Source: SOURCE_FIELDS,
  });
  resolveLazyFields(schema);
  resolveTypesByTypename(schema);
  applyAsOf(schema);
  schema.getMutationType()!.description =
    'Writes to the timeline. Each mutation is one transaction and appends revisions to the history; it needs `Authorization: Bearer <token>` (EDITOR, or ADMIN to delete and merge).';
  schema.getSubscriptionType()!.description =
    'Live changes, over the GraphQL WebSocket at /graphql (graphql-transport-ws). Each change is read once from the revision log, in commit order; a client that resumes with a cursor gets what it missed.';
  schema.getQueryType()!.description =
    'Reads of the Annals timeline: events in time order with their actors and sources. Every object has a global id for `node`.';
  return schema;
}

/** The SDL of the schema, types and fields sorted, as committed in schema.graphql. */
export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(getSchema()))}\n`;
}
