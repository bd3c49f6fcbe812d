import { GraphQLError } from 'graphql';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { writtenCitation, writtenEvent } from '../curation/event-rows';
import { InputChecker } from '../curation/input-checker';
import { lockSubject, recordRevision } from '../curation/revision-log';
import { runWrite } from '../curation/write-transaction';
import { type RequestContext } from '../graphql/context';
import { ErrorCode } from '../graphql/errors';
import { expectGlobalId, toGlobalId } from '../shared/global-id';
import { checkCitation, checkReason, TEXT_LIMITS } from './event-input.checks';
import {
  addCitations,
  addParticipations,
  citationChangeValue,
  participationChangeValue,
  resolveCitations,
  resolveParticipants,
} from './event-parts';
import {
  AddCitationInput,
  AddParticipantInput,
  EventLinkInput,
  RemoveCitationInput,
  RemoveParticipantInput,
} from './event-write.inputs';
import {
  AddCitationPayload,
  AddParticipantPayload,
  EventLinkPayload,
  RemoveCitationPayload,
  RemoveParticipantPayload,
} from './event-write.payloads';
import {
  deleteCitationRow,
  deleteParticipation,
  deleteRelation,
  findCitationForUpdate,
  insertRelation,
} from './event.writes';
import { INVERSE_RELATION, type RelationType, type StoredRelationType } from './relation.queries';

const STORED_TYPES: readonly string[] = ['PART_OF', 'FOLLOWS', 'CAUSED_BY', 'RESPONDS_TO'];

function checkedReason(reason: string | null | undefined, check?: (checker: InputChecker) => void): void {
  const checker = new InputChecker();
  check?.(checker);
  checkReason(checker, reason);
  checker.throwIfInvalid();
}

function missing(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NOT_FOUND, argument } });
}

/** A link as stored: always in the forward direction (B HAS_PART A is stored as A PART_OF B). */
function storedLink(fromId: string, type: RelationType, toId: string) {
  return STORED_TYPES.includes(type)
    ? { fromId, type: type as StoredRelationType, toId }
    : { fromId: toId, type: INVERSE_RELATION[type] as StoredRelationType, toId: fromId };
}

/** Adding and removing an event's participants, citations and relations; each one revision of the event. */
@Resolver()
export class EventLinkMutationResolver {
  @Mutation(() => AddParticipantPayload, { description: 'Adds an actor to an event in a role. Needs an EDITOR token.' })
  addParticipant(
    @Ctx() context: RequestContext,
    @Arg('input', () => AddParticipantInput, { description: 'The event, the actor and the role.' })
    input: AddParticipantInput,
  ) {
    const eventId = expectGlobalId(input.eventId, 'Event', 'input.eventId');
    checkedReason(input.reason, (checker) => checker.text('input.note', input.note, { maxLength: TEXT_LIMITS.note }));
    return runWrite(context, 'EDITOR', input.reason, async (write) => {
      await lockSubject(write, 'Event', eventId, 'input.eventId', input.expectedRevision);
      const participants = await resolveParticipants(write, [input], () => 'input');
      const changes = await addParticipations(write, eventId, participants, () => 'input');
      await recordRevision(write, 'Event', eventId, 'ADD_PARTICIPANT', changes);
      return { event: await writtenEvent(write, eventId) };
    });
  }

  @Mutation(() => RemoveParticipantPayload, {
    description: "Removes an actor's role in an event (its other roles stay). Needs an EDITOR token.",
  })
  removeParticipant(
    @Ctx() context: RequestContext,
    @Arg('input', () => RemoveParticipantInput, { description: 'The event, the actor and the role.' })
    input: RemoveParticipantInput,
  ) {
    const eventId = expectGlobalId(input.eventId, 'Event', 'input.eventId');
    const actorId = expectGlobalId(input.actorId, 'Actor', 'input.actorId');
    checkedReason(input.reason);
    return runWrite(context, 'EDITOR', input.reason, async (write) => {
      await lockSubject(write, 'Event', eventId, 'input.eventId', input.expectedRevision);
      const removed = await deleteParticipation(write.sql, eventId, actorId, input.role);
      if (!removed) throw missing('This actor does not take part in the event in that role.', 'input.actorId');
      await recordRevision(write, 'Event', eventId, 'REMOVE_PARTICIPANT', [
        {
          field: 'participants',
          before: participationChangeValue({ actorId, role: input.role, ...removed }),
          after: null,
        },
      ]);
      return { event: await writtenEvent(write, eventId) };
    });
  }

