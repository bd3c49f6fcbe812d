import { type SqlClient } from '../db/sql-client';
import { limitSql, SqlParams, whereClause } from '../db/sql-params';
import { queryJsonRows } from '../db/json-rows';
import { plannedEventRow, readPlannedEvents, WHOLE_EVENTS, type EventPlan } from '../events/event-plan';
import { type EventRow } from '../events/event.row';
import { eventRowSearchCondition, eventsMatchingTerm } from '../search/search-conditions';
import { type ResolvedTerm } from '../search/resolved-term';
import { type SearchEstimates } from '../search/search-estimates';
import {
  chooseSearchStrategy,
  scopedSearchTest,
  type SearchStrategy,
  type SearchTest,
} from '../search/search-strategy';
import { type EventCursor } from './event-cursor';
import {
  eventFilterConditions,
  resolveEventFilter,
  scopeCondition,
  scopeRoleConditions,
  testsOnlyEventRows,
  type EventFilter,
  type ResolvedEventFilter,
  type ScopeKind,
} from './event-filter';

export type TimelineOrder = 'CHRONOLOGICAL' | 'REVERSE_CHRONOLOGICAL';

/** Which events, in which order; optionally only one actor's or source's. */
export interface TimelineSelection {
  filter: EventFilter;
  order: TimelineOrder;
  scope?: { kind: ScopeKind; id: string };
  /** The columns and relations to fetch with each event of a page (whole rows, no relations, by default). */
  plan?: EventPlan;
}

/** A selection whose filter's search terms were resolved: what the statements below are built from. */
export interface ResolvedSelection extends Omit<TimelineSelection, 'filter'> {
  filter: ResolvedEventFilter;
}

/** `selection` with its filter resolved (see resolveEventFilter): one statement if it searches, none otherwise. */
export async function resolveSelection<Selection extends Omit<TimelineSelection, 'scope'>>(
  sql: SqlClient,
  selection: Selection,
): Promise<Omit<Selection, 'filter'> & { filter: ResolvedEventFilter }> {
  return { ...selection, filter: await resolveEventFilter(sql, selection.filter) };
}

/** Which side of a cursor, in the timeline's order. */
export type CursorSide = 'after' | 'atOrAfter' | 'before' | 'atOrBefore';

/** A keyset bound on (start_at, id): rows on `side` of `cursor` when the timeline is in `order`. */
export interface CursorBound {
  cursor: EventCursor;
  side: CursorSide;
}

type KeyColumns = readonly [startAt: string, id: string];

const EVENT_KEY: KeyColumns = ['e.start_at', 'e.id'];
const SCOPED_KEY: KeyColumns = ['scoped.event_start_at', 'scoped.event_id'];

function boundCondition(
  { cursor, side }: CursorBound,
  order: TimelineOrder,
  params: SqlParams,
  [startAt, id]: KeyColumns = EVENT_KEY,
  planned = true,
): string {
  const ascending = order === 'CHRONOLOGICAL';
  const later = side === 'after' || side === 'atOrAfter';
  const operator = (later === ascending ? '>' : '<') + (side.startsWith('at') ? '=' : '');
  const cursorStart = params.addTyped(cursor.startAt, 'timestamptz', planned);
  return `(${startAt}, ${id}) ${operator} (${cursorStart}, ${params.addTyped(cursor.id, 'bigint', planned)})`;
}

/** How a statement tests the filter's search: collected, unless it reads one scope's events (see scopedSearchTest). */
function searchTestOf(filter: ResolvedEventFilter, scoped: boolean, statement: 'page' | 'count'): SearchTest {
  return scoped && filter.search ? scopedSearchTest(filter.search, statement) : 'collected';
}

function selectionConditions(selection: ResolvedSelection, params: SqlParams): string[] {
  const { scope } = selection;
  const conditions = eventFilterConditions(
    selection.filter,
    params,
    searchTestOf(selection.filter, Boolean(scope), 'count'),
  );
  if (scope) conditions.push(scopeCondition(scope.kind, `${params.add(scope.id)}::bigint`, selection.filter, params));
  return conditions;
}

