import DataLoader from 'dataloader';
import { primePlannedRelations, WHOLE_EVENTS } from '../events/event-plan';
import { type EventRow } from '../events/event.row';
import { type RequestContext } from '../graphql/context';
import { keyedLoader } from '../graphql/loaders';
import { type ConnectionSource } from '../shared/connection';
import { parsePageRequest, type ConnectionArgs, type PageRequest } from '../shared/page-request';
import { decodeEventCursor, encodeEventCursor, type EventCursor } from './event-cursor';
import { type ScopeKind } from './event-filter';
import {
  countScopedTimelines,
  countTimeline,
  existsBeyond,
  findScopedTimelineRows,
  findTimelineRows,
  resolveSelection,
  type CursorBound,
  type TimelineSelection,
} from './timeline.queries';

/** A validated page request with its cursors decoded into keyset bounds. */
interface PagePlan {
  page: PageRequest;
  after: EventCursor | null;
  before: EventCursor | null;
  bounds: CursorBound[];
  backward: boolean;
}

function planPage(args: ConnectionArgs): PagePlan {
  const page = parsePageRequest(args);
  const after = page.after === null ? null : decodeEventCursor(page.after, 'after');
  const before = page.before === null ? null : decodeEventCursor(page.before, 'before');
  const bounds: CursorBound[] = [];
  if (after) bounds.push({ cursor: after, side: 'after' });
  if (before) bounds.push({ cursor: before, side: 'before' });
  return { page, after, before, bounds, backward: page.direction === 'backward' };
}

/** The queries behind a connection's lazy fields: the total, and whether events lie beyond a bound. */
interface ConnectionCounts {
  total(): Promise<number>;
  existsBeyond(bound: CursorBound): Promise<boolean>;
}

/** Turns the rows fetched for a plan (one more than the page size, if there are) into a connection. */
function toConnection(
  { page, after, before, backward }: PagePlan,
  fetched: EventRow[],
  counts: ConnectionCounts,
): ConnectionSource<EventRow> {
  const hasMore = fetched.length > page.size;
  const rows = fetched.slice(0, page.size);
  if (backward) rows.reverse();
  const beyondAfter = () => (after ? counts.existsBeyond({ cursor: after, side: 'atOrBefore' }) : false);
  const beyondBefore = () => (before ? counts.existsBeyond({ cursor: before, side: 'atOrAfter' }) : false);
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
    totalCount: () => counts.total(),
  };
}

/**
 * One page of a timeline as a Relay connection; relations in `selection.include` come in the same
 * statement and are handed to the request's loaders. Forward pages (`first`/`after`) and backward
 * pages (`last`/`before`) are both keyset queries; `after` and `before` may bound the same page.
 * The flag for the far side of a cursor and `totalCount` cost a query each, run only if selected.
 */
export async function loadTimelineConnection(
  { sql, loaders }: RequestContext,
  selection: TimelineSelection,
  args: ConnectionArgs,
): Promise<ConnectionSource<EventRow>> {
  const plan = planPage(args);
  const resolved = await resolveSelection(sql, selection);
  const fetched = await findTimelineRows(sql, resolved, plan.bounds, plan.page.size + 1, plan.backward);
  return toConnection(plan, primePlannedRelations(loaders, selection.plan ?? WHOLE_EVENTS, fetched), {
    total: () => countTimeline(sql, resolved),
    existsBeyond: (bound) => existsBeyond(sql, resolved, bound),
  });
}

/**
 * A loader of the same timeline page for many actors (or sources): the pages of every actor in a
 * list are fetched together in one statement, and so are their totals and page flags when
 * selected. Arguments are validated when the loader is made.
 */
export function createScopedTimelineLoader(
  { sql, loaders }: RequestContext,
  kind: ScopeKind,
  selection: Omit<TimelineSelection, 'scope'>,
  args: ConnectionArgs,
): DataLoader<string, ConnectionSource<EventRow>> {
  const plan = planPage(args);
  let resolving: ReturnType<typeof resolveSelection<typeof selection>> | undefined;
  const resolved = () => (resolving ??= resolveSelection(sql, selection));
  const countLoader = (bound?: CursorBound) =>
    new DataLoader<string, number>(async (ids) => {
      const counts = await countScopedTimelines(sql, await resolved(), kind, ids, bound);
      return ids.map((id) => counts.get(id) ?? 0);
    });
  const totals = countLoader();
  const beyond = new Map<string, DataLoader<string, number>>();
  const existsBeyondFor = (id: string) => async (bound: CursorBound) => {
    const key = JSON.stringify(bound);
    if (!beyond.has(key)) beyond.set(key, countLoader(bound));
    return (await beyond.get(key)!.load(id)) > 0;
  };
  return new DataLoader(
    async (ids) => {
      const rows = await findScopedTimelineRows(
        sql,
        await resolved(),
        kind,
        ids,
        plan.bounds,
        plan.page.size + 1,
        plan.backward,
      );
      const rowsByScope = new Map<string, EventRow[]>(ids.map((id) => [id, []]));
      const primed = primePlannedRelations(loaders, selection.plan ?? WHOLE_EVENTS, rows);
      rows.forEach(({ scopeId }, index) => rowsByScope.get(scopeId)?.push(primed[index]!));
      return ids.map((id) =>
        toConnection(plan, rowsByScope.get(id)!, { total: () => totals.load(id), existsBeyond: existsBeyondFor(id) }),
      );
    },
    { maxBatchSize: 100 },
  );
}

/**
 * The page of `kind` `id`'s timeline; calls with the same arguments within a request (an actor
 * list showing each actor's timeline) are batched into one statement.
 */
export function loadScopedTimeline(
  context: RequestContext,
  kind: ScopeKind,
  id: string,
  selection: Omit<TimelineSelection, 'scope'>,
  { first, after, last, before }: ConnectionArgs,
): Promise<ConnectionSource<EventRow>> {
  const args = { first, after, last, before };
  const key = JSON.stringify([kind, selection, args]);
  return keyedLoader(context.loaders.scopedTimelines, key, () =>
    createScopedTimelineLoader(context, kind, selection, args),
  ).load(id);
}
