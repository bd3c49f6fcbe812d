import { GraphQLError } from 'graphql';
import { fieldChanges } from '../curation/field-changes';
import { lockSubject, recordLastRevision, recordRevision } from '../curation/revision-log';
import { type Write } from '../curation/write-transaction';
import { ErrorCode } from '../graphql/errors';
import { toGlobalId } from '../shared/global-id';
import { mergeChanges, recordEach } from './actor-reference-changes';
import {
  findActorReferences,
  moveCitationActors,
  moveParticipations,
  movePublishers,
  recordActorMerge,
} from './actor-references.writes';
import {
  ACTOR_SNAPSHOT_FIELDS,
  type ActorColumns,
  type ActorSnapshot,
  deleteActorRow,
  findActorSnapshot,
  updateActorColumns,
} from './actor.writes';

/** One of the two actors of a merge: its id, where it was given, and the revision the client expects there. */
export interface MergeSide {
  id: string;
  argument: string;
  expected: { argument: string; revision: number | null | undefined };
}

/**
 * Locks the actors of a merge, the lower id first so that concurrent merges cannot deadlock, and
 * returns their revisions in the order given. An unknown one is NOT_FOUND on its argument; an
 * expected revision that is not the current one is CONFLICT on its own argument, carrying
 * `currentRevision`.
 */
export async function lockMergeSides(write: Write, sides: readonly MergeSide[]): Promise<number[]> {
  const revisions = new Map<MergeSide, number>();
  for (const side of [...sides].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))) {
    const revision = await lockSubject(write, 'Actor', side.id, side.argument);
    if (side.expected.revision != null && side.expected.revision !== revision) {
      throw new GraphQLError(
        `The actor given in \`${side.argument}\` is at revision ${revision}, not ${side.expected.revision}: someone changed it since you read it. Read it again and retry.`,
        { extensions: { code: ErrorCode.CONFLICT, argument: side.expected.argument, currentRevision: revision } },
      );
    }
    revisions.set(side, revision);
  }
  return sides.map((side) => revisions.get(side)!);
}

/**
 * The survivor's names, aliases, descriptions and sameAs after taking in the merged actor's: its
 * names and descriptions in languages the survivor lacks, its other names and its aliases as
 * aliases (none twice, none that is already a name), the union of sameAs. The survivor's own
 * values stay first and unchanged.
 */
export function mergedActorFields(survivor: ActorSnapshot, merged: ActorSnapshot): ActorColumns {
  const names: Record<string, string> = { ...survivor.names };
  const otherNames: string[] = [];
  for (const [lang, text] of Object.entries(merged.names)) {
    if (lang in names) otherNames.push(text);
    else names[lang] = text;
  }
  const known = new Set([...Object.values(names), ...survivor.aliases]);
  const aliases = [...survivor.aliases];
  for (const alias of [...otherNames, ...merged.aliases]) {
    if (!known.has(alias)) aliases.push(alias);
    known.add(alias);
  }
  const descriptions: Record<string, string> = { ...survivor.descriptions };
  for (const [lang, text] of Object.entries(merged.descriptions)) descriptions[lang] ??= text;
  return { names, aliases, descriptions, same_as: [...new Set([...survivor.sameAs, ...merged.sameAs])] };
}

/**
 * Merges the actor `mergedId` (at revision `mergedRevision`, both rows locked) into `survivorId`:
 * moves its participations, citations and sources, folds its fields into the survivor's, keeps
 * its id and slug leading to the survivor, deletes it, and records a MERGE revision on the
 * survivor (with `mergedActor`), a last one on the merged actor (with `mergedInto`), and one on
 * each event and source that changed.
 */
export async function mergeActorInto(
  write: Write,
  survivorId: string,
  mergedId: string,
  mergedRevision: number,
): Promise<void> {
  const survivorBefore = (await findActorSnapshot(write.sql, survivorId))!;
  const mergedBefore = (await findActorSnapshot(write.sql, mergedId))!;
  const references = await findActorReferences(write.sql, mergedId, survivorId);
  await moveParticipations(write.sql, mergedId, survivorId);
  await moveCitationActors(write.sql, mergedId, survivorId);
  await movePublishers(write.sql, mergedId, survivorId);
  await recordActorMerge(write.sql, mergedId, mergedBefore.slug, survivorId);
  await deleteActorRow(write.sql, mergedId);
  await updateActorColumns(write.sql, survivorId, mergedActorFields(survivorBefore, mergedBefore));
  const survivorAfter = (await findActorSnapshot(write.sql, survivorId))!;
  await recordRevision(write, 'Actor', survivorId, 'MERGE', [
    ...fieldChanges(survivorBefore, survivorAfter, ACTOR_SNAPSHOT_FIELDS),
    { field: 'mergedActor', before: null, after: { id: toGlobalId('Actor', mergedId), slug: mergedBefore.slug } },
  ]);
  await recordLastRevision(write, 'Actor', mergedId, mergedRevision, 'MERGE', [
    ...fieldChanges(mergedBefore, null, ACTOR_SNAPSHOT_FIELDS),
    { field: 'mergedInto', before: null, after: { id: toGlobalId('Actor', survivorId), slug: survivorAfter.slug } },
  ]);
  const changes = mergeChanges(mergedId, survivorId, references);
  await recordEach(write, 'Event', changes.events, () => 'MERGE');
  await recordEach(write, 'Source', changes.sources, () => 'MERGE');
}