function orderKeys(order: TimelineOrder, reversed: boolean, [startAt, id]: KeyColumns = EVENT_KEY): string {
  const direction = (order === 'CHRONOLOGICAL') !== reversed ? 'ASC' : 'DESC';
  return `${startAt} ${direction}, ${id} ${direction}`;
}

function orderBy(order: TimelineOrder, reversed: boolean, key: KeyColumns = EVENT_KEY): string {
  return `ORDER BY ${orderKeys(order, reversed, key)}`;
}

const PAGE_KEY: KeyColumns = ['page."startAt"', 'page.id'];

/**
 * A page (`columns` of its first `limit` events, in order) of a timeline filtered by a window
 * starting at `from`: the union of the events starting in the window, read in time order from the
 * start-time index and stopped by the LIMIT, and those started before it that still cover its
 * first instant, found through the index of the time events cover, which also holds their id,
 * start, kind and status: those are chosen from the index alone, and only the page's rows read.
 * The single statement with the overlap test read every event of the window and sorted them:
 * 5,600 rows for a month at 1M events. With `planOnce`, the window, kinds, statuses and cursor are
 * hidden from the planner (SqlParams.addTyped): seeing them, PostgreSQL costed the generic plan
 * above a plan for the values at 1M events and planned every run anew.
 */
function windowPage(
  columns: string,
  selection: Omit<ResolvedSelection, 'scope'>,
  bounds: readonly CursorBound[],
  limit: number,
  reversed: boolean,
  params: SqlParams,
  planOnce: boolean,
): string {
  const { from, to, ...rest } = selection.filter;
  const planned = !planOnce;
  const fromSql = params.addTyped(from, 'timestamptz', planned);
  const limitRows = limitSql(limit);
  // Both halves test the same values, so they share the placeholders.
  const shared = [
    ...eventFilterConditions(rest, params, 'collected', planned),
    ...(to ? [`e.start_at < ${params.addTyped(to, 'timestamptz', planned)}`] : []),
    ...bounds.map((b) => boundCondition(b, selection.order, params, EVENT_KEY, planned)),
  ];
  const startingInside = [`e.start_at >= ${fromSql}`, ...shared];
  const startedBefore = [`tstzrange(e.start_at, e.covers_until) @> ${fromSql}`, `e.start_at < ${fromSql}`, ...shared];
  const order = orderBy(selection.order, reversed);
  return `SELECT ${columns} FROM ((SELECT e.* FROM event e ${whereClause(startingInside)} ${order} LIMIT ${limitRows})
    UNION ALL (SELECT e.* FROM (SELECT e.id FROM event e ${whereClause(startedBefore)} ${order} LIMIT ${limitRows}) AS covering
               JOIN event e ON e.id = covering.id)) AS e
    ${order} LIMIT ${limitRows}`;
}

/** A page's statement, and whether its plan is the same whatever its values (see StatementOptions). */
interface PageStatement {
  text: string;
  planOnce: boolean;
}

/**
 * The statement of a page of events, selecting `columns` of `event e` (by default each row's
 * planned JSON array, see plannedEventRow): of the whole timeline, or of one scope's, read in
 * time order from the index its participations or citations keep (`event_start_at`), so that a
 * page costs the same for an actor with ten events as for one with a hundred thousand. With no
 * filter, or one of kinds and statuses in or out of a window, the page is the time index's next
 * rows that pass, whatever the values, so it is planned once.
 */
