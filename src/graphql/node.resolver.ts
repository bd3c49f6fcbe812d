import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { type ActorRow } from '../actors/actor.row';
import { type EventRow } from '../events/event.row';
import { type SourceRow } from '../sources/source.row';
import { parseGlobalId } from '../shared/global-id';
import { type RequestContext } from './context';
import { badUserInput } from './errors';
import { Node } from './node.type';

/** The most ids one `nodes` call takes. */
export const MAX_NODE_IDS = 100;

type NodeRow = EventRow | ActorRow | SourceRow;

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
  ) {
    return loadNode(context, id, 'id');
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Objects by global id, in the order given, null where one does not exist; at most ${MAX_NODE_IDS} ids, fetched in one batch per type.`,
  })
  nodes(
    @Ctx() context: RequestContext,
    @Arg('ids', () => [ID], { description: 'Global ids from any `id` fields.' }) ids: string[],
  ) {
    if (ids.length > MAX_NODE_IDS) {
      throw badUserInput('ids', `\`ids\` has ${ids.length} entries; at most ${MAX_NODE_IDS} are allowed.`);
    }
    return Promise.all(ids.map((id, index) => loadNode(context, id, `ids[${index}]`)));
  }
}
