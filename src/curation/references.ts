import { expectGlobalId } from '../shared/global-id';
import { SUBJECT_TABLE, type SubjectType } from '../history/revision-subject';
import { notFound } from './revision-log';
import { type Write } from './write-transaction';

/** A global id given in the input, the type it must be, and where it was given. */
export interface Reference {
  type: SubjectType;
  globalId: string;
  argument: string;
}

/**
 * How a write locks the rows it refers to: to keep them (KEY SHARE), to change them itself
 * (UPDATE), or not yet (null: it locks what depends on them first, then resolves them again).
 */
export type ReferenceLock = 'KEY SHARE' | 'UPDATE' | null;

/**
 * Looks up and locks the rows of `wanted` ids of `type` (an actor merged into another by its
 * survivor), in id order, adding what it finds to `resolved`. Returns the ids it did not find.
 */
async function lockExisting(
  write: Write,
  type: SubjectType,
  wanted: readonly string[],
  resolved: Map<string, string>,
  lock: ReferenceLock,
): Promise<string[]> {
  const redirect =
    type === 'Actor'
      ? `LEFT JOIN actor_merge m ON m.merged_id = wanted.id
         JOIN actor t ON t.id = coalesce(m.survivor_id, wanted.id)`
      : `JOIN ${SUBJECT_TABLE[type]} t ON t.id = wanted.id`;
  const rows = await write.sql.query<{ wanted: string; id: string }>(
    `SELECT wanted.id::text AS wanted, t.id::text AS id FROM unnest($1::bigint[]) AS wanted(id) ${redirect}
      ORDER BY t.id${lock ? ` FOR ${lock} OF t` : ''}`,
    [wanted],
  );
  for (const row of rows) resolved.set(`${type}:${row.wanted}`, row.id);
  return wanted.filter((id) => !resolved.has(`${type}:${id}`));
}

/**
 * The database ids of `references`, in order, each checked to exist: a malformed id or one of
 * another type is BAD_USER_INPUT, an unknown one NOT_FOUND, each naming its input path. An actor
 * merged into another resolves to the survivor. Each row found is locked until the write commits
 * (FOR KEY SHARE; FOR UPDATE with `lock: 'UPDATE'`, for the rows the write changes, since two
 * writers upgrading a shared lock would deadlock), so a concurrent delete either waits for the
 * write or, having committed first, makes the reference NOT_FOUND: never a foreign key violation.
 * A reference missing at first is looked up once more, in case a concurrent merge redirected it
 * while this write waited. One statement per type, two at most.
 */
export async function resolveReferences(
  write: Write,
  references: readonly Reference[],
  lock: ReferenceLock = 'KEY SHARE',
): Promise<string[]> {
  const ids = references.map((reference) => expectGlobalId(reference.globalId, reference.type, reference.argument));
  const resolved = new Map<string, string>();
  for (const type of ['Event', 'Actor', 'Source'] as const) {
    const wanted = [...new Set(ids.filter((_, index) => references[index]!.type === type))];
    if (!wanted.length) continue;
    const missing = await lockExisting(write, type, wanted, resolved, lock);
    if (missing.length) await lockExisting(write, type, missing, resolved, lock);
  }
  return references.map((reference, index) => {
    const id = resolved.get(`${reference.type}:${ids[index]}`);
    if (!id) throw notFound(reference.type, reference.argument);
    return id;
  });
}
