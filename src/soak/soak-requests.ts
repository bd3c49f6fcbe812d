import { type Request } from 'autocannon';

/** What the request mix reads: all of it taken from the dataset before the load starts. */
export interface SoakInputs {
  /** Cursors spread over the whole timeline, where the paging of each cycle starts. */
  startCursors: readonly string[];
  /** Search texts that find something, in Chinese and English. */
  searches: readonly string[];
  /** Instants in the data's recorded history, for as-of pages. */
  asOfInstants: readonly string[];
  /** A global id that exists, for a node lookup when a page yielded none. */
  fallbackId: string;
}

/** Answers that were not a clean 200 with data, counted by the request mix itself. */
export interface SoakTally {
  /** Responses per kind of request. */
  readonly byKind: Record<string, number>;
  /** Responses with status 200 that carried GraphQL errors, no data, or unparsable JSON. */
  failures: number;
  /** The first few failures, for the report. */
  readonly samples: string[];
}

/** What one connection remembers between the requests of a cycle. */
interface CycleContext {
  cursor?: string | null;
  ids?: string[];
}

interface Step {
  kind: string;
  query: string;
  variables(context: CycleContext): Record<string, unknown>;
  /** Reads what later steps of the cycle need from the data; returns a problem, if any. */
  read?(data: Record<string, unknown>, context: CycleContext): string | null;
}

const EVENT_FIELDS = `id slug title kind status
  time { start local timeZone precision }
  participants { role actor { id name } }
  citations { quote source { id title } }`;

const PAGE = `query Page($after: String, $order: TimelineOrder, $asOf: DateTime) {
  timeline(first: 10, after: $after, order: $order, asOf: $asOf) {
    edges { cursor node { ${EVENT_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const SEARCH = `query Search($text: String!) {
  search(query: $text, first: 10) {
    __typename
    ... on Event { id slug title }
    ... on Actor { id slug name }
    ... on Source { id title }
  }
}`;

const BUCKETS = `query Buckets($size: BucketSize!, $zone: String) {
  timelineBuckets(size: $size, timeZone: $zone) { start end count }
}`;

const NODE = `query Node($id: ID!) {
  node(id: $id) { id ... on Event { slug title status time { local } related { type event { slug } } } }
}`;

const NODES = `query Nodes($ids: [ID!]!) {
  nodes(ids: $ids) { id ... on Event { slug title participants { actor { name } } } }
}`;

const SIZES = ['YEAR', 'MONTH', 'WEEK', 'DAY'];
const ZONES = ['UTC', 'Europe/Moscow', 'Asia/Shanghai', 'America/New_York', 'Asia/Kathmandu'];

interface Page {
  edges: { node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

function readPage(data: Record<string, unknown>, context: CycleContext): string | null {
  const page = data.timeline as Page | undefined;
  if (!page?.edges.length) return 'an empty timeline page';
  context.cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  context.ids = page.edges.map((edge) => edge.node.id);
  return null;
}

/** The steps of one cycle, which every connection repeats: rotating through `inputs`. */
function cycle(inputs: SoakInputs): Step[] {
  let turn = 0;
  const next = <T>(values: readonly T[]): T => values[turn++ % values.length]!;
  return [
    { kind: 'timeline page', query: PAGE, variables: () => ({ after: next(inputs.startCursors) }), read: readPage },
    { kind: 'timeline page', query: PAGE, variables: ({ cursor }) => ({ after: cursor ?? null }), read: readPage },
    { kind: 'search', query: SEARCH, variables: () => ({ text: next(inputs.searches) }) },
    { kind: 'timeline page', query: PAGE, variables: ({ cursor }) => ({ after: cursor ?? null }), read: readPage },
    { kind: 'buckets', query: BUCKETS, variables: () => ({ size: next(SIZES), zone: next(ZONES) }) },
    {
      kind: 'node',
      query: NODE,
      variables: ({ ids }) => ({ id: ids?.[turn++ % ids.length] ?? inputs.fallbackId }),
      read: (data) => (data.node ? null : 'node(id:) found nothing for an id from a page'),
    },
    { kind: 'nodes', query: NODES, variables: ({ ids }) => ({ ids: ids ?? [inputs.fallbackId] }) },
    {
      kind: 'as-of timeline page',
      query: PAGE,
      variables: ({ cursor }) => ({ after: cursor ?? null, asOf: next(inputs.asOfInstants) }),
      read: (data) => ((data.timeline as Page | undefined)?.edges.length ? null : 'an empty as-of page'),
    },
    {
      kind: 'reverse timeline page',
      query: PAGE,
      variables: ({ cursor }) => ({ after: cursor ?? null, order: 'REVERSE_CHRONOLOGICAL' }),
    },
  ];
}

function check(step: Step, body: string, context: CycleContext): string | null {
  let parsed: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return `${step.kind}: a body that is not JSON: ${body.slice(0, 120)}`;
  }
  if (parsed.errors?.length) {
    const [first] = parsed.errors;
    return `${step.kind}: ${first!.extensions?.code ?? 'no code'}: ${first!.message}`;
  }
  if (!parsed.data) return `${step.kind}: no data`;
  const problem = step.read?.(parsed.data, context) ?? null;
  return problem && `${step.kind}: ${problem}`;
}

/**
 * The mixed read load as autocannon requests: each connection pages through the timeline from a
 * rotating start cursor, following `endCursor`, and between pages searches, draws buckets, looks
 * up the page's events by `node` and `nodes`, reads an as-of page and a reverse page. Every 200
 * response is parsed and counted in `tally`; one with GraphQL errors or without data is a failure.
 */
export function soakRequests(inputs: SoakInputs, tally: SoakTally): Request[] {
  return cycle(inputs).map((step) => ({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    setupRequest: (request: Request, context: object) => ({
      ...request,
      body: JSON.stringify({ query: step.query, variables: step.variables(context as CycleContext) }),
    }),
    onResponse: (status: number, body: string, context: object) => {
      tally.byKind[step.kind] = (tally.byKind[step.kind] ?? 0) + 1;
      if (status !== 200) return;
      const problem = check(step, body, context as CycleContext);
      if (!problem) return;
      tally.failures += 1;
      if (tally.samples.length < 5) tally.samples.push(problem);
    },
  }));
}
