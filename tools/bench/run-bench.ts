import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type Pool } from 'pg';
import { pino } from 'pino';
import { toGlobalId } from '../../src/shared/global-id';
import { encodeEventCursor } from '../../src/timeline/event-cursor';
import { openBenchDatabase } from './bench-database';
import { parseBenchOptions, type BenchOptions } from './bench-options';
import { datasetFacts, datasetShape } from './dataset';
import { explainWorkloads, type ExplainedStatement, type WorkloadPlans } from './explain';
import { measureLoad, type HttpTarget, type LoadResult } from './load';
import { anchorRequest, ANCHORED_WORKLOADS, pageDifference } from './postgraphile-workloads';
import { summariseProfile } from './profile-summary';
import { combineRounds, ratioOf, renderTable, saveReport, type ResultRow } from './report';
import { isScaleRun, parseScaleOptions, runScaleBench } from './scale-bench';
import { startServerProcess, type ServerProcess } from './server-process';
import { readAsOfInputs, statusAtRevision } from './revisions';
import { runLiveBench } from './live-bench';
import {
  COUNT_SET_ID,
  countQuerySet,
  measureQuerySet,
  renderQuerySet,
  SEARCH_QUERY_SET,
  SEARCH_SET_ID,
  type QuerySet,
  type SearchCaseResult,
} from './search-set';
import { AS_OF_MIN_REVISIONS, buildWorkloads, PAGE_SIZE, type Workload, type WorkloadInputs } from './workloads';

const logger = pino({ name: 'bench', level: 'info' });
const PROFILE_DIR = path.resolve(__dirname, '../../../.bench/profiles');

async function workloadInputs(pool: Pool, events: number): Promise<WorkloadInputs> {
  const { rows: deep } = await pool.query<{ startAt: Date; id: string }>(
    'SELECT start_at AS "startAt", id FROM event ORDER BY start_at, id OFFSET $1 LIMIT 1',
    [Math.floor(events * 0.9)],
  );
  const { rows: spread } = await pool.query<{ id: string }>(
    'SELECT id FROM event WHERE id % $1 = 0 ORDER BY id LIMIT 50',
    [Math.max(1, Math.floor(events / 50))],
  );
  const asOf = await readAsOfInputs(pool, PAGE_SIZE);
  const facts = datasetFacts(events);
  // The revisions moved every event's status along a cycle: filter by what the commonest became.
  facts.filterStatus = statusAtRevision(facts.filterStatus, asOf?.revisions ?? 1);
  return {
    facts,
    deepCursor: encodeEventCursor(deep[0]!),
    eventIds: spread.map((row) => toGlobalId('Event', row.id)),
    asOf,
  };
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

async function fetchText(
  url: string,
  init: RequestInit,
): Promise<{ status: number; body: string; etag: string | null }> {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.text(), etag: response.headers.get('etag') };
}

function persistedQueryPath(workload: Workload, withQuery: boolean): string {
  const { query, variables } = workload.request;
  const hash = createHash('sha256').update(query).digest('hex');
  const params = new URLSearchParams({
    variables: JSON.stringify(variables),
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }),
  });
  if (withQuery) params.set('query', query);
  return `/graphql?${params.toString()}`;
}

/** A POST of `body` to /graphql, answered 200 with exactly `expectedBody`. */
function graphqlTarget(body: string, expectedBody: string): HttpTarget {
  return { method: 'POST', path: '/graphql', headers: JSON_HEADERS, body, expectedStatus: 200, expectedBody };
}

function problemsOf(body: string, workload: Workload): string | null {
  const parsed = JSON.parse(body) as { data?: Record<string, unknown>; errors?: { message: string }[] };
  if (parsed.errors?.length) return `errors: ${parsed.errors.map((error) => error.message).join('; ')}`;
  return parsed.data ? workload.check(parsed.data) : 'no data';
}

/**
 * Sends the workload's request, checks the answer (no errors, the workload's own check, the same
 * body twice, and the floor's JSON when it has one) and returns the request to time.
 */
