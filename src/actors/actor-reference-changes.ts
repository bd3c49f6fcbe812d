import { type FieldChange } from '../curation/field-changes';
import { recordRevision, type RevisionAction } from '../curation/revision-log';
import { type SubjectType } from '../history/revision-subject';
import { type Write } from '../curation/write-transaction';
import { citationChangeValue, participationChangeValue } from '../events/event-parts';
import { type CitationRecord } from '../events/event.writes';
import { toGlobalId } from '../shared/global-id';
import { type ActorReferences } from './actor-references.writes';

/** What an actor's deletion or merge changes in the events and sources that name it, by their ids. */
export interface ReferenceChanges {
  events: Map<string, FieldChange[]>;
  sources: Map<string, FieldChange[]>;
}

function grouped(entries: readonly (readonly [string, FieldChange])[]): Map<string, FieldChange[]> {
  const groups = new Map<string, FieldChange[]>();
  for (const [id, change] of entries) groups.set(id, [...(groups.get(id) ?? []), change]);
  return groups;
}

function withActor(citation: CitationRecord, from: string, to: string | null): CitationRecord {
  return {
    ...citation,
    speakerId: citation.speakerId === from ? to : citation.speakerId,
    attributedToId: citation.attributedToId === from ? to : citation.attributedToId,
  };
}

function citationChanges(citations: readonly CitationRecord[], from: string, to: string | null) {
  return citations.map(
    (citation) =>
      [
        citation.eventId,
        {
          field: 'citations',
          before: citationChangeValue(citation.id, citation),
          after: citationChangeValue(citation.id, withActor(citation, from, to)),
        },
      ] as const,
  );
}

function publisherChanges(sourceIds: readonly string[], from: string, to: string | null) {
  return grouped(
    sourceIds.map((id) => [
      id,
      { field: 'publisher', before: toGlobalId('Actor', from), after: to && toGlobalId('Actor', to) },
    ]),
  );
}

/**
 * The changes deleting the actor makes: each event loses its participations (`participants`,
 * after null) and the actor as speaker or attribution of its citations (`citations`), each
 * source loses its publisher.
 */
export function deletionChanges(actorId: string, references: ActorReferences): ReferenceChanges {
  return {
    events: grouped([
      ...references.participations.map(
        ({ eventId, role, note }) =>
          [
            eventId,
            { field: 'participants', before: participationChangeValue({ actorId, role, note }), after: null },
          ] as const,
      ),
      ...citationChanges(references.citations, actorId, null),
    ]),
    sources: publisherChanges(references.sourceIds, actorId, null),
  };
}

/**
 * The changes merging `mergedId` into `survivorId` makes: each participation passes to the
 * survivor (or into the survivor's own, noted as such), citations and sources name the survivor.
 */
export function mergeChanges(mergedId: string, survivorId: string, references: ActorReferences): ReferenceChanges {
  return {
    events: grouped([
      ...references.participations.map(
        ({ eventId, role, note, survivorTakesPart, survivorNote }) =>
          [
            eventId,
            {
              field: 'participants',
              before: participationChangeValue({ actorId: mergedId, role, note }),
              after: participationChangeValue({
                actorId: survivorId,
                role,
                note: survivorTakesPart ? (survivorNote ?? note) : note,
              }),
            },
          ] as const,
      ),
      ...citationChanges(references.citations, mergedId, survivorId),
    ]),
    sources: publisherChanges(references.sourceIds, mergedId, survivorId),
  };
}

/** Appends one revision to each object of `type` in `changes`, with the action `action` gives for its changes. */
export async function recordEach(
  write: Write,
  type: SubjectType,
  changes: ReadonlyMap<string, readonly FieldChange[]>,
  action: (changes: readonly FieldChange[]) => RevisionAction,
): Promise<void> {
  for (const [id, objectChanges] of changes)
    await recordRevision(write, type, id, action(objectChanges), objectChanges);
}
