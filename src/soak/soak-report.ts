/** What a soak run measured. */
export interface SoakResult {
  requests: number;
  requestsPerSecond: number;
  byKind: Record<string, number>;
  /** Responses with a status other than 2xx. */
  non2xx: number;
  /** 200 responses with GraphQL errors or without data. */
  graphqlFailures: number;
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

/** The errors that fail a soak: every non-2xx, GraphQL error and connection error. */
export function errorCount(result: SoakResult): number {
  return result.non2xx + result.graphqlFailures + result.connectionErrors;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** The report printed at the end of a soak, and whether it passed. */
export function renderSoakReport(heading: string, result: SoakResult): { text: string; passed: boolean } {
  const errors = errorCount(result);
  const bound = rssBound(result.rss.start);
  const rssOk = result.rss.end <= bound;
  const kinds = Object.entries(result.byKind)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  const lines = [
    heading,
    `requests     ${result.requests} (${result.requestsPerSecond.toFixed(0)}/s): ${kinds}`,
    `errors       ${errors} (non-2xx ${result.non2xx}, GraphQL errors or no data ${result.graphqlFailures}, connection errors ${result.connectionErrors} of which timeouts ${result.timeouts})`,
    ...result.failureSamples.map((sample) => `             e.g. ${sample}`),
    `latency      p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms`,
    `server RSS   ${mb(result.rss.beforeWarmup)} before warm-up; ${mb(result.rss.start)} at the start, ${mb(result.rss.end)} at the end, peak ${mb(result.rss.peak)}`,
    `RSS bound    end ≤ start × 1.5 + 50 MB = ${mb(bound)}: ${rssOk ? 'held' : 'EXCEEDED'}`,
    `verdict      ${errors === 0 && rssOk ? 'passed' : 'FAILED'}`,
  ];
  return { text: lines.join('\n'), passed: errors === 0 && rssOk };
}
