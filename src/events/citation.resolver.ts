import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Actor } from '../actors/actor.type';
import { type RequestContext } from '../graphql/context';
import { Source } from '../sources/source.type';
import { type CitationRow } from './citation.queries';
import { Citation } from './citation.type';
import { toEventTime } from './event-time';
import { EventTime } from './event-time.type';

/** Resolves the actors and source of a citation through the per-request loaders. */
@Resolver(() => Citation)
export class CitationResolver {
  @FieldResolver(() => Source, { description: 'The source that says it.' })
  source(@Root() citation: CitationRow, @Ctx() { loaders }: RequestContext) {
    return loaders.sourceById.load(citation.sourceId);
  }

  @FieldResolver(() => Actor, {
    nullable: true,
    description: 'The outlet the source attributes the report to (据路透社说 → Reuters).',
  })
  attributedTo(@Root() citation: CitationRow, @Ctx() { loaders }: RequestContext) {
    return citation.attributedToId === null ? null : loaders.actorById.load(citation.attributedToId);
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'Who is quoted.' })
  speaker(@Root() citation: CitationRow, @Ctx() { loaders }: RequestContext) {
    return citation.speakerId === null ? null : loaders.actorById.load(citation.speakerId);
  }

  @FieldResolver(() => EventTime, {
    nullable: true,
    description:
      "The event's time as this source gives it, when it disagrees with the event's own time (a conflicting claim, read in the event's zone); null when the source does not date the event differently.",
  })
  claimedTime(@Root() citation: CitationRow): EventTime | null {
    if (citation.claimedStart === null || citation.claimedPrecision === null) return null;
    return toEventTime({
      start: citation.claimedStart,
      end: citation.claimedEnd,
      precision: citation.claimedPrecision,
      timeZone: citation.eventTimeZone,
      asWritten: null,
      approximate: false,
    });
  }
}
