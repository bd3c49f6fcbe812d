import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../graphql/context';
import { type FieldFunctions } from '../graphql/direct-fields';
import { findByIdOrSlug, LANG_ARGUMENT_DESCRIPTION, type LangArgs } from '../graphql/lookup';
import { LocalizedTextType } from '../graphql/localized-text.type';
import { Place } from '../places/place.type';
import { type PlaceRow } from '../places/place.row';
import { Source } from '../sources/source.type';
import { type SourceRow } from '../sources/source.row';
import { toGlobalId } from '../shared/global-id';
import { listTexts, pickText } from '../shared/localized-text';
import { type CitationRow } from './citation.queries';
import { Citation } from './citation.type';
import { EventRelation } from './event-relation.type';
import { toEventTime } from './event-time';
import { EventTime } from './event-time.type';
import { ParticipantRole, RelationType } from './event.enums';
import { findEventBySlug } from './event.queries';
import { type EventRow } from './event.row';
import { Event } from './event.type';
import { type ParticipantRole as ParticipantRoleValue, type ParticipationRow } from './participation.queries';
import { Participation } from './participation.type';
import { type RelationRow, type RelationType as RelationTypeValue } from './relation.queries';
import { AsOfArg } from '../as-of/as-of';

/** How Event's computed fields are resolved: by the methods below and directly (see direct-fields.ts). */
export const EVENT_FIELDS = {
  id: (event: EventRow) => toGlobalId('Event', event.id),
  title: (event: EventRow, { lang }: LangArgs) => pickText(event.titles, event.originalLanguage, lang) ?? event.slug,
  titles: (event: EventRow) => listTexts(event.titles, event.originalLanguage),
  summary: (event: EventRow, { lang }: LangArgs) => pickText(event.summaries, event.originalLanguage, lang),
  time: (event: EventRow): EventTime =>
    toEventTime({
      start: event.startAt,
      end: event.endAt,
      until: event.coversUntil,
      precision: event.precision,
      timeZone: event.timeZone,
      asWritten: event.timeAsWritten,
      approximate: event.timeApproximate,
      renderedLocal: { start: event.startLocal, end: event.endLocal },
    }),
  place: (event: EventRow, _: object, { loaders }: RequestContext) =>
    event.placeId === null ? null : loaders.placeById.load(event.placeId),
  participants: (
    event: EventRow,
    { role }: { role?: ParticipantRoleValue | null },
    { loaders }: RequestContext,
  ): ParticipationRow[] | Promise<ParticipationRow[]> => {
    const inRole = (participations: ParticipationRow[]) =>
      role ? participations.filter((participation) => participation.role === role) : participations;
    return event.plannedParticipations
      ? inRole(event.plannedParticipations)
      : loaders.participationsByEventId.load(event.id).then(inRole);
  },
  citations: (event: EventRow, _: object, { loaders }: RequestContext) =>
    event.plannedCitations ?? loaders.citationsByEventId.load(event.id),
  sources: async (event: EventRow, _: object, { loaders }: RequestContext): Promise<SourceRow[]> => {
    const citations = await loaders.citationsByEventId.load(event.id);
    const sources = await loaders.sourceById.loadMany([...new Set(citations.map((citation) => citation.sourceId))]);
    return sources.filter((source): source is SourceRow => source !== null && !(source instanceof Error));
  },
  related: async (
    event: EventRow,
    { type }: { type?: RelationTypeValue | null },
    { loaders }: RequestContext,
  ): Promise<RelationRow[]> => {
    const relations = await loaders.relationsByEventId.load(event.id);
    return type ? relations.filter((relation) => relation.type === type) : relations;
  },
} satisfies FieldFunctions<EventRow>;

/** Fields of Event that are computed or loaded (in batches) rather than read off the row. */
@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, {
    nullable: true,
    description: 'One event by global id or by slug (exactly one of them); null if there is none.',
  })
  async event(
    @Ctx() { loaders, sql }: RequestContext,
    @Arg('id', () => ID, { nullable: true, description: 'The global id of the event.' }) id?: string | null,
    @Arg('slug', () => String, { nullable: true, description: 'The slug of the event.' }) slug?: string | null,
    @AsOfArg() _asOf?: Date | null,
  ): Promise<EventRow | null> {
    return findByIdOrSlug('Event', id, slug, {
      byId: (rowId) => loaders.eventById.load(rowId),
      bySlug: (rowSlug) => findEventBySlug(sql, rowSlug),
    });
  }

  @FieldResolver(() => ID, { description: 'The opaque global id.' })
  id(@Root() event: EventRow): string {
    return EVENT_FIELDS.id(event);
  }

  @FieldResolver(() => String, { description: 'The title in lang, falling back to the original language.' })
  title(
    @Root() event: EventRow,
    @Arg('lang', () => String, { nullable: true, description: LANG_ARGUMENT_DESCRIPTION }) lang?: string | null,
  ): string {
    return EVENT_FIELDS.title(event, { lang });
  }

  @FieldResolver(() => [LocalizedTextType], {
    description: 'The title in every language, the original language first.',
  })
  titles(@Root() event: EventRow): LocalizedTextType[] {
    return EVENT_FIELDS.titles(event);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The summary in lang, falling back to the original language.',
  })
  summary(
    @Root() event: EventRow,
    @Arg('lang', () => String, { nullable: true, description: LANG_ARGUMENT_DESCRIPTION }) lang?: string | null,
  ): string | null {
    return EVENT_FIELDS.summary(event, { lang });
  }

  @FieldResolver(() => EventTime, { description: 'When the event happens or happened.' })
  time(@Root() event: EventRow): EventTime {
    return EVENT_FIELDS.time(event);
  }

  @FieldResolver(() => Place, { nullable: true, description: 'Where the event takes place, if known.' })
  place(@Root() event: EventRow, @Ctx() context: RequestContext): Promise<PlaceRow | null> | null {
    return EVENT_FIELDS.place(event, {}, context);
  }

  @FieldResolver(() => [Participation], {
    description: 'The actors involved and their roles, in the order of the data.',
  })
  participants(
    @Root() event: EventRow,
    @Ctx() context: RequestContext,
    @Arg('role', () => ParticipantRole, { nullable: true, description: 'Only participants in this role.' })
    role?: keyof typeof ParticipantRole | null,
  ): ParticipationRow[] | Promise<ParticipationRow[]> {
    return EVENT_FIELDS.participants(event, { role }, context);
  }

  @FieldResolver(() => [Citation], { description: 'What the sources say about this event.' })
  citations(@Root() event: EventRow, @Ctx() context: RequestContext): CitationRow[] | Promise<CitationRow[]> {
    return EVENT_FIELDS.citations(event, {}, context);
  }

  @FieldResolver(() => [Source], { description: 'Distinct sources behind the citations.' })
  sources(@Root() event: EventRow, @Ctx() context: RequestContext): Promise<SourceRow[]> {
    return EVENT_FIELDS.sources(event, {}, context);
  }

  @FieldResolver(() => [EventRelation], {
    description:
      "Typed links to other events, stored ones and their derived inverses, ordered by the other event's time.",
  })
  related(
    @Root() event: EventRow,
    @Ctx() context: RequestContext,
    @Arg('type', () => RelationType, { nullable: true, description: 'Only relations of this type.' })
    type?: keyof typeof RelationType | null,
  ): Promise<RelationRow[]> {
    return EVENT_FIELDS.related(event, { type }, context);
  }
}
