import { type SqlClient } from '../db/sql-client';
import { type EventRow } from '../events/event.row';
import { type ConnectionSource } from '../shared/connection';
import { parsePageRequest, type ConnectionArgs } from '../shared/page-request';
import { decodeEventCursor, encodeEventCursor } from './event-cursor';
import { type EventFilter } from './event-filter';
import {
  countTimeline,
  existsBeyond,
  findTimelineRows,
  type CursorBound,
  type TimelineOrder,
} from './timeline.queries';

/**
 * One page of the timeline as a Relay connection. Forward pages (`first`/`after`) and backward
 * pages (`last`/`before`) are both keyset queries; `after` and `before` may bound the same page.
 * The flag for the far side of a cursor and `totalCount` cost a query each, run only if selected.
 */
export async function loadTimelineConnection(
  sql: SqlClient,
  filter: EventFilter,
  order: TimelineOrder,
  args: ConnectionArgs,
): Promise<ConnectionSource<EventRow>> {
  const page = parsePageRequest(args);
  const after = page.after === null ? null : decodeEventCursor(page.after, 'after');
  const before = page.before === null ? null : decodeEventCursor(page.before, 'before');
  const bounds: CursorBound[] = [];
  if (after) bounds.push({ cursor: after, side: 'after' });
  if (before) bounds.push({ cursor: before, side: 'before' });

  const backward = page.direction === 'backward';
  const fetched = await findTimelineRows(sql, filter, order, bounds, page.size + 1, backward);
  const hasMore = fetched.length > page.size;
  const rows = fetched.slice(0, page.size);
  if (backward) rows.reverse();

  const beyondAfter = () => (after ? existsBeyond(sql, filter, order, { cursor: after, side: 'atOrBefore' }) : false);
  const beyondBefore = () => (before ? existsBeyond(sql, filter, order, { cursor: before, side: 'atOrAfter' }) : false);
  const edges = rows.map((row) => ({ cursor: encodeEventCursor(row), node: row }));
  return {
    edges,
    nodes: rows,
    pageInfo: {
      hasNextPage: backward ? beyondBefore : () => hasMore,
      hasPreviousPage: backward ? () => hasMore : beyondAfter,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: () => countTimeline(sql, filter),
  };
}
