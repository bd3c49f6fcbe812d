import { type SqlClient } from '../db/sql-client';
import { limitSql, SqlParams, whereClause } from '../db/sql-params';
import { type FieldChange } from '../curation/field-changes';
import { eventRowSearchCondition } from '../search/search-conditions';
import { resolveSearch } from '../search/search-estimates';
import { eventFilterConditions, type EventFilter } from '../timeline/event-filter';
import { encodeChangeCursor, type ChangePosition } from './change-cursor';
import { type ChangeAction, type ChangeRow } from './change.row';

interface LogRow {
  at: string;
  revisionId: string;
  eventId: string;
  revision: number;
  action: string;
  recordedAt: Date;
  author: string;
  reason: string | null;
  changes: FieldChange[];
}

/** The instant as text that sorts as the instant does (see ChangePosition). */
const AT_TEXT = `to_char(r.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function actionOf(revisionAction: string): ChangeAction {
  if (revisionAction === 'CREATE') return 'CREATED';
  return revisionAction === 'DELETE' ? 'DELETED' : 'UPDATED';
}

function toChange(row: LogRow): ChangeRow {
  const position = { at: row.at, revisionId: BigInt(row.revisionId) };
  return {
    position,
    cursor: encodeChangeCursor(position),
    eventId: row.eventId,
    action: actionOf(row.action),
    recordedAt: row.recordedAt,
    revision: {
      subjectId: row.eventId,
      revision: row.revision,
      action: row.action,
      recordedAt: row.recordedAt,
      author: row.author,
      reason: row.reason,
      changes: row.changes,
    },
  };
}

function positionCondition(operator: '>' | '<=', position: ChangePosition, params: SqlParams): string {
  return `(r.recorded_at, r.id) ${operator} (${params.add(position.at)}::timestamptz, ${params.add(String(position.revisionId))}::bigint)`;
}

/**
 * Up to `limit` changes to events after `after` (and at or before `upTo`, when given), in commit
 * order: one range scan of the log's commit-order index. Only committed revisions are stamped, and
 * a transaction holds the recording lock until its commit is visible, so once a change is read,
 * every change before it is readable too: reading on from the last one read never skips one.
 */
export async function findChangesAfter(
  sql: SqlClient,
  after: ChangePosition,
  limit: number,
  upTo?: ChangePosition,
): Promise<ChangeRow[]> {
  const params = new SqlParams();
  const conditions = [
    `r.subject_type = 'EVENT'`,
    positionCondition('>', after, params),
    ...(upTo ? [positionCondition('<=', upTo, params)] : []),
  ];
  const rows = await sql.query<LogRow>(
    `SELECT ${AT_TEXT} AS at, r.id::text AS "revisionId", r.subject_id::text AS "eventId", r.revision, r.action,
            r.recorded_at AS "recordedAt", r.author, r.reason, r.changes
       FROM revision r ${whereClause(conditions)}
      ORDER BY r.recorded_at, r.id LIMIT ${limitSql(limit)}`,
    params.values,
  );
  return rows.map(toChange);
}

/** The position of the latest change to an event; null on an empty log. */
export async function findLatestChangePosition(sql: SqlClient): Promise<ChangePosition | null> {
  const [row] = await sql.query<{ at: string; revisionId: string }>(
    `SELECT ${AT_TEXT} AS at, r.id::text AS "revisionId" FROM revision r
      WHERE r.subject_type = 'EVENT' AND r.recorded_at IS NOT NULL
      ORDER BY r.recorded_at DESC, r.id DESC LIMIT 1`,
  );
  return row ? { at: row.at, revisionId: BigInt(row.revisionId) } : null;
}

/** Whether the log holds the change at `position` (a change to an event, recorded at that instant). */
export async function isChangeInLog(sql: SqlClient, position: ChangePosition): Promise<boolean> {
  const [row] = await sql.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM revision r WHERE r.id = $1::bigint AND r.subject_type = 'EVENT'
                       AND r.recorded_at = $2::timestamptz) AS found`,
    [String(position.revisionId), position.at],
  );
  return row?.found ?? false;
}

/**
 * For each of `filters`, which of the events `eventIds` match it, in one statement over `event e`
 * (so, through an as-of client, as the events were at its instant): a column per filter. Search
 * terms are resolved first, all filters' in one statement, and tested on each of the events.
 */
export async function findMatchingEvents(
  sql: SqlClient,
  eventIds: readonly string[],
  filters: readonly EventFilter[],
): Promise<Set<string>[]> {
  const searchTerms = filters.flatMap((filter) => filter.searchTerms ?? []);
  const resolved = searchTerms.length ? (await resolveSearch(sql, searchTerms)).terms : [];
  const params = new SqlParams();
  const ids = params.add(eventIds);
  let resolvedTaken = 0;
  const columns = filters.map(({ searchTerms: terms = [], ...filter }, index) => {
    const termsResolved = resolved.slice(resolvedTaken, (resolvedTaken += terms.length));
    const conditions = [...eventFilterConditions(filter, params), eventRowSearchCondition('e', termsResolved, params)];
    return `(${conditions.join(' AND ')}) AS m${index}`;
  });
  const rows = await sql.query<Record<string, unknown> & { id: string }>(
    `SELECT e.id::text AS id, ${columns.join(', ')} FROM event e WHERE e.id = ANY(${ids}::bigint[])`,
    params.values,
  );
  return filters.map((_, index) => new Set(rows.filter((row) => row[`m${index}`] === true).map((row) => row.id)));
}
