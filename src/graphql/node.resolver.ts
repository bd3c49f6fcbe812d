import { type GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import { type ActorRow } from '../actors/actor.row';
import { primePlannedRelations, planEventSelection, type EventPlan } from '../events/event-plan';
import { findPlannedEventsByIds } from '../events/event.queries';
import { type CitationRow } from '../events/citation.queries';
import { type EventRow } from '../events/event.row';
import { type SourceRow } from '../sources/source.row';
import { parseGlobalId } from '../shared/global-id';
import { type RequestContext } from './context';
import { badUserInput } from './errors';
import { Node } from './node.type';
import { AsOfArg } from '../as-of/as-of';

/** The most ids one `nodes` call takes. */
export const MAX_NODE_IDS = 100;

type NodeRow = EventRow | ActorRow | SourceRow | CitationRow;

function loadNode({ loaders }: RequestContext, globalId: string, argument: string): Promise<NodeRow | null> {
  const parsed = parseGlobalId(globalId);
  if (!parsed) throw badUserInput(argument, `"${globalId.slice(0, 40)}" is not a valid global id.`);
  switch (parsed.type) {
    case 'Event':
      return loaders.eventById.load(parsed.id);
    case 'Actor':
      return loaders.actorById.load(parsed.id);
    case 'Source':
      return loaders.sourceById.load(parsed.id);
    case 'Citation':
      return loaders.citationById.load(parsed.id);
  }
}

/**
 * Reads the events among `ids` with the relations the query shows, in one statement, into the
 * event loader; leaves malformed ids to {@link loadNode}'s error.
 */
async function planEvents({ sql, loaders }: RequestContext, ids: readonly string[], plan: EventPlan) {
  const parsed = ids.map(parseGlobalId);
  if (parsed.includes(null)) return;
  const eventIds = parsed.flatMap((globalId) => (globalId?.type === 'Event' ? [globalId.id] : []));
  if (!eventIds.length) return;
  for (const row of primePlannedRelations(loaders, plan, await findPlannedEventsByIds(sql, eventIds, plan))) {
    loaders.eventById.prime(row.id, row);
  }
}

/** Relay object refetching by global id. */
@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global id; null if it does not exist (any more). A malformed id is BAD_USER_INPUT.',
  })
  node(
    @Ctx() context: RequestContext,
    @Arg('id', () => ID, { description: 'A global id from any `id` field.' }) id: string,
    @AsOfArg() _asOf?: Date | null,
  ) {
    return loadNode(context, id, 'id');
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Objects by global id, in the order given, null where one does not exist; at most ${MAX_NODE_IDS} ids, fetched in one batch per type.`,
  })
  async nodes(
    @Ctx() context: RequestContext,
    @Arg('ids', () => [ID], { description: 'Global ids from any `id` fields.' }) ids: string[],
    @Info() info: GraphQLResolveInfo,
    @AsOfArg() _asOf?: Date | null,
  ) {
    if (ids.length > MAX_NODE_IDS) {
      throw badUserInput('ids', `\`ids\` has ${ids.length} entries; at most ${MAX_NODE_IDS} are allowed.`);
    }
    // The events go to the request's event loader, where another field may read any column: whole rows.
    const plan = { ...planEventSelection(info, [[]]), event: null };
    if (plan.participants || plan.citations) await planEvents(context, ids, plan);
    return Promise.all(ids.map((id, index) => loadNode(context, id, `ids[${index}]`)));
  }
}
