import { SEARCH_QUERY, type GraphQLRequest } from './workloads';

const TIMEOUT_CODE = 'QUERY_TIMEOUT';

/** The search set's id for `--only`. */
export const SEARCH_SET_ID = 'S1';
/** The id for `--only` of the set of searches in counts, buckets and an actor's timeline. */
export const COUNT_SET_ID = 'S2';

/** One query of a set, and what its answer must be on every generated dataset. */
export interface SearchCase {
  text: string;
  /** What the case stands for (one- or two-character Chinese, a rare and a common word, …). */
  kind: string;
  /** `some`: at least one hit; `none`: no hit at all; `any`: either (it depends on the dataset's size). */
  expect: 'some' | 'none' | 'any';
}

/** The answer to one request of a set. */
type SetAnswer = {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
};

/** A set of requests timed one client at a time, each answer checked. */
export interface QuerySet {
  id: string;
  title: string;
  cases: readonly SearchCase[];
  request(searchCase: SearchCase): GraphQLRequest;
  /** How many hits (or matching events) an answer holds. */
  hits(data: Record<string, unknown>): number;
  /** Bounds on p95 and the slowest request, or null when the set only reports. */
  bounds: { p95Ms: number; maxMs: number } | null;
  /** Whether a QUERY_TIMEOUT is reported as a timeout rather than as a wrong answer. */
  timeoutsReported: boolean;
}

/**
 * The S1 search set: words of every shape people type, over the generated dataset's vocabulary
 * (surnames, given names, titles, the summit word), from one Chinese character to two Latin
 * words whose each match many names but which rarely meet, and words found nowhere.
 */
export const SEARCH_SET: readonly SearchCase[] = [
  { text: '王', kind: 'one Chinese character, commonest surname', expect: 'some' },
  { text: '峰', kind: 'one Chinese character, a given name and part of 峰会', expect: 'some' },
  { text: '冯', kind: 'one Chinese character, a surname', expect: 'some' },
  { text: '王伟', kind: 'two Chinese characters, the busiest actor', expect: 'some' },
  { text: '峰会', kind: 'two Chinese characters, a common word', expect: 'some' },
  { text: '部长', kind: 'two Chinese characters, a title in many aliases', expect: 'some' },
  { text: '冯军', kind: 'two Chinese characters, a name no actor has', expect: 'any' },
  { text: 'summit', kind: 'Latin word, common', expect: 'some' },
  { text: 'Wang', kind: 'Latin word, commonest surname', expect: 'some' },
  { text: 'Feng', kind: 'Latin word, a surname and a given name', expect: 'some' },
  { text: 'Li', kind: 'Latin word of two letters (no index gram)', expect: 'some' },
  { text: 'Minister', kind: 'Latin word, a title in many aliases', expect: 'some' },
  { text: 'Xian', kind: 'Latin word, the rarest given name', expect: 'any' },
  { text: 'Wang Wei', kind: 'two Latin words, the busiest actor', expect: 'some' },
  { text: 'Feng Jun', kind: 'two Latin words, each common, rarely together', expect: 'any' },
  { text: 'Minister Feng', kind: 'two Latin words, an alias', expect: 'any' },
  { text: 'Xian summit', kind: 'rare and common words', expect: 'any' },
  { text: '王伟 峰会', kind: 'two Chinese words, busiest actor and a common word', expect: 'any' },
  { text: 'Feng 峰会', kind: 'Latin and Chinese words', expect: 'any' },
  { text: 'Wang Jun Minister', kind: 'three Latin words, each common', expect: 'any' },
  { text: 'xyzzy', kind: 'Latin word found nowhere', expect: 'none' },
  { text: '鲸鱼', kind: 'Chinese word found nowhere', expect: 'none' },
  { text: 'Feng xyzzy', kind: 'common word and a word found nowhere', expect: 'none' },
  { text: '王 鲸鱼', kind: 'common character and a word found nowhere', expect: 'none' },
];

