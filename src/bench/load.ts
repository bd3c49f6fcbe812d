import autocannon from 'autocannon';
import { cpuMillis, samplePeakRss } from './process-stats';
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
  sqlPerRequest: number;
  peakRssMb: number;
  /** Responses that were not the expected status and body, plus connection errors. */
  failures: number;
}

/** A slow answer is measured as latency; only one slower than this counts as a failure. */
const RESPONSE_TIMEOUT_SECONDS = 60;

/** How many failed responses of one run are described on stderr. */
const DESCRIBED_FAILURES = 3;

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
      expectBody: target.expectedBody,
      timeout: RESPONSE_TIMEOUT_SECONDS,
    },
    (error, result) => finish(error, result),
  );
  let described = 0;
  const describe = (what: string) => {
    if (described++ < DESCRIBED_FAILURES)
      console.error(`bench: ${target.method} ${target.path}: ${what.slice(0, 300)}`);
  };
  run.on('reqError', (error: Error) => describe(`request failed: ${error.message}`));
  (run as NodeJS.EventEmitter).on('reqMismatch', (body: string) => describe(`unexpected body: ${body}`));
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
  { connections, seconds, warmupSeconds }: { connections: number; seconds: number; warmupSeconds: number },
): Promise<LoadResult> {
  if (warmupSeconds > 0) await drive(server, target, connections, warmupSeconds);
  const sqlBefore = await server.metric('annals_sql_statements_total');
  const cpuBefore = cpuMillis(server.pid);
  const stopSampling = samplePeakRss(server.pid);
  const result = await drive(server, target, connections, seconds);
  const peakRss = stopSampling();
  const cpu = cpuMillis(server.pid) - cpuBefore;
  const sql = (await server.metric('annals_sql_statements_total')) - sqlBefore;
  const expected = target.expectedStatus === 304 ? result['3xx'] : result['2xx'] - result.mismatches;
  const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    requests: answered,
    requestsPerSecond: answered / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuMsPerRequest: answered ? cpu / answered : NaN,
    sqlPerRequest: answered ? sql / answered : NaN,
    peakRssMb: peakRss / 2 ** 20,
    failures: answered - expected + result.errors,
  };
}
