import { parseGlobalId } from '../../src/shared/global-id';
import { PAGE_SIZE, type GraphQLRequest } from './workloads';

/** The W1/W2 page asked of PostGraphile: the same events, fields, order and cursors as Annals'. */
const ANCHOR_TIMELINE_PAGE = `query TimelinePage($first: Int!, $after: Cursor) {
  allEvents(first: $first, after: $after, orderBy: [START_AT_ASC, ROW_ID_ASC]) {
    edges {
      cursor
      node {
        rowId title kind status startAt endAt precision timeZone local
        participationsByEventId(orderBy: [POSITION_ASC, ROLE_ASC, ACTOR_ID_ASC]) {
          nodes { role actorByActorId { rowId name } }
        }
        citationsByEventId(orderBy: [POSITION_ASC, ROW_ID_ASC]) {
          nodes { quote sourceBySourceId { rowId title url } }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Workloads the anchor serves too. */
export const ANCHORED_WORKLOADS = new Set(['W1', 'W2']);

async function postJson(baseUrl: string, request: GraphQLRequest): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(request),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) {
    throw new Error(`PostGraphile: ${body.errors?.map((error) => error.message).join('; ') ?? 'no data'}`);
  }
  return body.data;
}

/**
 * The anchor's request for workload `id` (W1: the first page; W2: the page after the event at
 * `deepOffset` in timeline order, whose PostGraphile cursor it asks PostGraphile for).
 */
export async function anchorRequest(baseUrl: string, id: string, deepOffset: number): Promise<GraphQLRequest> {
  if (id === 'W1') return { query: ANCHOR_TIMELINE_PAGE, variables: { first: PAGE_SIZE, after: null } };
  const data = await postJson(baseUrl, {
    query: `query ($offset: Int!) { allEvents(first: 1, offset: $offset, orderBy: [START_AT_ASC, ROW_ID_ASC]) { edges { cursor } } }`,
    variables: { offset: deepOffset },
  });
  const [edge] = (data.allEvents as { edges: { cursor: string }[] }).edges;
  return { query: ANCHOR_TIMELINE_PAGE, variables: { first: PAGE_SIZE, after: edge!.cursor } };
}

/** A page as plain values both servers must agree on (row ids, instants as epoch milliseconds). */
type ComparablePage = { events: unknown[]; hasNextPage: boolean };

const rowId = (globalId: string) => parseGlobalId(globalId)?.id ?? `bad id ${globalId}`;
const epoch = (instant: string | null) => (instant === null ? null : Date.parse(instant));

interface AnnalsEvent {
  id: string;
  title: string;
  kind: string;
  status: string;
  time: { start: string; end: string | null; precision: string; timeZone: string; local: string };
  participants: { role: string; actor: { id: string; name: string } }[];
  citations: { quote: string | null; source: { id: string; title: string; url: string | null } }[];
}

interface AnchorEvent {
  rowId: string;
  title: string;
  kind: string;
  status: string;
  startAt: string;
  endAt: string | null;
  precision: string;
  timeZone: string;
  local: string;
  participationsByEventId: { nodes: { role: string; actorByActorId: { rowId: string; name: string } }[] };
  citationsByEventId: {
    nodes: { quote: string | null; sourceBySourceId: { rowId: string; title: string; url: string | null } }[];
  };
}

function fromAnnals(data: Record<string, unknown>): ComparablePage {
  const timeline = data.timeline as { edges: { node: AnnalsEvent }[]; pageInfo: { hasNextPage: boolean } };
  return {
    hasNextPage: timeline.pageInfo.hasNextPage,
    events: timeline.edges.map(({ node }) => [
      rowId(node.id),
      node.title,
      node.kind,
      node.status,
      epoch(node.time.start),
      epoch(node.time.end),
      node.time.precision,
      node.time.timeZone,
      node.time.local,
      node.participants.map((p) => [p.role, rowId(p.actor.id), p.actor.name]),
      node.citations.map((c) => [c.quote, rowId(c.source.id), c.source.title, c.source.url]),
    ]),
  };
}

function fromAnchor(data: Record<string, unknown>): ComparablePage {
  const events = data.allEvents as { edges: { node: AnchorEvent }[]; pageInfo: { hasNextPage: boolean } };
  return {
    hasNextPage: events.pageInfo.hasNextPage,
    events: events.edges.map(({ node }) => [
      node.rowId,
      node.title,
      node.kind,
      node.status,
      epoch(node.startAt),
      epoch(node.endAt),
      node.precision,
      node.timeZone,
      node.local,
      node.participationsByEventId.nodes.map((p) => [p.role, p.actorByActorId.rowId, p.actorByActorId.name]),
      node.citationsByEventId.nodes.map((c) => [
        c.quote,
        c.sourceBySourceId.rowId,
        c.sourceBySourceId.title,
        c.sourceBySourceId.url,
      ]),
    ]),
  };
}

/**
 * How the anchor's page differs from Annals' (the first differing event, or the page flag), or
 * null when both show the same events in the same order with the same values.
 */
export function pageDifference(annals: Record<string, unknown>, anchor: Record<string, unknown>): string | null {
  const [ours, theirs] = [fromAnnals(annals), fromAnchor(anchor)];
  if (ours.events.length !== theirs.events.length) {
    return `${ours.events.length} events from Annals, ${theirs.events.length} from the anchor`;
  }
  const index = ours.events.findIndex((event, at) => JSON.stringify(event) !== JSON.stringify(theirs.events[at]));
  if (index >= 0) {
    return `event ${index + 1}: ${JSON.stringify(ours.events[index])} vs ${JSON.stringify(theirs.events[index])}`;
  }
  return ours.hasNextPage === theirs.hasNextPage ? null : 'hasNextPage differs';
}
