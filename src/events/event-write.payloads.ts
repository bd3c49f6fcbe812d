import { Field, ID, ObjectType } from 'type-graphql';
import { type CitationRow } from './citation.queries';
import { Citation } from './citation.type';
import { type EventRow } from './event.row';
import { Event } from './event.type';

/** A payload class `{ event: Event! }` named `name`. */
function eventPayload(name: string, description: string) {
  @ObjectType(name, { description })
  class EventPayload {
    @Field(() => Event, { description: 'The event after the change, at its new revision.' })
    event!: EventRow;
  }
  return EventPayload;
}

export const CreateEventPayload = eventPayload('CreateEventPayload', 'The result of createEvent.');
export const UpdateEventPayload = eventPayload('UpdateEventPayload', 'The result of updateEvent.');
export const AddParticipantPayload = eventPayload('AddParticipantPayload', 'The result of addParticipant.');
export const RemoveParticipantPayload = eventPayload('RemoveParticipantPayload', 'The result of removeParticipant.');
export const RemoveCitationPayload = eventPayload('RemoveCitationPayload', 'The result of removeCitation.');

@ObjectType('DeleteEventPayload', { description: 'The result of deleteEvent.' })
export class DeleteEventPayload {
  @Field(() => ID, { description: 'The global id the event had; `asOf` an earlier instant still finds it.' })
  deletedEventId!: string;
}

@ObjectType('SetEventStatusPayload', { description: 'The result of setEventStatus.' })
export class SetEventStatusPayload {
  @Field(() => Event, { description: 'The event after the change, at its new revision.' })
  event!: EventRow;

  @Field(() => Citation, { nullable: true, description: 'The citation added for the new status, if one was given.' })
  citation!: CitationRow | null;
}

@ObjectType('AddCitationPayload', { description: 'The result of addCitation.' })
export class AddCitationPayload {
  @Field(() => Event, { description: 'The event after the change, at its new revision.' })
  event!: EventRow;

  @Field(() => Citation, { description: 'The new citation.' })
  citation!: CitationRow;
}

@ObjectType('EventLinkPayload', { description: 'The result of linkEvents and unlinkEvents.' })
export class EventLinkPayload {
  @Field(() => Event, { description: 'The event the relation is read from, at its new revision.' })
  event!: EventRow;

  @Field(() => Event, { description: 'The other event, at its new revision.' })
  relatedEvent!: EventRow;
}
