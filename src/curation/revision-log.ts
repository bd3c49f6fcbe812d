import { GraphQLError } from 'graphql';
import { ErrorCode } from '../graphql/errors';
import { SUBJECT_ENUM, SUBJECT_TABLE, type SubjectType } from '../history/revision-subject';
import { type FieldChange } from './field-changes';
import { type Write } from './write-transaction';

/** What a revision did to its subject. */
export type RevisionAction =
  | 'CREATE'
  | 'UPDATE'
  | 'DELETE'
  | 'SET_STATUS'
  | 'ADD_PARTICIPANT'
  | 'REMOVE_PARTICIPANT'
  | 'ADD_CITATION'
  | 'REMOVE_CITATION'
  | 'LINK'
  | 'UNLINK'
  | 'MERGE';

/**
 * Locks the subject's row for the rest of the write and returns its current revision. A missing
 * row is NOT_FOUND on `argument`; with `expectedRevision`, any other current revision is CONFLICT
 * carrying `currentRevision`, so a client that edited a stale copy never overwrites a newer one.
 */
export async function lockSubject(
  write: Write,
  type: SubjectType,
  id: string,
  argument: string,
  expectedRevision?: number | null,
): Promise<number> {
  const [row] = await write.sql.query<{ revision: number }>(
    `SELECT revision FROM ${SUBJECT_TABLE[type]} WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!row) throw notFound(type, argument);
  if (expectedRevision != null && expectedRevision !== row.revision) {
    throw new GraphQLError(
      `The ${type.toLowerCase()} is at revision ${row.revision}, not ${expectedRevision}: someone changed it since you read it. Read it again and retry.`,
      { extensions: { code: ErrorCode.CONFLICT, argument: 'input.expectedRevision', currentRevision: row.revision } },
    );
  }
  return row.revision;
}

/** NOT_FOUND for an id of `type` given in `argument`. */
export function notFound(type: SubjectType, argument: string): GraphQLError {
  return new GraphQLError(`No ${type.toLowerCase()} has the id given in \`${argument}\`.`, {
    extensions: { code: ErrorCode.NOT_FOUND, argument },
  });
}

async function appendRevision(
  write: Write,
  type: SubjectType,
  id: string,
  revision: number,
  action: RevisionAction,
  changes: readonly FieldChange[],
): Promise<void> {
  await write.sql.query(
    `INSERT INTO revision (subject_type, subject_id, revision, action, author, token_id, reason, changes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    [
      SUBJECT_ENUM[type],
      id,
      revision,
      action,
      write.author.name,
      write.author.tokenId,
      write.reason,
      JSON.stringify(changes),
    ],
  );
}

/**
 * Appends the subject's next revision to the log and bumps its `revision` (the history trigger
 * keeps the version it replaces). Returns the new revision number. For a created subject pass
 * `created: true`: its row already has revision 1.
 */
export async function recordRevision(
  write: Write,
  type: SubjectType,
  id: string,
  action: RevisionAction,
  changes: readonly FieldChange[],
  { created = false } = {},
): Promise<number> {
  let revision = 1;
  if (!created) {
    const [row] = await write.sql.query<{ revision: number }>(
      `UPDATE ${SUBJECT_TABLE[type]} SET revision = revision + 1 WHERE id = $1 RETURNING revision`,
      [id],
    );
    revision = row!.revision;
  }
  await appendRevision(write, type, id, revision, action, changes);
  return revision;
}

/**
 * Appends the last revision of a subject whose row is gone (DELETE, or MERGE for an actor merged
 * into another); the number follows its last.
 */
export function recordLastRevision(
  write: Write,
  type: SubjectType,
  id: string,
  lastRevision: number,
  action: RevisionAction,
  changes: readonly FieldChange[],
): Promise<void> {
  return appendRevision(write, type, id, lastRevision + 1, action, changes);
}

/** Appends the DELETE revision of a deleted subject (see {@link recordLastRevision}). */
export function recordDeletion(
  write: Write,
  type: SubjectType,
  id: string,
  lastRevision: number,
  changes: readonly FieldChange[],
): Promise<void> {
  return recordLastRevision(write, type, id, lastRevision, 'DELETE', changes);
}
