import { type DatasetFacts } from './dataset';

/** What the bench needs to know about the generated data to build its requests. */
export interface WorkloadInputs {
  facts: DatasetFacts;
  /** The cursor of the event at 90% of the timeline, for W2. */
  deepCursor: string;
  /** Global ids of 50 events spread over the timeline, for W7. */
  eventIds: string[];
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

/** The fixed workloads W1–W8 over a dataset described by `inputs`. */
export function buildWorkloads({ facts, deepCursor, eventIds }: WorkloadInputs): Workload[] {
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
        query: `query Search($text: String!) {
  search(query: $text, first: 20) {
    __typename
    ... on Event { id title time { start local } }
    ... on Actor { id name }
    ... on Source { id title }
  }
}`,
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
