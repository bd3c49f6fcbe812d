import { InputChecker } from '../curation/input-checker';
import { resolveReferences, type Reference } from '../curation/references';
import { type FieldChange } from '../curation/field-changes';
import { type Write } from '../curation/write-transaction';
import { ErrorCode } from '../graphql/errors';
import { toGlobalId } from '../shared/global-id';
import { GraphQLError } from 'graphql';
import { type CitationInput, type ParticipantInput } from './event-write.inputs';
import { type CitationValues, insertCitation, insertParticipation, type ParticipationValues } from './event.writes';

/** How a participation appears in an event's history. */
export function participationChangeValue({ actorId, role, note }: ParticipationValues) {
  return { actor: toGlobalId('Actor', actorId), role, note };
}

/** How a citation appears in an event's history. */
export function citationChangeValue(id: string, values: CitationValues) {
  return {
    id: toGlobalId('Citation', id),
    source: toGlobalId('Source', values.sourceId),
    attributedTo: values.attributedToId && toGlobalId('Actor', values.attributedToId),
    speaker: values.speakerId && toGlobalId('Actor', values.speakerId),
    quote: values.quote,
    note: values.note,
  };
}

/** Participants given in the input with their actors resolved (merged actors to survivors). */
export async function resolveParticipants(
  write: Write,
  participants: readonly ParticipantInput[],
  argument: (index: number) => string,
): Promise<ParticipationValues[]> {
  const actorIds = await resolveReferences(
    write,
    participants.map((participant, index) => ({
      type: 'Actor',
      globalId: participant.actorId,
      argument: `${argument(index)}.actorId`,
    })),
  );
  const checker = new InputChecker();
  const seen = new Set<string>();
  participants.forEach((participant, index) => {
    const key = `${actorIds[index]}:${participant.role}`;
    checker.check(`${argument(index)}`, !seen.has(key), 'This actor is listed twice in the same role.');
    seen.add(key);
  });
  checker.throwIfInvalid();
  return participants.map((participant, index) => ({
    actorId: actorIds[index]!,
    role: participant.role,
    note: participant.note?.trim() || null,
  }));
}

/** Citations given in the input with their source and actors resolved, in one statement per type. */
export async function resolveCitations(
  write: Write,
  citations: readonly CitationInput[],
  argument: (index: number) => string,
): Promise<CitationValues[]> {
  const references: Reference[] = [];
  const slots = citations.map((citation, index) => {
    const add = (type: Reference['type'], globalId: string | null | undefined, field: string) => {
      if (globalId == null) return -1;
      references.push({ type, globalId, argument: `${argument(index)}.${field}` });
      return references.length - 1;
    };
    return {
      source: add('Source', citation.sourceId, 'sourceId'),
      attributedTo: add('Actor', citation.attributedToId, 'attributedToId'),
      speaker: add('Actor', citation.speakerId, 'speakerId'),
    };
  });
  const ids = await resolveReferences(write, references);
  return citations.map((citation, index) => {
    const slot = slots[index]!;
    return {
      sourceId: ids[slot.source]!,
      attributedToId: slot.attributedTo < 0 ? null : ids[slot.attributedTo]!,
      speakerId: slot.speaker < 0 ? null : ids[slot.speaker]!,
      quote: citation.quote?.trim() || null,
      note: citation.note?.trim() || null,
    };
  });
}

/** Adds participations to an event; CONFLICT naming the input path if one is already there. */
export async function addParticipations(
  write: Write,
  eventId: string,
  participations: readonly ParticipationValues[],
  argument: (index: number) => string,
): Promise<FieldChange[]> {
  const changes: FieldChange[] = [];
  for (const [index, participation] of participations.entries()) {
    if (!(await insertParticipation(write.sql, eventId, participation))) {
      throw new GraphQLError('This actor already takes part in the event in that role.', {
        extensions: { code: ErrorCode.CONFLICT, argument: argument(index) },
      });
    }
    changes.push({ field: 'participants', before: null, after: participationChangeValue(participation) });
  }
  return changes;
}

/** Adds citations to an event; returns their ids and the changes for its revision. */
export async function addCitations(
  write: Write,
  eventId: string,
  citations: readonly CitationValues[],
): Promise<{ ids: string[]; changes: FieldChange[] }> {
  const ids: string[] = [];
  const changes: FieldChange[] = [];
  for (const citation of citations) {
    const id = await insertCitation(write.sql, eventId, citation);
    ids.push(id);
    changes.push({ field: 'citations', before: null, after: citationChangeValue(id, citation) });
  }
  return { ids, changes };
}