async function preparedTarget(
  workload: Workload,
  api: ServerProcess,
  floor: ServerProcess,
): Promise<{ target: HttpTarget; floorTarget?: HttpTarget }> {
  if (workload.conditionalGet) {
    const headers = { 'apollo-require-preflight': 'true', accept: 'application/json' };
    const first = await fetchText(`${api.baseUrl}${persistedQueryPath(workload, true)}`, { headers });
    const problem = first.status === 200 ? problemsOf(first.body, workload) : `status ${first.status}`;
    if (problem || !first.etag) throw new Error(`${workload.id}: ${problem ?? 'no ETag on a GET response'}`);
    const path = persistedQueryPath(workload, false);
    const conditional = { ...headers, 'if-none-match': first.etag };
    const revalidated = await fetchText(`${api.baseUrl}${path}`, { headers: conditional });
    if (revalidated.status !== 304) throw new Error(`${workload.id}: revalidation gave ${revalidated.status}, not 304`);
    return { target: { method: 'GET', path, headers: conditional, expectedStatus: 304 } };
  }
  const body = JSON.stringify(workload.request);
  const init = { method: 'POST', headers: JSON_HEADERS, body };
  const first = await fetchText(`${api.baseUrl}/graphql`, init);
  const second = await fetchText(`${api.baseUrl}/graphql`, init);
  const problem = first.status === 200 ? problemsOf(first.body, workload) : `status ${first.status}: ${first.body}`;
  if (problem) throw new Error(`${workload.id}: ${problem}`);
  if (first.body !== second.body) throw new Error(`${workload.id}: two identical requests got different responses`);
  const target = graphqlTarget(body, first.body);
  if (!workload.floorPath) return { target };
  const fromFloor = await fetchText(`${floor.baseUrl}${workload.floorPath}`, {});
  // Compares the data: the server may add response extensions (e.g. the query's cost) that the floor does not.
  const dataOf = (body: string) => (JSON.parse(body) as { data?: unknown }).data;
  if (!isDeepStrictEqual(dataOf(fromFloor.body), dataOf(first.body))) {
    throw new Error(`${workload.id}: the floor's JSON differs from the GraphQL response`);
  }
  return {
    target,
    floorTarget: {
      method: 'GET',
      path: workload.floorPath,
      headers: {},
      expectedStatus: 200,
      expectedBody: fromFloor.body,
    },
  };
}

/** Workloads whose statements must not scan `event` (or `event_history`) sequentially. */
const INDEXED_WORKLOADS = /^(W[1-47]|A\d)/;
/**
 * As-of workloads: their statements must read `event_history` and never `event`, since the `as_of`
 * views read only the history; every other workload's must never read `event_history`. Otherwise
 * a workload times the other path.
 */
const HISTORY_WORKLOADS = /^A[2-9]/;

/** What is wrong with the tables a workload's statements read, or null. */
function pathProblem(id: string, statements: readonly ExplainedStatement[]): string | null {
  const numbered = (wanted: (statement: ExplainedStatement) => boolean) =>
    statements.flatMap((statement, index) => (wanted(statement) ? [index + 1] : []));
  if (HISTORY_WORKLOADS.test(id)) {
    if (!statements.some((statement) => statement.readsEventHistory)) return `${id} does not read event_history`;
    const current = numbered((statement) => statement.readsEvent);
    return current.length ? `${id} statement ${current.join(', ')} reads event` : null;
  }
  const history = numbered((statement) => statement.readsEventHistory);
  return history.length ? `${id} statement ${history.join(', ')} reads event_history` : null;
}

function renderPlans(plans: WorkloadPlans): { text: string; seqScans: string[]; wrongPaths: string[] } {
  const seqScans: string[] = [];
  const wrongPaths: string[] = [];
  const sections = [...plans.entries()].map(([id, statements]) => {
    const problem = pathProblem(id, statements);
    if (problem) wrongPaths.push(problem);
    const parts = statements.map((statement, index) => {
      if (statement.seqScansOfEvent && INDEXED_WORKLOADS.test(id)) seqScans.push(`${id} statement ${index + 1}`);
      const setup = statement.setup ? `\n-- in: ${statement.setup}` : '';
      return `-- ${id} statement ${index + 1} (${statement.executionMs} ms)${setup}\n${statement.sql}\n${statement.plan}`;
    });
    return parts.join('\n\n');
  });
  return { text: sections.join('\n\n'), seqScans, wrongPaths };
}

