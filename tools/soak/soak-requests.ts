import { type Request } from 'autocannon';
import { acknowledge, ADD_CITATION, nextCitation, type SoakWriteInputs, type WriteLedger } from './soak-writes';

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
  /** Responses per HTTP status. */
  readonly statuses: Record<string, number>;
  /**
   * Responses with status 200 that carried GraphQL errors, no data, or unparsable JSON; while the
   * database may be down, also 503s that are not SERVICE_UNAVAILABLE with Retry-After.
   */
  failures: number;
  /** 503 SERVICE_UNAVAILABLE with Retry-After: the answer while the database is down. */
  outages: number;
  /** 200 with data whose only errors are SERVICE_UNAVAILABLE: a partial answer while the database went down. */
  partialOutages: number;
  /** The first few failures, for the report. */
  readonly samples: string[];
}

/** A tally with nothing counted yet. */
export function emptyTally(): SoakTally {
  return { byKind: {}, statuses: {}, failures: 0, outages: 0, partialOutages: 0, samples: [] };
}

/** The writes of the load, when it has any. */
export interface SoakWrites {
  readonly inputs: SoakWriteInputs;
  readonly ledger: WriteLedger;
}

/** What one connection remembers between the requests of a cycle. */
interface CycleContext {
  cursor?: string | null;
  ids?: string[];
}

interface Step {
  kind: string;
  query: string;
  headers?: Record<string, string>;
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

/** The write step: a citation on an event of the page just read. */
function writeStep(inputs: SoakInputs, writes: SoakWrites): Step {
  let turn = 0;
  return {
    kind: 'write (addCitation)',
    query: ADD_CITATION,
    headers: { authorization: writes.inputs.authorization },
    variables: ({ ids }) => nextCitation(writes.inputs, writes.ledger, ids?.[turn++ % ids.length] ?? inputs.fallbackId),
    read: (data) => acknowledge(writes.ledger, data),
  };
}

/** The steps of one cycle, which every connection repeats: rotating through `inputs`. */
function cycle(inputs: SoakInputs, writes?: SoakWrites): Step[] {
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
    ...(writes ? [writeStep(inputs, writes)] : []),
  ];
}

interface Parsed {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

function parse(body: string): Parsed | null {
  try {
    return JSON.parse(body) as Parsed;
  } catch {
    return null;
  }
}

const onlyUnavailable = (parsed: Parsed | null) =>
  Boolean(parsed?.errors?.length) && parsed!.errors!.every((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE');

function check(step: Step, parsed: Parsed | null, body: string, context: CycleContext): string | null {
  if (!parsed) return `${step.kind}: a body that is not JSON: ${body.slice(0, 120)}`;
  if (parsed.errors?.length) {
    const [first] = parsed.errors;
    return `${step.kind}: ${first!.extensions?.code ?? 'no code'}: ${first!.message}`;
  }
  if (!parsed.data) return `${step.kind}: no data`;
  const problem = step.read?.(parsed.data, context) ?? null;
  return problem && `${step.kind}: ${problem}`;
}

function fail(tally: SoakTally, problem: string): void {
  tally.failures += 1;
  if (tally.samples.length < 5) tally.samples.push(problem);
}

/**
 * The mixed load as autocannon requests: each connection pages through the timeline from a
 * rotating start cursor, following `endCursor`, and between pages searches, draws buckets, looks
 * up the page's events by `node` and `nodes`, reads an as-of page and a reverse page, and, with
 * `writes`, adds a citation to one of the page's events. Every response is counted in `tally`; a
 * 200 with GraphQL errors or without data is a failure. With `outagesExpected` (the database is
 * being killed), a 503 SERVICE_UNAVAILABLE with Retry-After, and a 200 with data whose only errors
 * are SERVICE_UNAVAILABLE, are counted as outage answers; any other 503 is a failure.
 */
export function soakRequests(
  inputs: SoakInputs,
  tally: SoakTally,
  { writes, outagesExpected = false }: { writes?: SoakWrites; outagesExpected?: boolean } = {},
): Request[] {
  return cycle(inputs, writes).map((step) => ({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...step.headers },
    setupRequest: (request: Request, context: object) => ({
      ...request,
      body: JSON.stringify({ query: step.query, variables: step.variables(context as CycleContext) }),
    }),
    onResponse: (status: number, body: string, context: object, headers: Request['headers']) => {
      tally.byKind[step.kind] = (tally.byKind[step.kind] ?? 0) + 1;
      tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
      const parsed = status === 200 || (status === 503 && outagesExpected) ? parse(body) : null;
      if (status === 503 && outagesExpected) {
        if (onlyUnavailable(parsed) && headers?.['retry-after']) tally.outages += 1;
        else fail(tally, `${step.kind}: 503 without SERVICE_UNAVAILABLE and Retry-After: ${body.slice(0, 120)}`);
        return;
      }
      if (status !== 200) return;
      if (outagesExpected && parsed?.data && onlyUnavailable(parsed)) {
        tally.partialOutages += 1;
        return;
      }
      const problem = check(step, parsed, body, context as CycleContext);
      if (problem) fail(tally, problem);
    },
  }));
}