function pageStatement(
  selection: Omit<ResolvedSelection, 'scope'>,
  scope: { kind: ScopeKind; idSql: string } | null,
  bounds: readonly CursorBound[],
  limit: number,
  reversed: boolean,
  params: SqlParams,
  columns = plannedEventRow(selection.plan ?? WHOLE_EVENTS).selectItem,
): PageStatement {
  if (!scope && selection.filter.from) {
    const planOnce = testsOnlyEventRows(selection.filter);
    return { text: windowPage(columns, selection, bounds, limit, reversed, params, planOnce), planOnce };
  }
  const conditions = eventFilterConditions(
    selection.filter,
    params,
    searchTestOf(selection.filter, scope !== null, 'page'),
  );
  if (!scope) {
    const planOnce = !selection.filter.to && testsOnlyEventRows(selection.filter);
    conditions.push(...bounds.map((b) => boundCondition(b, selection.order, params)));
    const text = `SELECT ${columns} FROM event e ${whereClause(conditions)}
      ${orderBy(selection.order, reversed)} LIMIT ${limitSql(limit)}`;
    return { text, planOnce };
  }
  const [table, column] = scope.kind === 'actor' ? ['participation', 'actor_id'] : ['citation', 'source_id'];
  const roleConditions = scope.kind === 'actor' ? scopeRoleConditions(selection.filter, 'scoped', params) : [];
  const scopedConditions = [
    `scoped.${column} = ${scope.idSql}`,
    ...roleConditions,
    ...bounds.map((b) => boundCondition(b, selection.order, params, SCOPED_KEY)),
  ];
  // With no condition on the events, each of the scope's events is on the page: the LIMIT applies
  // to them already, so PostgreSQL costs a page the same for every scope and keeps one plan.
  const scopeLimit = conditions.length === 0 ? ` LIMIT ${limitSql(limit)}` : '';
  const text = `SELECT ${columns}
      FROM (SELECT DISTINCT scoped.event_start_at, scoped.event_id FROM ${table} scoped ${whereClause(scopedConditions)}
             ${orderBy(selection.order, reversed, SCOPED_KEY)}${scopeLimit}) AS scoped
      JOIN event e ON e.id = scoped.event_id
      ${whereClause(conditions)}
      ${orderBy(selection.order, reversed, SCOPED_KEY)} LIMIT ${limitSql(limit)}`;
  return { text, planOnce: conditions.length === 0 && roleConditions.length === 0 };
}

/**
 * A searched page found among the next `windowRows` events of the timeline (without the search)
 * in order, testing each: the answer when the page fills there, or when those were all the events
 * there are; null when the matches must be collected instead.
 */
async function findSearchedRowsNearby(
  sql: SqlClient,
  { filter: { search: _search, ...filter }, order, plan = WHOLE_EVENTS }: ResolvedSelection,
  searchTerms: readonly ResolvedTerm[],
  bounds: readonly CursorBound[],
  limit: number,
  reversed: boolean,
  windowRows: number,
): Promise<EventRow[] | null> {
  const params = new SqlParams();
  const candidates = (columns: string) => {
    const conditions = [
      ...eventFilterConditions(filter, params),
      ...bounds.map((b) => boundCondition(b, order, params)),
    ];
    return `SELECT ${columns} FROM event e ${whereClause(conditions)} ${orderBy(order, reversed)} LIMIT ${params.add(windowRows)}`;
  };
  // Each row comes with the window's size (counted once, and only when a row is found).
  const pageSql = `SELECT json_build_array(${plannedEventRow(plan).selectItem}, (SELECT count(*) FROM (${candidates('1')}) AS w))
        FROM (${candidates('e.id, e.start_at, e.search_text')}) AS c JOIN event e ON e.id = c.id
       WHERE ${eventRowSearchCondition('c', searchTerms, params)}
       ${orderBy(order, reversed, ['c.start_at', 'c.id'])} LIMIT ${params.add(limit)}`;
  const found = (await queryJsonRows(sql, pageSql, params.values)) as [unknown[], number][];
  const complete = found.length >= limit || (found.length > 0 && found[0]![1] < windowRows);
  return complete
    ? readPlannedEvents(
        plan,
        found.map(([row]) => row),
      )
    : null;
}

/** A part of the timeline, [from, to), as `timestamptz` input ('-infinity' and 'infinity' for open ends). */
interface TimeSlice {
  from: Date | string;
  to: Date | string;
}

/**
 * The timeline cut at the quantiles into parts that double in size, in the page's order: the first
 * holds about 1% of the events, the next 2%, then 4%, and so on, so that a page found early reads
 * little, and one found late costs at most about twice a single read of everything. Without
 * quantiles inside the timeline (no statistics yet), one part: the whole timeline.
 */
function doublingSlices(quantiles: readonly Date[], ascending: boolean): TimeSlice[] {
  const inner = quantiles.slice(1, -1);
  if (!inner.length) return [{ from: '-infinity', to: 'infinity' }];
  const edges: number[] = [];
  for (let taken = 1; taken <= inner.length; taken = taken * 2 + 1) edges.push(taken - 1);
  if (edges.at(-1) !== inner.length - 1) edges.push(inner.length - 1);
  const cuts = ascending ? edges.map((edge) => inner[edge]!) : edges.map((edge) => inner[inner.length - 1 - edge]!);
  const open = ascending ? ['-infinity', 'infinity'] : ['infinity', '-infinity'];
  const points: (Date | string)[] = [open[0]!, ...cuts, open[1]!];
  return points
    .slice(1)
    .map((point, index) => (ascending ? { from: points[index]!, to: point } : { from: point, to: points[index]! }));
}

