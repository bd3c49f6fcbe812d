import { type SqlClient } from '../db/sql-client';
import { SqlParams, whereClause } from '../db/sql-params';
import { EVENT_COLUMNS, type EventRow } from '../events/event.row';
import { type EventCursor } from './event-cursor';
import { eventFilterConditions, type EventFilter } from './event-filter';

export type TimelineOrder = 'CHRONOLOGICAL' | 'REVERSE_CHRONOLOGICAL';

/** Which side of a cursor, in the timeline's order. */
export type CursorSide = 'after' | 'atOrAfter' | 'before' | 'atOrBefore';

/** A keyset bound on (start_at, id): rows on `side` of `cursor` when the timeline is in `order`. */
export interface CursorBound {
  cursor: EventCursor;
  side: CursorSide;
}

function boundCondition({ cursor, side }: CursorBound, order: TimelineOrder, params: SqlParams): string {
  const ascending = order === 'CHRONOLOGICAL';
  const later = side === 'after' || side === 'atOrAfter';
  const operator = (later === ascending ? '>' : '<') + (side.startsWith('at') ? '=' : '');
  return `(e.start_at, e.id) ${operator} (${params.add(cursor.startAt)}::timestamptz, ${params.add(cursor.id)}::bigint)`;
}

/**
 * Up to `limit` events matching `filter` within `bounds`, in `order` (start time, then id, so equal
 * times still have a total order), or in the reverse of `order` when `reversed` is set. Keyset
 * pagination: the cost does not grow with the depth of the page.
 */
export function findTimelineRows(
  sql: SqlClient,
  filter: EventFilter,
  order: TimelineOrder,
  bounds: readonly CursorBound[],
  limit: number,
  reversed = false,
): Promise<EventRow[]> {
  const params = new SqlParams();
  const conditions = [...eventFilterConditions(filter, params), ...bounds.map((b) => boundCondition(b, order, params))];
  const direction = (order === 'CHRONOLOGICAL') !== reversed ? 'ASC' : 'DESC';
  return sql.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM event e ${whereClause(conditions)}
      ORDER BY e.start_at ${direction}, e.id ${direction} LIMIT ${params.add(limit)}`,
    params.values,
  );
}

/** How many events match `filter` (cursors and page size do not apply). */
export async function countTimeline(sql: SqlClient, filter: EventFilter): Promise<number> {
  const params = new SqlParams();
  const [row] = await sql.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM event e ${whereClause(eventFilterConditions(filter, params))}`,
    params.values,
  );
  return row?.count ?? 0;
}

/** Whether any event matching `filter` lies on the given side of a cursor. */
export async function existsBeyond(
  sql: SqlClient,
  filter: EventFilter,
  order: TimelineOrder,
  bound: CursorBound,
): Promise<boolean> {
  const params = new SqlParams();
  const conditions = [...eventFilterConditions(filter, params), boundCondition(bound, order, params)];
  const [row] = await sql.query<{ exists: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM event e ${whereClause(conditions)}) AS exists`,
    params.values,
  );
  return row?.exists ?? false;
}
