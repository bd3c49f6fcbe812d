import { Field, ID, InputType, Int } from 'type-graphql';
import { EventKind, EventStatus, ParticipantRole, RelationType, TimePrecision } from './event.enums';

const REASON = 'Why the change is made; shown in the history.';
const EXPECTED_REVISION =
  'The revision you last read (`revision`). When given, the change applies only if it is still the current one; otherwise CONFLICT, with `extensions.currentRevision`.';

@InputType('LocalizedTextInput', { description: 'A text in one language.' })
export class LocalizedTextInput {
  @Field({ description: 'BCP 47 language tag: zh-Hans, en, ru, ...' })
  lang!: string;

  @Field({ description: 'The text in that language, at most 2,000 characters (titles 300).' })
  text!: string;
}

@InputType('EventTimeInput', {
  description:
    'When an event happens, as EventTime reads it back: start (and end) must be the start of a whole precision unit in timeZone, e.g. local midnight for DAY.',
})
export class EventTimeInput {
  @Field(() => Date, { description: 'Earliest instant: the start of its precision unit in timeZone.' })
  start!: Date;

  @Field(() => Date, { nullable: true, description: 'Start of the last precision unit of a span; omit for a point.' })
  end?: Date | null;

  @Field(() => TimePrecision, { description: 'How much of the time is known.' })
  precision!: keyof typeof TimePrecision;

  @Field({ description: 'IANA zone where the event takes place, e.g. Europe/Moscow.' })
  timeZone!: string;

  @Field(() => String, { nullable: true, description: "The source's own words for the time, e.g. 周二." })
  asWritten?: string | null;

  @Field({ defaultValue: false, description: 'Whether the time is approximate.' })
  approximate!: boolean;
}

@InputType('ParticipantInput', { description: "An actor's part in an event." })
export class ParticipantInput {
  @Field(() => ID, { description: 'The global id of the actor.' })
  actorId!: string;

  @Field(() => ParticipantRole, { description: 'The part the actor plays.' })
  role!: keyof typeof ParticipantRole;

  @Field(() => String, { nullable: true, description: 'A remark on the part, at most 2,000 characters.' })
  note?: string | null;
}

@InputType('CitationInput', { description: 'What a source says about an event, and through whom.' })
export class CitationInput {
  @Field(() => ID, { description: 'The global id of the source that says it.' })
  sourceId!: string;

  @Field(() => ID, { nullable: true, description: 'The global id of the actor the source attributes it to.' })
  attributedToId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The global id of the actor quoted.' })
  speakerId?: string | null;

  @Field(() => String, { nullable: true, description: "Verbatim, in the source's language; at most 5,000 characters." })
  quote?: string | null;

  @Field(() => String, { nullable: true, description: 'A remark on the citation, at most 2,000 characters.' })
  note?: string | null;
}

@InputType('CreateEventInput', { description: 'A new event, optionally with its participants and citations.' })
export class CreateEventInput {
  @Field({ description: 'Unique key: lowercase letters, digits and single hyphens, at most 120 characters.' })
  slug!: string;

  @Field(() => EventKind, { description: 'What kind of happening it is.' })
  kind!: keyof typeof EventKind;

  @Field(() => EventStatus, { description: 'Whether it is planned, happened, was cancelled or postponed.' })
  status!: keyof typeof EventStatus;

  @Field(() => EventTimeInput, { description: 'When it happens.' })
  time!: EventTimeInput;

  @Field(() => String, { nullable: true, description: 'The slug of the place where it happens.' })
  placeSlug?: string | null;

  @Field(() => [String], { nullable: true, description: 'Topic tags, lowercase and hyphenated; at most 50.' })
  tags?: string[] | null;

  @Field({ description: 'BCP 47 tag of the language the event is recorded in; titles must include it.' })
  originalLanguage!: string;

  @Field(() => [LocalizedTextInput], { description: 'Titles by language, one of them in originalLanguage.' })
  titles!: LocalizedTextInput[];

  @Field(() => [LocalizedTextInput], { nullable: true, description: 'Summaries by language.' })
  summaries?: LocalizedTextInput[] | null;

  @Field(() => [ParticipantInput], { nullable: true, description: 'The actors involved.' })
  participants?: ParticipantInput[] | null;

  @Field(() => [CitationInput], { nullable: true, description: 'The sources that report it.' })
  citations?: CitationInput[] | null;

  @Field(() => String, { nullable: true, description: REASON })
  reason?: string | null;
}

