import { type GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { planEventSelection, TIMELINE_EVENT_PATHS } from '../events/event-plan';
import { type EventRow } from '../events/event.row';
import { type RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { type ConnectionSource } from '../shared/connection';
import { isIanaTimeZone } from '../shared/time-zone';
import { EventConnection } from './event-connection.type';
import { parseTimelineFilter } from './parse-timeline-filter';
import { TimelineBucket } from './timeline-bucket.type';
import { countEventsPerBucket, type BucketRow } from './timeline-buckets.queries';
import { TimelineFilterInput } from './timeline-filter.input';
import { TimelineArgs } from './timeline.args';
import { loadTimelineConnection } from './timeline.connection';
import { BucketSize } from './timeline.enums';
import { AsOfArg } from '../as-of/as-of';

/** The timeline and its histogram. */
@Resolver()
export class TimelineResolver {
  @Query(() => EventConnection, {
    description:
      'The timeline: events in time order, filtered, cursor-paginated (first/last at most 100). Equal start times are ordered by id, so pages never skip or repeat events.',
  })
  timeline(
    @Ctx() context: RequestContext,
    @Args(() => TimelineArgs) args: TimelineArgs,
    @Info() info: GraphQLResolveInfo,
    @AsOfArg() _asOf?: Date | null,
  ): Promise<ConnectionSource<EventRow>> {
    return loadTimelineConnection(
      context,
      {
        filter: parseTimelineFilter(args.filter),
        order: args.order ?? 'CHRONOLOGICAL',
        plan: planEventSelection(info, TIMELINE_EVENT_PATHS),
      },
      args,
    );
  }

  @Query(() => [TimelineBucket], {
    description:
      "Event counts per calendar unit in timeZone, for drawing a timeline's overview. Events count in the unit they start in; units without events are left out.",
  })
  timelineBuckets(
    @Ctx() { sql }: RequestContext,
    @Arg('size', () => BucketSize, { description: 'The calendar unit of each bucket.' }) size: keyof typeof BucketSize,
    @Arg('filter', () => TimelineFilterInput, { nullable: true, description: 'Which events to count.' })
    filter?: TimelineFilterInput | null,
    @Arg('timeZone', () => String, {
      nullable: true,
      defaultValue: 'UTC',
      description: 'IANA zone whose calendar defines the units.',
    })
    timeZoneArg?: string | null,
    @AsOfArg() _asOf?: Date | null,
  ): Promise<BucketRow[]> {
    const timeZone = timeZoneArg ?? 'UTC';
    if (!isIanaTimeZone(timeZone))
      throw badUserInput('timeZone', `"${timeZone.slice(0, 64)}" is not an IANA time zone.`);
    return countEventsPerBucket(sql, parseTimelineFilter(filter), size, timeZone);
  }
}
