import { type KillRecord } from './database-kills';
import { type WriteCheck } from './soak-writes';

/** What a soak that killed the embedded PostgreSQL measured besides the load. */
export interface FaultResult {
  readonly kills: readonly KillRecord[];
  /** The writes sent, and how many of those acknowledged could be read back afterwards. */
  readonly writes: WriteCheck & { readonly sent: number };
  /** How the server ended on SIGTERM after the run. */
  readonly shutdown: { readonly clean: boolean; readonly ms: number };
}

/** What a soak run measured. */
export interface SoakResult {
  requests: number;
  requestsPerSecond: number;
  byKind: Record<string, number>;
  /** Responses with a status other than 2xx. */
  non2xx: number;
  /** 200 responses with GraphQL errors or without data; with faults, also 503s that are not outage answers. */
  graphqlFailures: number;
  /** Responses per HTTP status. */
  statuses: Record<string, number>;
  /** 503 SERVICE_UNAVAILABLE with Retry-After, and 200s with data and only SERVICE_UNAVAILABLE errors. */
  outages: { full: number; partial: number };
  /** Present when the database was killed during the run. */
  faults?: FaultResult;
  /** Connection errors, timeouts included. */
  connectionErrors: number;
  timeouts: number;
  failureSamples: string[];
  p50Ms: number;
  p99Ms: number;
  /** The server's RSS before the load, once warm-up ended, once the load ended, and the largest during it, in bytes. */
  rss: { beforeWarmup: number; start: number; end: number; peak: number };
}

/**
 * The most the server's RSS may grow during the measured run: end ≤ start × 1.5 + 50 MB, the
 * start taken after warm-up. By then V8's heap has grown to its working size and what the server
 * caches is bounded (Apollo's parsed-document LRU, the pg pool, per-request DataLoaders that die
 * with their request), so a server that does not leak stays flat apart from garbage-collection
 * swings, which scale with the heap (the factor; a 20-60 MB sawtooth on a ~150 MB server), and
 * allocator and socket-buffer slack (the constant). Memory retained per request grows with the
 * request count instead and crosses the bound after (start × 0.5 + 50 MB) / leak requests: about
 * 13 KB per request within the default minute at ~170 requests/s (2 cores), 1 KB per request
 * within 15 minutes, so a longer --duration finds smaller leaks (over 300 s the RSS of this
 * server swings between 170 and 205 MB without a trend). The bound is loose on purpose: a start
 * sample caught at the bottom of a GC swing and an end sample at its top must not fail CI.
 */
export function rssBound(startBytes: number): number {
  return startBytes * 1.5 + 50 * 2 ** 20;
}

/**
 * The errors that fail a soak: every non-2xx, GraphQL error and connection error; when the
 * database was killed, a 503 SERVICE_UNAVAILABLE with Retry-After is the expected answer instead.
 */
export function errorCount(result: SoakResult): number {
  const unexpectedStatuses = result.faults
    ? Object.entries(result.statuses)
        .filter(([status]) => status !== '200' && status !== '503')
        .reduce((sum, [, count]) => sum + count, 0)
    : result.non2xx;
  return unexpectedStatuses + result.graphqlFailures + result.connectionErrors;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const ms = (value: number | null) => (value === null ? 'never' : `${value} ms`);

function faultLines(result: SoakResult, faults: FaultResult): { lines: string[]; passed: boolean } {
  const statuses = Object.entries(result.statuses)
    .map(([status, count]) => `${status} ${count}`)
    .join(', ');
  const other5xx = Object.entries(result.statuses)
    .filter(([status]) => status.startsWith('5') && status !== '503')
    .reduce((sum, [, count]) => sum + count, 0);
  const kills = faults.kills.map(
    (kill, index) =>
      `#${index + 1} at ${kill.atSeconds} s (postmaster ${kill.postmasterPid}): noticed ${ms(kill.detectedMs)}, running again ${ms(kill.restartedMs)}, first success ${ms(kill.recoveredMs)}`,
  );
  const { writes } = faults;
  const lost = writes.acknowledged - writes.found;
  const lines = [
    `kills        ${faults.kills.length} × kill -9 of the postmaster, each measured from the kill:`,
    ...kills.map((kill) => `             ${kill}`),
    `statuses     ${statuses}; other 5xx ${other5xx}`,
    `outages      ${result.outages.full} × 503 SERVICE_UNAVAILABLE with Retry-After, ${result.outages.partial} partial 200s`,
    `writes       ${writes.sent} sent, ${writes.acknowledged} acknowledged, ${writes.found} read back afterwards (${lost} lost)`,
    ...writes.missing.map((missing) => `             lost: ${missing}`),
    `shutdown     SIGTERM after the run: ${faults.shutdown.clean ? 'exit 0' : 'NOT CLEAN'} in ${faults.shutdown.ms} ms`,
  ];
  const recovered = faults.kills.every((kill) => kill.recoveredMs !== null);
  return { lines, passed: lost === 0 && recovered && faults.shutdown.clean && faults.kills.length > 0 };
}

/** The report printed at the end of a soak, and whether it passed. */
export function renderSoakReport(heading: string, result: SoakResult): { text: string; passed: boolean } {
  const errors = errorCount(result);
  const bound = rssBound(result.rss.start);
  const rssOk = result.rss.end <= bound;
  const kinds = Object.entries(result.byKind)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  const faults = result.faults ? faultLines(result, result.faults) : { lines: [], passed: true };
  const passed = errors === 0 && rssOk && faults.passed;
  const nonOk = result.faults ? 'statuses other than 200 and 503' : 'non-2xx';
  const lines = [
    heading,
    `requests     ${result.requests} (${result.requestsPerSecond.toFixed(0)}/s): ${kinds}`,
    ...faults.lines,
    `errors       ${errors} (${nonOk} ${errors - result.graphqlFailures - result.connectionErrors}, GraphQL errors or no data ${result.graphqlFailures}, connection errors ${result.connectionErrors} of which timeouts ${result.timeouts})`,
    ...result.failureSamples.map((sample) => `             e.g. ${sample}`),
    `latency      p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms`,
    `server RSS   ${mb(result.rss.beforeWarmup)} before warm-up; ${mb(result.rss.start)} at the start, ${mb(result.rss.end)} at the end, peak ${mb(result.rss.peak)}`,
    `RSS bound    end ≤ start × 1.5 + 50 MB = ${mb(bound)}: ${rssOk ? 'held' : 'EXCEEDED'}`,
    `verdict      ${passed ? 'passed' : 'FAILED'}`,
  ];
  return { text: lines.join('\n'), passed };
}