  @Mutation(() => AddCitationPayload, { description: 'Cites a source for an event. Needs an EDITOR token.' })
  addCitation(
    @Ctx() context: RequestContext,
    @Arg('input', () => AddCitationInput, { description: 'The event and what the source says.' })
    input: AddCitationInput,
  ) {
    const eventId = expectGlobalId(input.eventId, 'Event', 'input.eventId');
    checkedReason(input.reason, (checker) => checkCitation(checker, 'input', input));
    return runWrite(context, 'EDITOR', input.reason, async (write) => {
      await lockSubject(write, 'Event', eventId, 'input.eventId', input.expectedRevision);
      const citations = await resolveCitations(write, [input], () => 'input');
      const { ids, changes } = await addCitations(write, eventId, citations);
      await recordRevision(write, 'Event', eventId, 'ADD_CITATION', changes);
      return { event: await writtenEvent(write, eventId), citation: await writtenCitation(write, ids[0]!) };
    });
  }

  @Mutation(() => RemoveCitationPayload, { description: 'Removes a citation from its event. Needs an EDITOR token.' })
  removeCitation(
    @Ctx() context: RequestContext,
    @Arg('input', () => RemoveCitationInput, { description: 'The citation.' }) input: RemoveCitationInput,
  ) {
    const id = expectGlobalId(input.id, 'Citation', 'input.id');
    checkedReason(input.reason);
    return runWrite(context, 'EDITOR', input.reason, async (write) => {
      const citation = await findCitationForUpdate(write.sql, id);
      if (!citation) throw missing('No citation has the id given in `input.id`.', 'input.id');
      await lockSubject(write, 'Event', citation.eventId, 'input.id', input.expectedRevision);
      await deleteCitationRow(write.sql, id);
      await recordRevision(write, 'Event', citation.eventId, 'REMOVE_CITATION', [
        { field: 'citations', before: citationChangeValue(id, citation), after: null },
      ]);
      return { event: await writtenEvent(write, citation.eventId) };
    });
  }

  @Mutation(() => EventLinkPayload, {
    description:
      'Relates two events ("event <type> relatedEvent"); both get a revision. Relating an event to itself is BAD_USER_INPUT, an existing relation CONFLICT. Needs an EDITOR token.',
  })
  linkEvents(
    @Ctx() context: RequestContext,
    @Arg('input', () => EventLinkInput, { description: 'The two events and how they relate.' }) input: EventLinkInput,
  ) {
    return this.changeLink(context, input, 'LINK');
  }

  @Mutation(() => EventLinkPayload, {
    description:
      'Removes a relation between two events, given either way round (A PART_OF B or B HAS_PART A); both get a revision. Needs an EDITOR token.',
  })
  unlinkEvents(
    @Ctx() context: RequestContext,
    @Arg('input', () => EventLinkInput, { description: 'The two events and the relation.' }) input: EventLinkInput,
  ) {
    return this.changeLink(context, input, 'UNLINK');
  }

  private changeLink(context: RequestContext, input: EventLinkInput, action: 'LINK' | 'UNLINK') {
    const eventId = expectGlobalId(input.eventId, 'Event', 'input.eventId');
    const relatedId = expectGlobalId(input.relatedEventId, 'Event', 'input.relatedEventId');
    checkedReason(input.reason, (checker) =>
      checker.check('input.relatedEventId', eventId !== relatedId, 'An event cannot be related to itself.'),
    );
    return runWrite(context, 'EDITOR', input.reason, async (write) => {
      for (const [id, argument] of [
        [eventId, 'input.eventId'],
        [relatedId, 'input.relatedEventId'],
      ].sort(([a], [b]) => Number(BigInt(a!) - BigInt(b!)))) {
        await lockSubject(write, 'Event', id!, argument!);
      }
      const link = storedLink(eventId, input.type, relatedId);
      const changed =
        action === 'LINK'
          ? await insertRelation(write.sql, link.fromId, link.type, link.toId)
          : await deleteRelation(write.sql, link.fromId, link.type, link.toId);
      if (!changed) {
        throw new GraphQLError(
          action === 'LINK' ? 'The events are already related that way.' : 'The events are not related that way.',
          {
            extensions: {
              code: action === 'LINK' ? ErrorCode.CONFLICT : ErrorCode.NOT_FOUND,
              argument: 'input.relatedEventId',
            },
          },
        );
      }
      const sides: [string, RelationType, string][] = [
        [eventId, input.type, relatedId],
        [relatedId, INVERSE_RELATION[input.type], eventId],
      ];
      for (const [id, type, otherId] of sides) {
        const value = { type, event: toGlobalId('Event', otherId) };
        await recordRevision(write, 'Event', id, action, [
          { field: 'related', before: action === 'LINK' ? null : value, after: action === 'LINK' ? value : null },
        ]);
      }
      return { event: await writtenEvent(write, eventId), relatedEvent: await writtenEvent(write, relatedId) };
    });
  }
}
