import { type DatasetFacts } from './dataset';
import { type AsOfInputs } from './revisions';

/** What the bench needs to know about the generated data to build its requests. */
export interface WorkloadInputs {
  facts: DatasetFacts;
  /** The cursor of the event at 90% of the timeline, for W2. */
  deepCursor: string;
  /** Global ids of 50 events spread over the timeline, for W7. */
  eventIds: string[];
  /** The revised dataset's instants and expected answers, for A1–A4; null when it has no revisions. */
  asOf: AsOfInputs | null;
}

/** A GraphQL operation and its variables. */
export interface GraphQLRequest {
  query: string;
  variables: Record<string, unknown>;
}

/** One timed workload: its GraphQL request, and the floor endpoint's path when it has one. */
export interface Workload {
  id: string;
  title: string;
  request: GraphQLRequest;
  /** Sent as a persisted-query GET revalidated with If-None-Match (answered 304 when unchanged). */
  conditionalGet?: boolean;
  /** Path on the floor server returning the same JSON with one hand-written statement. */
  floorPath?: string;
  /** A check of the response data beyond "no errors", so a wrong answer is not timed as a fast one. */
  check(data: Record<string, unknown>): string | null;
}

/** The search of W5a/W5b and the S1 set: 20 hits of every kind, with what a results list shows. */
export const SEARCH_QUERY = `query Search($text: String!) {
  search(query: $text, first: 20) {
    __typename
    ... on Event { id title time { start local } }
    ... on Actor { id name }
    ... on Source { id title }
  }
}`;

/** The page size of the timeline workloads. */
export const PAGE_SIZE = 50;

const TIMELINE_EVENT = `fragment TimelineEvent on Event {
  id title kind status
  time { start end precision timeZone local }
  participants { role actor { id name } }
  citations { quote source { id title url } }
}`;

const TIMELINE_PAGE = `query TimelinePage($first: Int!, $after: String) {
  timeline(first: $first, after: $after) {
    edges { cursor node { ...TimelineEvent } }
    pageInfo { hasNextPage endCursor }
  }
}
${TIMELINE_EVENT}`;

function edgesOf(connection: unknown): unknown[] {
  return ((connection as { edges?: unknown[] } | null)?.edges ?? []) as unknown[];
}

function expectCount(label: string, actual: number, wanted: (count: number) => boolean, expected: string) {
  return wanted(actual) ? null : `${label}: got ${actual}, expected ${expected}`;
}

function fullPage(data: Record<string, unknown>): string | null {
  return expectCount('timeline edges', edgesOf(data.timeline).length, (n) => n === PAGE_SIZE, String(PAGE_SIZE));
}

/** The fixed workloads W1–W8, and A1–A4 when the dataset has revisions, over a dataset described by `inputs`. */
export function buildWorkloads(inputs: WorkloadInputs): Workload[] {
  return [...currentWorkloads(inputs), ...(inputs.asOf ? asOfWorkloads(inputs.asOf) : [])];
}

function currentWorkloads({ facts, deepCursor, eventIds }: WorkloadInputs): Workload[] {
  const yearStart = `${facts.bucketYear}-01-01T00:00:00+03:00`;
  const yearEnd = `${facts.bucketYear + 1}-01-01T00:00:00+03:00`;
  return [
    {
      id: 'W1',
      title: 'timeline first page (50 events, actors, sources)',
      request: { query: TIMELINE_PAGE, variables: { first: PAGE_SIZE, after: null } },
      floorPath: `/timeline?first=${PAGE_SIZE}`,
      check: fullPage,
    },
    {
      id: 'W2',
      title: 'timeline page after 90% of the events',
      request: { query: TIMELINE_PAGE, variables: { first: PAGE_SIZE, after: deepCursor } },
      floorPath: `/timeline?first=${PAGE_SIZE}&after=${deepCursor}`,
      check: fullPage,
    },
    {
      id: 'W3',
      title: "busiest actor's timeline",
      request: {
        query: `query ActorTimeline($slug: String!, $first: Int!) {
  actor(slug: $slug) { id name timeline(first: $first) { edges { cursor node { ...TimelineEvent } } pageInfo { hasNextPage endCursor } } }
}
${TIMELINE_EVENT}`,
        variables: { slug: facts.busyActorSlug, first: PAGE_SIZE },
      },
      check: (data) =>
        expectCount(
          'actor timeline edges',
          edgesOf((data.actor as { timeline?: unknown })?.timeline).length,
          (n) => n === PAGE_SIZE,
          String(PAGE_SIZE),
        ),
    },
    {
      id: 'W4',
      title: 'filtered timeline (time range, kinds, status)',
      request: {
        query: `query FilteredTimeline($first: Int!, $filter: TimelineFilter!) {
  timeline(first: $first, filter: $filter) { edges { cursor node { ...TimelineEvent } } pageInfo { hasNextPage endCursor } }
}
${TIMELINE_EVENT}`,
        variables: {
          first: PAGE_SIZE,
          filter: { ...facts.filterRange, kinds: facts.filterKinds, statuses: [facts.filterStatus] },
        },
      },
      check: (data) => expectCount('filtered edges', edgesOf(data.timeline).length, (n) => n > 0, 'some'),
    },
    ...[
      ['W5a', 'search in Chinese', facts.chineseSearch],
      ['W5b', 'search in English', facts.englishSearch],
    ].map(([id, title, text]): Workload => ({
      id: id!,
      title: `${title} ("${text}")`,
      request: {
        query: SEARCH_QUERY,
        variables: { text },
      },
      check: (data) => expectCount('search hits', (data.search as unknown[]).length, (n) => n === 20, '20'),
    })),
    {
      id: 'W6',
      title: `timelineBuckets by DAY over ${facts.bucketYear}, Europe/Moscow`,
      request: {
        query: `query Buckets($filter: TimelineFilter!) {
  timelineBuckets(size: DAY, timeZone: "Europe/Moscow", filter: $filter) { start end count }
}`,
        variables: { filter: { from: yearStart, to: yearEnd } },
      },
      check: (data) => expectCount('buckets', (data.timelineBuckets as unknown[]).length, (n) => n > 0, 'some'),
    },
    {
      id: 'W7',
      title: 'nodes by 50 ids',
      request: {
        query: `query Nodes($ids: [ID!]!) {
  nodes(ids: $ids) { id ... on Event { title time { start local } participants { role actor { id name } } } }
}`,
        variables: { ids: eventIds },
      },
      check: (data) =>
        expectCount(
          'nodes',
          (data.nodes as unknown[]).filter(Boolean).length,
          (n) => n === eventIds.length,
          String(eventIds.length),
        ),
    },
    {
      id: 'W8',
      title: 'W1 as a persisted-query GET revalidated with If-None-Match (304)',
      request: { query: TIMELINE_PAGE, variables: { first: PAGE_SIZE, after: null } },
      conditionalGet: true,
      check: fullPage,
    },
  ];
}

