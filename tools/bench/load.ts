import autocannon from 'autocannon';
import { cpuMillis, cpuUsedBetween, familyCpu, samplePeakRss } from './process-stats';
import { type ServerProcess } from './server-process';

/** One HTTP request to repeat, and what a correct response is. */
export interface HttpTarget {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** 200 with exactly `expectedBody`, or 304 (a cache revalidation) with no body. */
  expectedStatus: 200 | 304;
  expectedBody?: string;
}

/** What one timed run measured. */
export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerRequest: number;
  /** CPU the database server (all its processes) used per request; NaN when it is not on this machine. */
  databaseCpuMsPerRequest: number;
  sqlPerRequest: number;
  peakRssMb: number;
  /** Responses that were not the expected status and body, plus connection errors. */
  failures: number;
}

/** A slow answer is measured as latency; only one slower than this counts as a failure. */
const RESPONSE_TIMEOUT_SECONDS = 60;

/** How many failed responses of one run are described on stderr. */
const DESCRIBED_FAILURES = 3;

const REPLACEMENT = '\uFFFD';

/**
 * Whether autocannon's `body` is `expected`. autocannon appends each chunk of a response to a
 * string as it arrives, so a character whose UTF-8 bytes straddle two chunks arrives as two or
 * three U+FFFD (seen on 1M-event pages: "贸易的声明" read as "贸易��声明", for Annals and PostGraphile
 * alike). Such a run stands for exactly one non-ASCII character of `expected`; anything else must
 * be equal (a server never sends U+FFFD in these pages: `expected` holds none).
 */
export function sameBodyAcrossChunks(body: string, expected: string): boolean {
  if (body === expected) return true;
  if (expected.includes(REPLACEMENT)) return false;
  let at = 0;
  let expectedAt = 0;
  while (at < body.length) {
    if (body[at] !== REPLACEMENT) {
      if (body[at] !== expected[expectedAt]) return false;
      at += 1;
      expectedAt += 1;
      continue;
    }
    const runStart = at;
    while (body[at] === REPLACEMENT) at += 1;
    const run = at - runStart;
    const char = expected.codePointAt(expectedAt);
    if (char === undefined || char < 0x80 || run > 4) return false;
    expectedAt += char > 0xffff ? 2 : 1;
  }
  return expectedAt === expected.length;
}

/** Where `body` first differs from `expected`: the offset, the lengths, and some text of each from just before it. */
export function whereBodiesDiffer(body: string, expected: string): string {
  let at = 0;
  while (at < body.length && at < expected.length && body[at] === expected[at]) at += 1;
  const from = Math.max(0, at - 40);
  return `at offset ${at} of ${body.length} (expected ${expected.length}): got ${JSON.stringify(body.slice(from, at + 100))}, expected ${JSON.stringify(expected.slice(from, at + 100))}`;
}

function drive(
  server: ServerProcess,
  target: HttpTarget,
  connections: number,
  seconds: number,
): Promise<autocannon.Result> {
  let finish!: (error: Error | null, result: autocannon.Result) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error ? reject(error) : resolve(result));
  });
  const run = autocannon(
    {
      url: `${server.baseUrl}${target.path}`,
      method: target.method,
      headers: target.headers,
      body: target.body,
      connections,
      duration: seconds,
      ...(target.expectedBody === undefined
        ? {}
        : { verifyBody: (body) => sameBodyAcrossChunks(String(body ?? ''), target.expectedBody!) }),
      timeout: RESPONSE_TIMEOUT_SECONDS,
    },
    (error, result) => finish(error, result),
  );
  let described = 0;
  const describe = (what: string) => {
    if (described++ < DESCRIBED_FAILURES)
      console.error(`bench: ${target.method} ${target.path}: ${what.slice(0, 600)}`);
  };
  run.on('reqError', (error: Error) => describe(`request failed: ${error.message}`));
  (run as NodeJS.EventEmitter).on('reqMismatch', (body: string) =>
    describe(`unexpected body: ${whereBodiesDiffer(body, target.expectedBody ?? '')}`),
  );
  run.on('response', (_client: unknown, status: number) => {
    if (status !== target.expectedStatus) describe(`status ${status}`);
  });
  return done;
}

/**
 * Drives `server` with `target` for `warmupSeconds` untimed, then `seconds` timed, and reports
 * throughput, latency, the server process's CPU time and SQL statements per request, and its
 * peak RSS during the timed run.
 */
export async function measureLoad(
  server: ServerProcess,
  target: HttpTarget,
  {
    connections,
    seconds,
    warmupSeconds,
    postmasterPid,
  }: { connections: number; seconds: number; warmupSeconds: number; postmasterPid: number | null },
): Promise<LoadResult> {
  if (warmupSeconds > 0) await drive(server, target, connections, warmupSeconds);
  const sqlBefore = await server.metric('annals_sql_statements_total');
  const databaseCpu = () => (postmasterPid === null ? null : familyCpu(postmasterPid));
  const [cpuBefore, databaseCpuBefore] = [cpuMillis(server.pid), databaseCpu()];
  const stopSampling = samplePeakRss(server.pid);
  const result = await drive(server, target, connections, seconds);
  const peakRss = stopSampling();
  const cpu = cpuMillis(server.pid) - cpuBefore;
  const databaseCpuAfter = databaseCpu();
  const databaseCpuUsed =
    databaseCpuBefore && databaseCpuAfter ? cpuUsedBetween(databaseCpuBefore, databaseCpuAfter) : NaN;
  const sql = (await server.metric('annals_sql_statements_total')) - sqlBefore;
  const expected = target.expectedStatus === 304 ? result['3xx'] : result['2xx'] - result.mismatches;
  const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    requests: answered,
    requestsPerSecond: answered / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuMsPerRequest: answered ? cpu / answered : NaN,
    databaseCpuMsPerRequest: answered ? databaseCpuUsed / answered : NaN,
    sqlPerRequest: answered ? sql / answered : NaN,
    peakRssMb: peakRss / 2 ** 20,
    failures: answered - expected + result.errors,
  };
}
