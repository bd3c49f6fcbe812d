import { type FieldNode, type GraphQLObjectType } from 'graphql';
import { limitSql } from '../db/sql-params';
import { eventCursorSql } from '../graphql/rendering/json-sql';
import { type RootRenderer } from '../graphql/rendering/render-operation';
import {
  renderObject,
  type FieldRenderer,
  type RenderScope,
  type RowSql,
  type TypeRenderers,
} from '../graphql/rendering/render-selection';
import { type ConnectionArgs } from '../shared/page-request';
import { type ResolvedEventFilter, type ScopeKind } from './event-filter';
import { parseTimelineFilter } from './parse-timeline-filter';
import { planPage, type PagePlan } from './timeline.connection';
import { type TimelineFilterInput } from './timeline-filter.input';
import { pageStatement, type TimelineOrder } from './timeline.queries';

/** The page's event rows: the statement's `shown` rows, as `pe`, their columns named by EventRow's properties. */
function pageRow(read: Set<string>): RowSql {
  return (name) => {
    read.add(name);
    return `pe."${name}"`;
  };
}

function keys(order: TimelineOrder, reversed: boolean): string {
  const direction = (order === 'CHRONOLOGICAL') !== reversed ? 'ASC' : 'DESC';
  return `pe."startAt" ${direction}, pe.id ${direction}`;
}

/**
 * The connection's own types over a page (timeline.connection.ts's toConnection): its edges and
 * nodes in the timeline's order, the flags that need no query of their own, and the cursors. A
 * flag for the far side of a cursor (`hasPreviousPage` after `after`) declines.
 */
function connectionRenderers(
  { page, after, before, backward }: PagePlan,
  order: TimelineOrder,
  event: RowSql,
): Record<string, TypeRenderers> {
  const inOrder = keys(order, false);
  const hasMore = `((SELECT count(*) FROM page) > ${limitSql(page.size)})`;
  const cursor = eventCursorSql(event('startAt'), event('id'));
  const list = (element: string | null) =>
    element && `coalesce((SELECT json_agg(${element} ORDER BY ${inOrder}) FROM shown pe), '[]'::json)`;
  return {
    EventConnection: {
      edges: (_row, { object }) => list(object(event)),
      nodes: (_row, { object }) => list(object(event)),
      pageInfo: (row, { object }) => object(row),
    },
    EventEdge: {
      cursor: () => cursor,
      node: (row, { object }) => object(row),
    },
    PageInfo: {
      hasNextPage: () => (backward ? (before ? null : 'false') : hasMore),
      hasPreviousPage: () => (backward ? hasMore : after ? null : 'false'),
      startCursor: () => `(SELECT ${cursor} FROM shown pe ORDER BY ${inOrder} LIMIT 1)`,
      endCursor: () => `(SELECT ${cursor} FROM shown pe ORDER BY ${keys(order, true)} LIMIT 1)`,
    },
  };
}

const NO_ROW: RowSql = () => {
  throw new Error('a connection has no row of its own');
};

/**
 * A page of events as the EventConnection `fieldNodes` select, rendered (see graphql/rendering):
 * a scalar subquery around the page statement the resolvers would send, with only the columns
 * the selected fields read, of the whole timeline or of one scope's. Null for what it cannot
 * render: searches (their pages take several statements), `totalCount`, a far-side flag.
 */
function renderEventConnection(
  args: Readonly<Record<string, unknown>>,
  fieldNodes: readonly FieldNode[],
  scope: RenderScope,
  pageScope: { kind: ScopeKind; idSql: string } | null,
): string | null {
  const filterInput = args.filter as TimelineFilterInput | null | undefined;
  if (filterInput?.search) return null;
  const plan = planPage(args as ConnectionArgs);
  const { searchTerms, ...filter } = parseTimelineFilter(filterInput);
  if (searchTerms?.length) return null;
  const order = (args.order ?? 'CHRONOLOGICAL') as TimelineOrder;
  const read = new Set<string>(['id', 'startAt']);
  const connection = renderObject(scope.schema.getType('EventConnection') as GraphQLObjectType, fieldNodes, NO_ROW, {
    ...scope,
    renderers: { ...scope.renderers, ...connectionRenderers(plan, order, pageRow(read)) },
  });
  if (!connection) return null;
  const selection = {
    filter: filter as ResolvedEventFilter,
    order,
    plan: { event: read, participants: null, citations: null },
  };
  const page = pageStatement(selection, pageScope, plan.bounds, plan.page.size + 1, plan.backward, scope.params);
  if (!page.planOnce) scope.statement.planOnce = false;
  return `(WITH page AS (${page.text}),
      shown AS (SELECT * FROM page pe ORDER BY ${keys(order, plan.backward)} LIMIT ${limitSql(plan.page.size)})
    SELECT ${connection})`;
}

/** `timeline`, rendered (see {@link renderEventConnection}); not `asOf`. */
export const renderTimeline: RootRenderer = (args, fieldNodes, scope) =>
  args.asOf != null ? null : renderEventConnection(args, fieldNodes, scope, null);

/** An actor's or a source's `timeline`, rendered for the row's `id` (see {@link renderEventConnection}). */
export function scopedTimelineRenderer(kind: ScopeKind): FieldRenderer {
  return (row, { args, nodes, scope }) =>
    renderEventConnection(args, nodes, scope, { kind, idSql: `${row('id')}::bigint` });
}