/** The search request of the set: the same as W5a/W5b's. */
export function searchSetRequest(text: string): GraphQLRequest {
  return { query: SEARCH_QUERY, variables: { text } };
}

/** Why the answer to `searchCase` is wrong (errors, or hits where none may be or none where some must), or null. */
export function searchCaseProblem(set: QuerySet, searchCase: SearchCase, answer: SetAnswer): string | null {
  const errors = (answer.errors ?? []).filter((error) => !(set.timeoutsReported && isTimeout(error)));
  if (errors.length) return errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; ');
  if (answer.errors?.length || !answer.data) return null;
  const hits = set.hits(answer.data);
  if (searchCase.expect === 'some' && hits === 0) return 'no hit';
  if (searchCase.expect === 'none' && hits > 0) return `${hits} hits where none may be`;
  return null;
}

const isTimeout = (error: { extensions?: { code?: string } }): boolean => error.extensions?.code === TIMEOUT_CODE;

/** One case's timings, one client at a time. */
export interface SearchCaseResult {
  searchCase: SearchCase;
  /** Hits of the first answer; null when it timed out. */
  hits: number | null;
  /** Timed requests that ended in QUERY_TIMEOUT (a set that reports timeouts only). */
  timeouts: number;
  /** Milliseconds of each timed request, in order. */
  samplesMs: number[];
  problem: string | null;
}

const percentile = (sorted: readonly number[], share: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]! : NaN;

/** The bounds the search set is held to at any size: p95 and slowest request over all cases. */
export const SEARCH_SET_BOUNDS = { p95Ms: 150, maxMs: 500 } as const;

/** S1: the search set, `search(first: 20)` for every case, held to {@link SEARCH_SET_BOUNDS}. */
export const SEARCH_QUERY_SET: QuerySet = {
  id: SEARCH_SET_ID,
  title: 'search set',
  cases: SEARCH_SET,
  request: ({ text }) => searchSetRequest(text),
  hits: (data) => (data.search as unknown[] | undefined)?.length ?? 0,
  bounds: SEARCH_SET_BOUNDS,
  timeoutsReported: false,
};

/** The words of S2, from S1: common and rare, one term and several, and one found nowhere. */
const COUNTED_WORDS = ['王', '王伟', 'summit', 'Minister', 'Feng Jun', 'Wang Jun Minister', '王伟 峰会', 'xyzzy'];

const BUCKETS_QUERY = `query SearchBuckets($text: String!) {
  timelineBuckets(size: YEAR, timeZone: "UTC", filter: { search: $text }) { start count }
}`;

const ACTOR_TIMELINE_QUERY = `query SearchActorTimeline($text: String!, $slug: String!) {
  actor(slug: $slug) { timeline(first: 20, filter: { search: $text }) { totalCount edges { node { id title } } } }
}`;

/**
 * S2: searches that weigh every match: `timelineBuckets` by year over the whole timeline, and the
 * busiest actor's timeline with its `totalCount`, for words of S1. It reports (no bounds): at 1M
 * events the commonest words still take seconds, and may end in QUERY_TIMEOUT, which is counted.
 */
export function countQuerySet(busyActorSlug: string): QuerySet {
  return {
    id: COUNT_SET_ID,
    title: 'search in buckets and an actor timeline',
    cases: COUNTED_WORDS.flatMap((text) =>
      ['buckets', 'actor timeline'].map((kind) => ({ text, kind, expect: text === 'xyzzy' ? 'none' : 'any' }) as const),
    ),
    request: ({ text, kind }) =>
      kind === 'buckets'
        ? { query: BUCKETS_QUERY, variables: { text } }
        : { query: ACTOR_TIMELINE_QUERY, variables: { text, slug: busyActorSlug } },
    hits: (data) =>
      'timelineBuckets' in data
        ? (data.timelineBuckets as { count: number }[]).reduce((sum, bucket) => sum + bucket.count, 0)
        : ((data.actor as { timeline: { totalCount: number } } | null)?.timeline.totalCount ?? 0),
    bounds: null,
    timeoutsReported: true,
  };
}