@InputType('UpdateEventInput', {
  description: 'Changes to an event: fields left out stay as they are; `time` replaces the whole time.',
})
export class UpdateEventInput {
  @Field(() => ID, { description: 'The global id of the event.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: EXPECTED_REVISION })
  expectedRevision?: number | null;

  @Field(() => String, { nullable: true, description: 'A new unique slug.' })
  slug?: string | null;

  @Field(() => EventKind, { nullable: true, description: 'A new kind.' })
  kind?: keyof typeof EventKind | null;

  @Field(() => EventStatus, { nullable: true, description: 'A new status (see also setEventStatus).' })
  status?: keyof typeof EventStatus | null;

  @Field(() => EventTimeInput, { nullable: true, description: 'A new time, replacing the whole time.' })
  time?: EventTimeInput | null;

  @Field(() => String, { nullable: true, description: 'The slug of a new place; null removes the place.' })
  placeSlug?: string | null;

  @Field(() => [String], { nullable: true, description: 'The new tags, replacing the old ones.' })
  tags?: string[] | null;

  @Field(() => String, { nullable: true, description: 'A new original language; titles must include it.' })
  originalLanguage?: string | null;

  @Field(() => [LocalizedTextInput], { nullable: true, description: 'The new titles, replacing the old ones.' })
  titles?: LocalizedTextInput[] | null;

  @Field(() => [LocalizedTextInput], { nullable: true, description: 'The new summaries, replacing the old ones.' })
  summaries?: LocalizedTextInput[] | null;

  @Field(() => String, { nullable: true, description: REASON })
  reason?: string | null;
}

@InputType('DeleteEventInput', { description: 'An event to delete, with its participations, citations and relations.' })
export class DeleteEventInput {
  @Field(() => ID, { description: 'The global id of the event.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: EXPECTED_REVISION })
  expectedRevision?: number | null;

  @Field(() => String, { nullable: true, description: REASON })
  reason?: string | null;
}

@InputType('SetEventStatusInput', {
  description: 'A new status for an event, e.g. PLANNED → OCCURRED, with the citation that reports it.',
})
export class SetEventStatusInput {
  @Field(() => ID, { description: 'The global id of the event.' })
  id!: string;

  @Field(() => EventStatus, { description: 'The new status.' })
  status!: keyof typeof EventStatus;

  @Field(() => CitationInput, { nullable: true, description: 'The source that reports the new status.' })
  citation?: CitationInput | null;

  @Field(() => Int, { nullable: true, description: EXPECTED_REVISION })
  expectedRevision?: number | null;

  @Field(() => String, { nullable: true, description: REASON })
  reason?: string | null;
}

@InputType('AddParticipantInput', { description: 'An actor to add to an event in a role.' })
export class AddParticipantInput extends ParticipantInput {
  @Field(() => ID, { description: 'The global id of the event.' })
  eventId!: string;

  @Field(() => Int, { nullable: true, description: EXPECTED_REVISION })
  expectedRevision?: number | null;

  @Field(() => String, { nullable: true, description: REASON })
  reason?: string | null;
}

@InputType('RemoveParticipantInput', { description: "An actor's role in an event to remove." })
export class RemoveParticipantInput {
  @Field(() => ID, { description: 'The global id of the event.' })
  eventId!: string;

  @Field(() => ID, { description: 'The global id of the actor.' })
  actorId!: string;

  @Field(() => ParticipantRole, { description: 'The role to remove (other roles of the actor stay).' })
  role!: keyof typeof ParticipantRole;

  @Field(() => Int, { nullable: true, description: EXPECTED_REVISION })
  expectedRevision?: number | null;

  @Field(() => String, { nullable: true, description: REASON })
  reason?: string | null;
}

@InputType('AddCitationInput', { description: 'A source to cite for an event.' })
export class AddCitationInput extends CitationInput {
  @Field(() => ID, { description: 'The global id of the event.' })
  eventId!: string;

  @Field(() => Int, { nullable: true, description: EXPECTED_REVISION })
  expectedRevision?: number | null;

  @Field(() => String, { nullable: true, description: REASON })
  reason?: string | null;
}

@InputType('RemoveCitationInput', { description: 'A citation to remove from its event.' })
export class RemoveCitationInput {
  @Field(() => ID, { description: 'The global id of the citation (`Citation.id`).' })
  id!: string;

  @Field(() => Int, { nullable: true, description: "The event's revision you last read; see UpdateEventInput." })
  expectedRevision?: number | null;

  @Field(() => String, { nullable: true, description: REASON })
  reason?: string | null;
}

@InputType('EventLinkInput', {
  description:
    'A relation between two events, read "event <type> relatedEvent" (A PART_OF B); inverse types (HAS_PART) are stored as their forward type.',
})
export class EventLinkInput {
  @Field(() => ID, { description: 'The global id of the event the relation is read from.' })
  eventId!: string;

  @Field(() => RelationType, { description: 'How the events relate.' })
  type!: keyof typeof RelationType;

  @Field(() => ID, { description: 'The global id of the other event.' })
  relatedEventId!: string;

  @Field(() => String, { nullable: true, description: REASON })
  reason?: string | null;
}