/**
 * A searched page from the events matching the term at `leadingTerm`, collected through the
 * indexes part by part of the timeline (see {@link doublingSlices}) in the page's order, the other
 * terms tested on each event: the parts after the one that fills the page are never read. A rare
 * term costs its own matches; two common terms that rarely meet cost the few parts their first
 * page spans, not all their matches.
 */
async function findSlicedSearchRows(
  sql: SqlClient,
  { filter: { search: _search, ...filter }, order, plan = WHOLE_EVENTS }: ResolvedSelection,
  { terms, startQuantiles }: SearchEstimates,
  bounds: readonly CursorBound[],
  limit: number,
  reversed: boolean,
  leadingTerm: number,
): Promise<EventRow[]> {
  const params = new SqlParams();
  const ascending = (order === 'CHRONOLOGICAL') !== reversed;
  const slices = doublingSlices(startQuantiles, ascending)
    .map(({ from, to }, index) => `(${index}, ${params.add(from)}::timestamptz, ${params.add(to)}::timestamptz)`)
    .join(', ');
  const matching = eventsMatchingTerm(terms[leadingTerm]!, params, { from: 'slice.from_at', to: 'slice.to_at' });
  const conditions = [
    ...eventFilterConditions(filter, params),
    ...bounds.map((b) => boundCondition(b, order, params)),
    eventRowSearchCondition(
      'e',
      terms.filter((_term, index) => index !== leadingTerm),
      params,
    ),
  ];
  const statement = `SELECT ${plannedEventRow(plan).selectItem}
        FROM (SELECT * FROM (VALUES ${slices}) AS slice(position, from_at, to_at) ORDER BY position) AS slice
        CROSS JOIN LATERAL (${matching}) AS matched(id, start_at)
        JOIN event e ON e.id = matched.id
       ${whereClause(conditions)}
       ORDER BY slice.position, ${orderKeys(order, reversed)} LIMIT ${params.add(limit)}`;
  return readPlannedEvents(plan, await queryJsonRows(sql, statement, params.values));
}

/**
 * Up to `limit` events of `selection` within `bounds`, in its order (start time, then id, so equal
 * times still have a total order), or in the reverse order when `reversed` is set. Keyset
 * pagination: the cost does not grow with the depth of the page. A search is found the way the
 * terms' estimates choose (see chooseSearchStrategy), or `strategy` when given: by testing the
 * next events one by one, which finds a page of a broad term after a few hundred of them, or from
 * the matches of its rarest term, collected through the search indexes.
 */
export async function findTimelineRows(
  sql: SqlClient,
  selection: ResolvedSelection,
  bounds: readonly CursorBound[],
  limit: number,
  reversed = false,
  strategy?: SearchStrategy,
): Promise<EventRow[]> {
  const estimates = selection.filter.search;
  if (!selection.scope && estimates) {
    const { windowRows, leadingTerm } = strategy ?? chooseSearchStrategy(estimates, limit);
    const nearby = windowRows
      ? await findSearchedRowsNearby(sql, selection, estimates.terms, bounds, limit, reversed, windowRows)
      : null;
    return nearby ?? findSlicedSearchRows(sql, selection, estimates, bounds, limit, reversed, leadingTerm);
  }
  const params = new SqlParams();
  const { scope } = selection;
  const scopeSql = scope ? { kind: scope.kind, idSql: `${params.add(scope.id)}::bigint` } : null;
  const page = pageStatement(selection, scopeSql, bounds, limit, reversed, params);
  const rows = await queryJsonRows(sql, page.text, params.values, { planOnce: page.planOnce });
  return readPlannedEvents(selection.plan ?? WHOLE_EVENTS, rows);
}

