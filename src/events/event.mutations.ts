import { GraphQLError } from 'graphql';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { fieldChanges, type FieldChange } from '../curation/field-changes';
import { InputChecker } from '../curation/input-checker';
import { lockSubject, recordDeletion, recordRevision } from '../curation/revision-log';
import { writtenCitation, writtenEvent } from '../curation/event-rows';
import { runWrite, type Write } from '../curation/write-transaction';
import { type RequestContext } from '../graphql/context';
import { ErrorCode } from '../graphql/errors';
import { expectGlobalId, toGlobalId } from '../shared/global-id';
import { checkCitation, checkCreateEvent, checkReason, checkUpdateEvent } from './event-input.checks';
import { addCitations, addParticipations, resolveCitations, resolveParticipants } from './event-parts';
import { CreateEventInput, DeleteEventInput, SetEventStatusInput, UpdateEventInput } from './event-write.inputs';
import {
  CreateEventPayload,
  DeleteEventPayload,
  SetEventStatusPayload,
  UpdateEventPayload,
} from './event-write.payloads';
import {
  deleteEventRow,
  EVENT_SNAPSHOT_FIELDS,
  findEventSnapshot,
  findPlaceIdBySlug,
  insertEvent,
  lockEventWithRelated,
  updateEventColumns,
} from './event.writes';
import { findRelationsByEventIds, INVERSE_RELATION, type RelationRow } from './relation.queries';

async function placeIdOf(write: Write, slug: string | null | undefined): Promise<string | null | undefined> {
  if (slug == null) return slug;
  const id = slug.includes('\u0000') ? null : await findPlaceIdBySlug(write.sql, slug);
  if (!id) {
    throw new GraphQLError(`No place has the slug "${slug.slice(0, 120)}".`, {
      extensions: { code: ErrorCode.NOT_FOUND, argument: 'input.placeSlug' },
    });
  }
  return id;
}

/** Creating, changing and deleting events; every change is one transaction and one revision. */
@Resolver()
export class EventMutationResolver {
  @Mutation(() => CreateEventPayload, {
    description: 'Records a new event, with its participants and citations, as revision 1. Needs an EDITOR token.',
  })
  createEvent(
    @Ctx() context: RequestContext,
    @Arg('input', () => CreateEventInput, { description: 'The event.' }) input: CreateEventInput,
  ) {
    const columns = checkCreateEvent(input);
    return runWrite(context, 'EDITOR', input.reason, async (write) => {
      const placeId = await placeIdOf(write, input.placeSlug);
      const participants = await resolveParticipants(
        write,
        input.participants ?? [],
        (i) => `input.participants[${i}]`,
      );
      const citations = await resolveCitations(write, input.citations ?? [], (i) => `input.citations[${i}]`);
      const id = await insertEvent(write.sql, { ...columns, place_id: placeId ?? null });
      const changes = [
        ...fieldChanges(null, await findEventSnapshot(write.sql, id), EVENT_SNAPSHOT_FIELDS),
        ...(await addParticipations(write, id, participants, (i) => `input.participants[${i}]`)),
        ...(await addCitations(write, id, citations)).changes,
      ];
      await recordRevision(write, 'Event', id, 'CREATE', changes, { created: true });
      return { event: await writtenEvent(write, id) };
    });
  }

  @Mutation(() => UpdateEventPayload, {
    description:
      'Changes fields of an event; fields left out stay as they are. A change that changes nothing records no revision. Needs an EDITOR token.',
  })
  updateEvent(
    @Ctx() context: RequestContext,
    @Arg('input', () => UpdateEventInput, { description: 'The event and the changes.' }) input: UpdateEventInput,
  ) {
    const id = expectGlobalId(input.id, 'Event', 'input.id');
    return runWrite(context, 'EDITOR', input.reason, async (write) => {
      await lockSubject(write, 'Event', id, 'input.id', input.expectedRevision);
      const before = (await findEventSnapshot(write.sql, id))!;
      const columns = checkUpdateEvent(input, before);
      const placeId = await placeIdOf(write, input.placeSlug);
      await updateEventColumns(write.sql, id, { ...columns, place_id: placeId });
      const changes = fieldChanges(before, await findEventSnapshot(write.sql, id), EVENT_SNAPSHOT_FIELDS);
      if (changes.length) await recordRevision(write, 'Event', id, 'UPDATE', changes);
      return { event: await writtenEvent(write, id) };
    });
  }

  @Mutation(() => SetEventStatusPayload, {
    description:
      'Sets the status of an event (PLANNED → OCCURRED, CANCELLED, POSTPONED), optionally citing the source that reports it, in one revision. Needs an EDITOR token.',
  })
  setEventStatus(
    @Ctx() context: RequestContext,
    @Arg('input', () => SetEventStatusInput, { description: 'The event, its new status and the source.' })
    input: SetEventStatusInput,
  ) {
    const id = expectGlobalId(input.id, 'Event', 'input.id');
    const checker = new InputChecker();
    if (input.citation) checkCitation(checker, 'input.citation', input.citation);
    checkReason(checker, input.reason);
    checker.throwIfInvalid();
    return runWrite(context, 'EDITOR', input.reason, async (write) => {
      await lockSubject(write, 'Event', id, 'input.id', input.expectedRevision);
      const before = await findEventSnapshot(write.sql, id);
      const citations = await resolveCitations(write, input.citation ? [input.citation] : [], () => 'input.citation');
      await updateEventColumns(write.sql, id, { status: input.status });
      const added = await addCitations(write, id, citations);
      const changes = [
        ...fieldChanges(before, await findEventSnapshot(write.sql, id), EVENT_SNAPSHOT_FIELDS),
        ...added.changes,
      ];
      if (changes.length) await recordRevision(write, 'Event', id, 'SET_STATUS', changes);
      return {
        event: await writtenEvent(write, id),
        citation: added.ids.length ? await writtenCitation(write, added.ids[0]!) : null,
      };
    });
  }

  @Mutation(() => DeleteEventPayload, {
    description:
      'Deletes an event with its participations, citations and relations. Its history stays, and `asOf` an earlier instant still shows it. Needs an ADMIN token.',
  })
  deleteEvent(
    @Ctx() context: RequestContext,
    @Arg('input', () => DeleteEventInput, { description: 'The event.' }) input: DeleteEventInput,
  ) {
    const id = expectGlobalId(input.id, 'Event', 'input.id');
    const checker = new InputChecker();
    checkReason(checker, input.reason);
    checker.throwIfInvalid();
    return runWrite(context, 'ADMIN', input.reason, async (write) => {
      await lockEventWithRelated(write.sql, id);
      const revision = await lockSubject(write, 'Event', id, 'input.id', input.expectedRevision);
      const before = await findEventSnapshot(write.sql, id);
      const relations: RelationRow[] = await findRelationsByEventIds(write.sql, [id]);
      await deleteEventRow(write.sql, id);
      await recordDeletion(write, 'Event', id, revision, fieldChanges(before, null, EVENT_SNAPSHOT_FIELDS));
      const lostRelations = new Map<string, FieldChange[]>();
      for (const relation of relations) {
        const seenFromOther = { type: INVERSE_RELATION[relation.type], event: toGlobalId('Event', id) };
        const changes = lostRelations.get(relation.otherEventId) ?? [];
        lostRelations.set(relation.otherEventId, [
          ...changes,
          { field: 'related', before: seenFromOther, after: null },
        ]);
      }
      for (const [otherId, changes] of lostRelations) await recordRevision(write, 'Event', otherId, 'UNLINK', changes);
      return { deletedEventId: toGlobalId('Event', id) };
    });
  }
}
