import { SUBJECT_ENUM, type SubjectType } from './revision-subject';
import { type FieldChange } from '../curation/field-changes';
import { type SqlClient } from '../db/sql-client';
import { limitSql, SqlParams } from '../db/sql-params';

/** A revision as the read path returns it. */
export interface RevisionRow {
  subjectId: string;
  revision: number;
  action: string;
  recordedAt: Date;
  author: string;
  reason: string | null;
  changes: FieldChange[];
}

/** Which revisions of each subject: newest first, below `beforeRevision`, recorded by `asOf`. */
export interface RevisionPage {
  type: SubjectType;
  limit: number;
  beforeRevision: number | null;
  asOf: Date | null;
}

function conditions(page: Omit<RevisionPage, 'limit'>, params: SqlParams): string {
  return [
    `r.subject_type = ${params.add(SUBJECT_ENUM[page.type])}::revision_subject`,
    'r.subject_id = subject.id',
    ...(page.beforeRevision === null ? [] : [`r.revision < ${params.add(page.beforeRevision)}`]),
    ...(page.asOf === null ? [] : [`r.recorded_at <= ${params.add(page.asOf)}`]),
  ].join(' AND ');
}

/**
 * For each subject id, up to `limit` of its revisions, newest first, in one statement (an index
 * scan per subject on (subject_type, subject_id, revision)).
 */
export function findRevisionPages(sql: SqlClient, ids: readonly string[], page: RevisionPage): Promise<RevisionRow[]> {
  const params = new SqlParams();
  const subjects = params.add(ids);
  return sql.query<RevisionRow>(
    `SELECT subject.id::text AS "subjectId", r.revision, r.action, r.recorded_at AS "recordedAt", r.author, r.reason,
            r.changes
       FROM unnest(${subjects}::bigint[]) AS subject(id)
       CROSS JOIN LATERAL (SELECT * FROM revision r WHERE ${conditions(page, params)}
                            ORDER BY r.revision DESC LIMIT ${limitSql(page.limit)}) AS r
      ORDER BY subject.id, r.revision DESC`,
    params.values,
  );
}

/** For each subject id, how many revisions it has (recorded by `asOf`), in one statement. */
export async function countRevisions(
  sql: SqlClient,
  ids: readonly string[],
  page: Omit<RevisionPage, 'limit' | 'beforeRevision'>,
): Promise<Map<string, number>> {
  const params = new SqlParams();
  const subjects = params.add(ids);
  const rows = await sql.query<{ subjectId: string; count: number }>(
    `SELECT subject.id::text AS "subjectId",
            (SELECT count(*) FROM revision r WHERE ${conditions({ ...page, beforeRevision: null }, params)})::int AS count
       FROM unnest(${subjects}::bigint[]) AS subject(id)`,
    params.values,
  );
  return new Map(rows.map((row) => [row.subjectId, row.count]));
}