/**
 * The same page for many scopes (actors or sources) in one statement: for each id, up to `limit`
 * of its events, tagged with `scopeId`. Used when a list of actors each shows its timeline. One
 * scope's page (the common case: one actor's timeline) is read without the list of ids, whose
 * length PostgreSQL cannot know when it plans the statement once.
 */
export async function findScopedTimelineRows(
  sql: SqlClient,
  selection: Omit<ResolvedSelection, 'scope'>,
  kind: ScopeKind,
  scopeIds: readonly string[],
  bounds: readonly CursorBound[],
  limit: number,
  reversed = false,
): Promise<(EventRow & { scopeId: string })[]> {
  const params = new SqlParams();
  const plan = selection.plan ?? WHOLE_EVENTS;
  if (scopeIds.length === 1) {
    const scopeId = scopeIds[0]!;
    const page = pageStatement(
      selection,
      { kind, idSql: `${params.add(scopeId)}::bigint` },
      bounds,
      limit,
      reversed,
      params,
    );
    const rows = await queryJsonRows(sql, page.text, params.values, { planOnce: page.planOnce });
    return readPlannedEvents(plan, rows).map((row) => Object.assign(row, { scopeId }));
  }
  const ids = params.add(scopeIds);
  const scopePage = pageStatement(
    selection,
    { kind, idSql: 'scope.id' },
    bounds,
    limit,
    reversed,
    params,
    `${plannedEventRow(plan).selectItem} AS "row", e.start_at AS "startAt", e.id`,
  );
  const statement = `SELECT json_build_array(scope.id::text, page.row)
      FROM unnest(${ids}::bigint[]) AS scope(id) CROSS JOIN LATERAL (${scopePage.text}) AS page
      ORDER BY scope.id, ${orderKeys(selection.order, reversed, PAGE_KEY)}`;
  const found = (await queryJsonRows(sql, statement, params.values, { planOnce: scopePage.planOnce })) as [
    string,
    unknown[],
  ][];
  const rows = readPlannedEvents(
    plan,
    found.map(([, row]) => row),
  );
  return rows.map((row, index) => Object.assign(row, { scopeId: found[index]![0] }));
}

/** How many events `selection` holds (cursors and page size do not apply). */
export async function countTimeline(sql: SqlClient, selection: ResolvedSelection): Promise<number> {
  const params = new SqlParams();
  const [row] = await sql.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM event e ${whereClause(selectionConditions(selection, params))}`,
    params.values,
  );
  return row?.count ?? 0;
}

/** Whether any event of `selection` lies on the given side of a cursor. */
export async function existsBeyond(sql: SqlClient, selection: ResolvedSelection, bound: CursorBound): Promise<boolean> {
  const params = new SqlParams();
  const conditions = [...selectionConditions(selection, params), boundCondition(bound, selection.order, params)];
  const [row] = await sql.query<{ exists: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM event e ${whereClause(conditions)}) AS exists`,
    params.values,
  );
  return row?.exists ?? false;
}

/**
 * For each scope id, how many of its events `selection` holds, or, with `bound`, whether any lies
 * beyond that cursor (1 or 0): the totals and page flags of many actors' timelines in one statement.
 */
export async function countScopedTimelines(
  sql: SqlClient,
  selection: Omit<ResolvedSelection, 'scope'>,
  kind: ScopeKind,
  scopeIds: readonly string[],
  bound?: CursorBound,
): Promise<Map<string, number>> {
  const params = new SqlParams();
  const ids = params.add(scopeIds);
  const conditions = [
    ...eventFilterConditions(selection.filter, params, searchTestOf(selection.filter, true, bound ? 'page' : 'count')),
    scopeCondition(kind, 'scope.id', selection.filter, params),
    ...(bound ? [boundCondition(bound, selection.order, params)] : []),
  ];
  const counted = bound
    ? `(SELECT count(*) FROM (SELECT 1 FROM event e ${whereClause(conditions)} LIMIT 1) AS any_event)`
    : `(SELECT count(*) FROM event e ${whereClause(conditions)})`;
  const rows = await sql.query<{ scopeId: string; count: number }>(
    `SELECT scope.id AS "scopeId", ${counted}::int AS count FROM unnest(${ids}::bigint[]) AS scope(id)`,
    params.values,
  );
  return new Map(rows.map((row) => [row.scopeId, row.count]));
}
