import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { applyAsOf } from '../as-of/as-of';
import { ActorMutationResolver } from '../actors/actor.mutations';
import { ACTOR_FIELDS, ActorResolver } from '../actors/actor.resolver';
import { ViewerResolver } from '../auth/viewer.resolver';
import { CITATION_FIELDS, CitationResolver } from '../events/citation.resolver';
import { EventRelationResolver } from '../events/event-relation.resolver';
import { EventLinkMutationResolver } from '../events/event-links.mutations';
import { EventMutationResolver } from '../events/event.mutations';
import { EVENT_FIELDS, EventResolver } from '../events/event.resolver';
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
    ],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    emitSchemaFile: false,
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
  schema.getQueryType()!.description =
    'Reads of the Annals timeline: events in time order with their actors and sources. Every object has a global id for `node`.';
  return schema;
}

/** The SDL of the schema, types and fields sorted, as committed in schema.graphql. */
export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(getSchema()))}\n`;
}
