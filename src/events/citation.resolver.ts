import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Actor } from '../actors/actor.type';
import { type RequestContext } from '../graphql/context';
import { type FieldFunctions } from '../graphql/direct-fields';
import { Source } from '../sources/source.type';
import { type CitationRow } from './citation.queries';
import { toGlobalId } from '../shared/global-id';
import { Citation } from './citation.type';
import { toEventTime } from './event-time';
import { EventTime } from './event-time.type';

/** How Citation's related rows are resolved: by the methods below and directly (see direct-fields.ts). */
export const CITATION_FIELDS = {
  id: (citation: CitationRow) => toGlobalId('Citation', citation.id),
  source: (citation: CitationRow, _: object, { loaders }: RequestContext) =>
    citation.plannedSource ?? loaders.sourceById.load(citation.sourceId),
  attributedTo: (citation: CitationRow, _: object, { loaders }: RequestContext) =>
    citation.attributedToId === null ? null : loaders.actorById.load(citation.attributedToId),
  speaker: (citation: CitationRow, _: object, { loaders }: RequestContext) =>
    citation.speakerId === null ? null : loaders.actorById.load(citation.speakerId),
} satisfies FieldFunctions<CitationRow>;

/** Resolves the actors and source of a citation through the per-request loaders. */
@Resolver(() => Citation)
export class CitationResolver {
  @FieldResolver(() => Source, { description: 'The source that says it.' })
  source(@Root() citation: CitationRow, @Ctx() context: RequestContext) {
    return CITATION_FIELDS.source(citation, {}, context);
  }

  @FieldResolver(() => Actor, {
    nullable: true,
    description: 'The outlet the source attributes the report to (据路透社说 → Reuters).',
  })
  attributedTo(@Root() citation: CitationRow, @Ctx() context: RequestContext) {
    return CITATION_FIELDS.attributedTo(citation, {}, context);
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'Who is quoted.' })
  speaker(@Root() citation: CitationRow, @Ctx() context: RequestContext) {
    return CITATION_FIELDS.speaker(citation, {}, context);
  }

  @FieldResolver(() => EventTime, {
    nullable: true,
    description:
      "The event's time as this source gives it, when it disagrees with the event's own time (a conflicting claim, read in the event's zone); null when the source does not date the event differently.",
  })
  claimedTime(@Root() citation: CitationRow): EventTime | null {
    if (citation.claimedStart === null || citation.claimedPrecision === null || citation.claimedUntil === null)
      return null;
    return toEventTime({
      start: citation.claimedStart,
      end: citation.claimedEnd,
      until: citation.claimedUntil,
      precision: citation.claimedPrecision,
      timeZone: citation.eventTimeZone,
      asWritten: null,
      approximate: false,
    });
  }
}