/**
 * Sends every case of `set` to `baseUrl` one at a time, once untimed (the first answer is
 * checked) and then `repeats` times timed.
 */
export async function measureQuerySet(set: QuerySet, baseUrl: string, repeats: number): Promise<SearchCaseResult[]> {
  const results: SearchCaseResult[] = [];
  for (const searchCase of set.cases) {
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(set.request(searchCase)),
    };
    const send = async () => (await (await fetch(`${baseUrl}/graphql`, init)).json()) as SetAnswer;
    const first = await send();
    let problem = searchCaseProblem(set, searchCase, first);
    const samplesMs: number[] = [];
    let timeouts = 0;
    for (let round = 0; round < repeats; round += 1) {
      const started = performance.now();
      const answer = await send();
      samplesMs.push(performance.now() - started);
      if (answer.errors?.some(isTimeout)) timeouts += 1;
      problem ??= searchCaseProblem(set, searchCase, answer);
    }
    const hits = first.data && !first.errors?.length ? set.hits(first.data) : null;
    results.push({ searchCase, hits, timeouts, samplesMs, problem });
  }
  return results;
}

/** Overall p95 and slowest request, and whether the set is within {@link SEARCH_SET_BOUNDS} with no problem. */
export function summariseSearchSet(
  results: readonly SearchCaseResult[],
  bounds: QuerySet['bounds'] = SEARCH_SET_BOUNDS,
): {
  p95Ms: number;
  maxMs: number;
  problems: number;
  withinBounds: boolean;
} {
  const all = results.flatMap((result) => result.samplesMs).sort((a, b) => a - b);
  const p95Ms = percentile(all, 0.95);
  const maxMs = all.at(-1) ?? NaN;
  const problems = results.filter((result) => result.problem).length;
  return {
    p95Ms,
    maxMs,
    problems,
    withinBounds: problems === 0 && (!bounds || (p95Ms < bounds.p95Ms && maxMs < bounds.maxMs)),
  };
}

/** A set's results as a Markdown section: one row per case, then the overall figures against its bounds. */
export function renderQuerySet(set: QuerySet, results: readonly SearchCaseResult[]): string {
  const rows = results.map(({ searchCase, hits, timeouts, samplesMs, problem }) => {
    const sorted = [...samplesMs].sort((a, b) => a - b);
    const timedOut = set.timeoutsReported ? ` ${timeouts} |` : '';
    return `| ${searchCase.text} | ${searchCase.kind} | ${hits ?? '–'} | ${percentile(sorted, 0.5).toFixed(1)} | ${(sorted.at(-1) ?? NaN).toFixed(1)} |${timedOut} ${problem ?? ''} |`;
  });
  const { p95Ms, maxMs, problems, withinBounds } = summariseSearchSet(results, set.bounds);
  const samples = results.reduce((sum, result) => sum + result.samplesMs.length, 0);
  const verdict = set.bounds
    ? `p95 ${p95Ms.toFixed(1)} ms (bound ${set.bounds.p95Ms}), slowest ${maxMs.toFixed(1)} ms (bound ${set.bounds.maxMs}), ${problems} with problems: ${withinBounds ? 'within bounds' : 'NOT within bounds'}`
    : `p95 ${p95Ms.toFixed(1)} ms, slowest ${maxMs.toFixed(1)} ms, ${results.reduce((sum, result) => sum + result.timeouts, 0)} timed out, ${problems} with problems`;
  return [
    `## ${set.id} ${set.title} (${results.length} queries, one client at a time, ${samples} timed requests)`,
    '',
    `| query | kind | hits | p50 ms | max ms |${set.timeoutsReported ? ' timeouts |' : ''} problem |`,
    `|---|---|---:|---:|---:|${set.timeoutsReported ? '---:|' : ''}---|`,
    ...rows,
    '',
    verdict,
  ].join('\n');
}
