import { SEARCH_QUERY, type GraphQLRequest } from './workloads';

/** The search set's id for `--only`. */
export const SEARCH_SET_ID = 'S1';

/** One query of the search set, and what its answer must be on every generated dataset. */
export interface SearchCase {
  text: string;
  /** What the case stands for (one- or two-character Chinese, a rare and a common word, …). */
  kind: string;
  /** `some`: at least one hit; `none`: no hit at all; `any`: either (it depends on the dataset's size). */
  expect: 'some' | 'none' | 'any';
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
export function searchCaseProblem(
  searchCase: SearchCase,
  answer: { data?: { search?: unknown[] } | null; errors?: { message: string; extensions?: { code?: string } }[] },
): string | null {
  if (answer.errors?.length) {
    return answer.errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; ');
  }
  const hits = answer.data?.search?.length ?? 0;
  if (searchCase.expect === 'some' && hits === 0) return 'no hit';
  if (searchCase.expect === 'none' && hits > 0) return `${hits} hits where none may be`;
  return null;
}

/** One case's timings, one client at a time. */
export interface SearchCaseResult {
  searchCase: SearchCase;
  hits: number;
  /** Milliseconds of each timed request, in order. */
  samplesMs: number[];
  problem: string | null;
}

const percentile = (sorted: readonly number[], share: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]! : NaN;

/** The bounds the set is held to at any size: p95 and slowest request over all cases. */
export const SEARCH_SET_BOUNDS = { p95Ms: 150, maxMs: 500 } as const;

/**
 * Sends every case of {@link SEARCH_SET} to `baseUrl` one at a time, once untimed (the first
 * answer is checked) and then `repeats` times timed.
 */
export async function measureSearchSet(baseUrl: string, repeats: number): Promise<SearchCaseResult[]> {
  const results: SearchCaseResult[] = [];
  for (const searchCase of SEARCH_SET) {
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(searchSetRequest(searchCase.text)),
    };
    const send = async () =>
      (await (await fetch(`${baseUrl}/graphql`, init)).json()) as Parameters<typeof searchCaseProblem>[1];
    const first = await send();
    let problem = searchCaseProblem(searchCase, first);
    const samplesMs: number[] = [];
    for (let round = 0; round < repeats; round += 1) {
      const started = performance.now();
      const answer = await send();
      samplesMs.push(performance.now() - started);
      problem ??= searchCaseProblem(searchCase, answer);
    }
    results.push({ searchCase, hits: first.data?.search?.length ?? 0, samplesMs, problem });
  }
  return results;
}

/** Overall p95 and slowest request, and whether the set is within {@link SEARCH_SET_BOUNDS} with no problem. */
export function summariseSearchSet(results: readonly SearchCaseResult[]): {
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
    withinBounds: problems === 0 && p95Ms < SEARCH_SET_BOUNDS.p95Ms && maxMs < SEARCH_SET_BOUNDS.maxMs,
  };
}

/** The set's results as a Markdown section: one row per case, then the overall figures against the bounds. */
export function renderSearchSet(results: readonly SearchCaseResult[]): string {
  const rows = results.map(({ searchCase, hits, samplesMs, problem }) => {
    const sorted = [...samplesMs].sort((a, b) => a - b);
    return `| ${searchCase.text} | ${searchCase.kind} | ${hits} | ${percentile(sorted, 0.5).toFixed(1)} | ${(sorted.at(-1) ?? NaN).toFixed(1)} | ${problem ?? ''} |`;
  });
  const { p95Ms, maxMs, problems, withinBounds } = summariseSearchSet(results);
  const samples = results.reduce((sum, result) => sum + result.samplesMs.length, 0);
  return [
    `## S1 search set (${results.length} queries, one client at a time, ${samples} timed requests)`,
    '',
    '| query | kind | hits | p50 ms | max ms | problem |',
    '|---|---|---:|---:|---:|---|',
    ...rows,
    '',
    `p95 ${p95Ms.toFixed(1)} ms (bound ${SEARCH_SET_BOUNDS.p95Ms}), slowest ${maxMs.toFixed(1)} ms (bound ${SEARCH_SET_BOUNDS.maxMs}), ${problems} with problems: ${withinBounds ? 'within bounds' : 'NOT within bounds'}`,
  ].join('\n');
}