function startApi(url: string, options: BenchOptions): Promise<ServerProcess> {
  const nodeArgs = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  if (options.profile) mkdirSync(PROFILE_DIR, { recursive: true });
  return startServerProcess(
    options.server ? `annals (production, ${options.server})` : 'annals (production)',
    options.server ?? 'src/index.js',
    { DATABASE_URL: url, NODE_ENV: 'production', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' },
    { readyPath: '/readyz', nodeArgs },
  );
}

function latestProfile(): string | null {
  const files = readdirSync(PROFILE_DIR)
    .filter((file) => file.endsWith('.cpuprofile'))
    .sort();
  return files.length ? path.join(PROFILE_DIR, files.at(-1)!) : null;
}

/** PostGraphile 5 on the bench database (see postgraphile-server.ts), with Promise.withResolvers on Node 20. */
function startAnchor(url: string): Promise<ServerProcess> {
  const polyfill = path.resolve(__dirname, 'with-resolvers-polyfill.js');
  return startServerProcess(
    'postgraphile',
    'tools/bench/postgraphile-server.js',
    { DATABASE_URL: url, NODE_ENV: 'production' },
    // It answers GET with 405 (POST only) once it listens with its schema built.
    { readyPath: '/graphql', readyStatus: 405, nodeArgs: ['--require', polyfill] },
  );
}

/**
 * The anchor's request for `workload`, checked before anything is timed: it must show the same
 * events, in the same order, with the same values, as Annals' answer to `annals`.
 */
async function preparedAnchorTarget(
  workload: Workload,
  anchor: ServerProcess,
  annals: HttpTarget,
  deepOffset: number,
): Promise<HttpTarget> {
  const request = await anchorRequest(anchor.baseUrl, workload.id, deepOffset);
  const body = JSON.stringify(request);
  const init = { method: 'POST', headers: JSON_HEADERS, body };
  const first = await fetchText(`${anchor.baseUrl}/graphql`, init);
  const second = await fetchText(`${anchor.baseUrl}/graphql`, init);
  if (first.status !== 200 || first.body !== second.body) {
    throw new Error(
      `${workload.id}: PostGraphile answered ${first.status}, or differently twice: ${first.body.slice(0, 300)}`,
    );
  }
  const dataOf = (text: string) => (JSON.parse(text) as { data: Record<string, unknown> }).data;
  const difference = pageDifference(dataOf(annals.expectedBody!), dataOf(first.body));
  if (difference) throw new Error(`${workload.id}: PostGraphile's page differs from Annals': ${difference}`);
  return graphqlTarget(body, first.body);
}

async function runBench(options: BenchOptions): Promise<number> {
  const database = await openBenchDatabase(options.events, options.revisions, logger);
  const servers: ServerProcess[] = [];
  try {
    const inputs = await workloadInputs(database.pool, options.events);
    const workloads = buildWorkloads(inputs).filter((w) => !options.only.length || options.only.includes(w.id));
    const querySets = [SEARCH_QUERY_SET, countQuerySet(inputs.facts.busyActorSlug)].filter(
      (set) => !options.only.length || options.only.includes(set.id),
    );
    const missing = options.only.filter(
      (id) => id !== SEARCH_SET_ID && id !== COUNT_SET_ID && !workloads.some((workload) => workload.id === id),
    );
    if (missing.length) {
      throw new Error(
        `no workload ${missing.join(', ')} (the as-of workloads A1–A4 need --revisions ${AS_OF_MIN_REVISIONS} or more; this dataset has ${inputs.asOf?.revisions ?? 1})`,
      );
    }
    const explained = renderPlans(
      await explainWorkloads(
        database.pool,
        workloads.filter((workload) => !workload.conditionalGet),
      ),
    );
    if (explained.wrongPaths.length) {
      throw new Error(`statements reading the wrong tables: ${explained.wrongPaths.join('; ')}`);
    }
    const api = await startApi(database.url, options);
    servers.push(api);
    const floor = await startServerProcess(
      'floor',
      'tools/bench/floor-server.js',
      { DATABASE_URL: database.url },
      {
        readyPath: '/metrics',
      },
    );
    servers.push(floor);
    const floorRuns = new Map<string, LoadResult[]>();
    const anchor = options.anchor === 'postgraphile' ? await startAnchor(database.url) : null;
    if (anchor) servers.push(anchor);
    const load = {
      connections: options.connections,
      seconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      postmasterPid: database.postmasterPid,
    };
    const rows: ResultRow[] = [];
    for (const workload of workloads) {
      const { target, floorTarget } = await preparedTarget(workload, api, floor);
      const anchorTarget =
        anchor && ANCHORED_WORKLOADS.has(workload.id)
          ? await preparedAnchorTarget(workload, anchor, target, Math.floor(options.events * 0.9))
          : undefined;
      const runs = { floor: [] as LoadResult[], annals: [] as LoadResult[], anchor: [] as LoadResult[] };
      for (let round = 1; round <= options.rounds; round += 1) {
        const of = options.rounds > 1 ? ` (round ${round} of ${options.rounds})` : '';
        if (floorTarget) {
          logger.info(`${workload.id}: timing the floor${of}`);
          runs.floor.push(await measureLoad(floor, floorTarget, load));
        }
        logger.info(`${workload.id}: timing ${workload.title}${of}`);
        runs.annals.push(await measureLoad(api, target, load));
        if (anchor && anchorTarget) {
          logger.info(`${workload.id}: timing PostGraphile${of}`);
          runs.anchor.push(await measureLoad(anchor, anchorTarget, load));
        }
      }
      if (runs.floor.length) {
        floorRuns.set(workload.id, runs.floor);
        rows.push({
          id: `F${workload.id.slice(1)}`,
          title: `floor for ${workload.id} (one SQL statement, no GraphQL)`,
          result: combineRounds(runs.floor),
          floorRatio: ratioOf(runs.floor, runs.floor),
        });
      }
      const floorOfWorkload = floorRuns.get(workload.id) ?? floorRuns.get('W1');
      rows.push({
        id: workload.id,
        title: workload.title,
        result: combineRounds(runs.annals),
        floorRatio: floorOfWorkload ? ratioOf(runs.annals, floorOfWorkload) : null,
        anchorRatio: runs.anchor.length ? ratioOf(runs.annals, runs.anchor) : null,
      });
      if (runs.anchor.length) {
        rows.push({
          id: `P${workload.id.slice(1)}`,
          title: `PostGraphile 5 for ${workload.id} (Amber preset)`,
          result: combineRounds(runs.anchor),
          floorRatio: floorOfWorkload ? ratioOf(runs.anchor, floorOfWorkload) : null,
          anchorRatio: ratioOf(runs.anchor, runs.anchor),
        });
      }
    }
    const setResults: { set: QuerySet; results: SearchCaseResult[] }[] = [];
    for (const set of querySets) {
      logger.info(`${set.id}: timing the ${set.title}, one query at a time`);
      const repeats = options.durationSeconds < 5 ? 1 : set.bounds ? 5 : 3;
      setResults.push({ set, results: await measureQuerySet(set, api.baseUrl, repeats) });
    }
    for (const server of servers.splice(0)) await server.stop();
    const profile = options.profile ? latestProfile() : null;
    const shape = datasetShape(options.events);
    const heading = [
      `# Annals bench, ${new Date().toISOString()}`,
      `${options.events} events (each at revision ${options.revisions}), ${shape.actors} actors, ${shape.sources} sources; ${options.connections} connections, ${options.durationSeconds} s per workload after ${options.warmupSeconds} s warm-up, ${options.rounds} round(s) alternating the servers; ${os.cpus().length} cores, Node ${process.version}.`,
      ...(options.server ? [`GraphQL server: ${options.server} (the plans below are this build's statements)`] : []),
    ].join('\n\n');
    const profileText = profile
      ? `\n\n## CPU profile of the GraphQL server (self time)\n\n${summariseProfile(profile)
          .map((share) => `- ${share.percent.toFixed(1)}% ${share.part}`)
          .join('\n')}\n\n${profile}`
      : '';
    const scans = explained.seqScans.length
      ? `sequential scans of event or event_history: ${explained.seqScans.join(', ')}`
      : 'no sequential scan of event or event_history in W1–W4, W7, A1–A4';
    const searchText = setResults.map(({ set, results }) => `\n\n${renderQuerySet(set, results)}`).join('');
    const report = `${heading}\n\n${renderTable(rows)}\n\n${scans}${searchText}${profileText}\n`;
    const file = saveReport(
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${options.events}`,
      `${report}\n## Plans\n\n\`\`\`\n${explained.text}\n\`\`\`\n`,
      { options, rows, querySets: setResults.map(({ set, results }) => ({ id: set.id, results })) },
    );
    console.log(`\n${report}\nSaved with every statement's EXPLAIN ANALYZE to ${file}`);
    const failed = [
      ...rows.filter((row) => row.result.failures > 0).map((row) => row.id),
      ...setResults.flatMap(({ set, results }) =>
        results.filter((result) => result.problem).map((result) => `${set.id} "${result.searchCase.text}"`),
      ),
    ];
    if (failed.length) console.error(`FAILED: wrong or failed responses in ${failed.join(', ')}`);
    if (options.strictPlans && explained.seqScans.length) console.error(`FAILED: ${scans}`);
    return failed.length || (options.strictPlans && explained.seqScans.length) ? 1 : 0;
  } finally {
    for (const server of servers) await server.stop().catch(() => undefined);
    await database.close();
  }
}

async function runLive(options: BenchOptions): Promise<number> {
  const database = await openBenchDatabase(options.events, options.revisions, logger);
  try {
    if (options.profile) mkdirSync(PROFILE_DIR, { recursive: true });
    const nodeArgs = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
    const figures = await runLiveBench(database, options.durationSeconds, nodeArgs);
    console.log(JSON.stringify(figures, null, 2));
    const profile = options.profile ? latestProfile() : null;
    if (profile) console.log(JSON.stringify(summariseProfile(profile, 25), null, 2));
    // The lowest rate must be delivered whole; the highest reports what this machine could do.
    return figures.atRates[0]!.delivered === figures.atRates[0]!.expected ? 0 : 1;
  } finally {
    await database.close();
  }
}

const argv = process.argv.slice(2);
const run = (): Promise<number> => {
  if (isScaleRun(argv)) return runScaleBench(parseScaleOptions(argv)).then(() => 0);
  const options = parseBenchOptions(argv);
  return options.live ? runLive(options) : runBench(options);
};
run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('bench failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