/** The fewest revisions the as-of workloads need: a round before the middle instant and one after it. */
export const AS_OF_MIN_REVISIONS = 3;

const AS_OF_TIMELINE_PAGE = `query TimelinePageAsOf($first: Int!, $after: String, $asOf: DateTime) {
  timeline(first: $first, after: $after, asOf: $asOf) {
    edges { cursor node { ...TimelineEvent } }
    pageInfo { hasNextPage endCursor }
  }
}
${TIMELINE_EVENT}`;

const AS_OF_EVENT = `query EventAsOf($slug: String!, $asOf: DateTime) {
  event(slug: $slug, asOf: $asOf) {
    id slug title kind status tags
    time { start end precision timeZone local }
    participants { role actor { id name } }
    citations { quote source { id title url } }
  }
}`;

/**
 * A check that the page is the full first page and shows every event as it was at `revision`:
 * each status is the one of the version `event_history` holds as valid at that revision's instant,
 * and unless `revision` is the current one, none is the current status (so an as-of workload
 * cannot silently time the current path).
 */
function pageAtRevision({ firstPageStatuses, revisions }: AsOfInputs, revision: number) {
  return (data: Record<string, unknown>): string | null => {
    const edges = edgesOf(data.timeline) as { node: { id: string; status: string } }[];
    const problem = fullPage(data);
    if (problem) return problem;
    for (const { node } of edges) {
      const statuses = firstPageStatuses.get(node.id);
      if (statuses?.length !== revisions)
        return `event ${node.id}: not on the first page, or not at ${revisions} revisions`;
      const expected = statuses[revision - 1];
      if (node.status !== expected)
        return `event ${node.id}: status ${node.status}, expected ${expected} (revision ${revision})`;
      if (revision !== revisions && node.status === statuses[revisions - 1]) {
        return `event ${node.id}: the status as of revision ${revision} is the current one (${node.status})`;
      }
    }
    return null;
  };
}

/**
 * A1–A4 over the revised dataset: the W1 page now (through the same operation, `asOf: null`,
 * reading `event`), as of the middle of the history and as of before the first revision (every
 * event's oldest version), both reading `event_history` only, and one event with its relations as
 * of the middle.
 */
function asOfWorkloads(asOf: AsOfInputs): Workload[] {
  const { revisions, instants } = asOf;
  if (revisions < AS_OF_MIN_REVISIONS) return [];
  const middleRound = Math.floor((revisions - 1) / 2);
  const middle = instants[middleRound]!;
  const page = (id: string, title: string, instant: string | null, revision: number): Workload => ({
    id,
    title,
    request: { query: AS_OF_TIMELINE_PAGE, variables: { first: PAGE_SIZE, after: null, asOf: instant } },
    check: pageAtRevision(asOf, revision),
  });
  const [firstId, firstStatuses] = [...asOf.firstPageStatuses][0]!;
  return [
    page('A1', `W1 page now (revision ${revisions}, asOf: null)`, null, revisions),
    page('A2', `W1 page as of after round ${middleRound} (revision ${middleRound + 1})`, middle, middleRound + 1),
    page('A3', 'W1 page as of before round 1 (revision 1, the first versions)', instants[0]!, 1),
    {
      id: 'A4',
      title: `event(slug) with relations as of after round ${middleRound} (revision ${middleRound + 1})`,
      request: { query: AS_OF_EVENT, variables: { slug: asOf.firstEventSlug, asOf: middle } },
      check: (data) => {
        const event = data.event as { id: string; status: string; tags: string[]; participants: unknown[] } | null;
        const revision = middleRound + 1;
        if (event?.id !== firstId) return `event: got ${event?.id}, expected ${firstId}`;
        if (event.status !== firstStatuses[revision - 1] || event.status === firstStatuses[revisions - 1]) {
          return `event status ${event.status}, expected ${firstStatuses[revision - 1]} (revision ${revision})`;
        }
        const marker = `revision-${revision}`;
        if (!event.tags.includes(marker)) return `event tags ${event.tags.join(', ')}, expected ${marker}`;
        return expectCount('event participants', event.participants.length, (n) => n === 3, '3');
      },
    },
  ];
}
