import { GraphQLError } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
import { type EventRow } from '../events/event.row';
import { Event } from '../events/event.type';
import { type RequestContext } from '../graphql/context';
import { type RevisionRow } from '../history/revision.queries';
import { Revision } from '../history/revision.type';
import { toGlobalId } from '../shared/global-id';
import { TimelineFilterInput } from '../timeline/timeline-filter.input';
import { encodeChangeCursor } from './change-cursor';
import { findLatestChangePosition } from './change-log.queries';
import { type ChangeRow } from './change.row';
import { TimelineChange } from './timeline-change.type';

/**
 * Subscriptions never run through graphql-js's own `subscribe`: the socket server (live/) feeds
 * them from the revision log and executes each change once per distinct selection.
 */
function servedBySocketServer(): never {
  throw new GraphQLError('Subscriptions run over the GraphQL WebSocket at /graphql (graphql-transport-ws).');
}

/**
 * Subscriptions to changes of the timeline (fed by the hub, one execution per change and group),
 * the fields of TimelineChange, and the cursor a client starts following from.
 */
@Resolver(() => TimelineChange)
export class LiveResolver {
  @Subscription(() => TimelineChange, {
    subscribe: servedBySocketServer,
    description:
      'Every change to an event that matches filter, in commit order. Give after: the cursor of the last change you saw, and the changes you missed are sent first, then live ones, with no gap and no duplicate.',
  })
  timelineChanges(
    @Root() change: ChangeRow,
    @Arg('filter', () => TimelineFilterInput, {
      nullable: true,
      description:
        'Which events to follow, as for `timeline`. A change is sent when the event matches before or after it, so an event that stops matching is sent once more, for a client to remove it.',
    })
    _filter?: TimelineFilterInput | null,
    @Arg('after', () => String, {
      nullable: true,
      description:
        'The cursor of the last change you saw (or `latestChangeCursor`, read before the data you show): the changes since are sent first. Without it, changes from the moment of subscribing. A cursor the log does not hold is CURSOR_EXPIRED.',
    })
    _after?: string | null,
  ): ChangeRow {
    return change;
  }

  @Subscription(() => Event, {
    nullable: true,
    subscribe: servedBySocketServer,
    description: 'The event each time it changes; null once it is deleted.',
  })
  eventChanged(
    @Root() change: ChangeRow,
    @Ctx() { loaders }: RequestContext,
    @Arg('id', () => ID, { description: 'The global id of the event to follow.' }) _id: string,
  ): Promise<EventRow | null> {
    return loaders.eventById.load(change.eventId);
  }

  @Query(() => String, {
    nullable: true,
    description:
      'The cursor of the latest change to any event; null before the first. Read it before the data you show (in an earlier request) and pass it as `after` to `timelineChanges`: every change since is sent, so none is missed.',
  })
  async latestChangeCursor(@Ctx() { sql }: RequestContext): Promise<string | null> {
    const position = await findLatestChangePosition(sql);
    return position ? encodeChangeCursor(position) : null;
  }

  @FieldResolver(() => ID, { description: 'The global id of the event changed, also once it is deleted.' })
  eventId(@Root() change: ChangeRow): string {
    return toGlobalId('Event', change.eventId);
  }

  @FieldResolver(() => Event, {
    nullable: true,
    description:
      'The event as of this change (as `asOf: recordedAt` reads it), nested fields included; null when the change deleted it.',
  })
  event(@Root() change: ChangeRow, @Ctx() { loaders }: RequestContext): Promise<EventRow | null> {
    return loaders.eventById.load(change.eventId);
  }

  @FieldResolver(() => Revision, {
    nullable: true,
    description: 'The revision this change recorded: who made it, why, and which fields changed.',
  })
  revision(@Root() change: ChangeRow): RevisionRow {
    return change.revision;
  }
}
