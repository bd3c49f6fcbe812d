import autocannon from 'autocannon';
import os from 'node:os';
import { pino } from 'pino';
import { openBenchDatabase } from '../bench/bench-database';
import { rssBytes, samplePeakRss } from '../bench/process-stats';
import { startServerProcess, type ServerProcess } from '../bench/server-process';
import { killDatabase, SupervisorLog } from './database-kills';
import { prepareEmbeddedSoakDatabase } from './soak-database';
import { parseSoakOptions, type SoakOptions } from './soak-options';
import { readSoakInputs } from './soak-inputs';
import { renderSoakReport, type SoakResult } from './soak-report';
import { emptyTally, soakRequests, type SoakInputs, type SoakTally, type SoakWrites } from './soak-requests';
import { checkWrites } from './soak-writes';

const logger = pino({ name: 'soak', level: 'info' });

/** Revisions the bench gives datasets of up to 10k events, so that as-of pages read history. */
const REVISIONS = 5;
/** A slow answer is latency; only one slower than this counts as an error. */
const RESPONSE_TIMEOUT_SECONDS = 30;
/** One client at full speed is what rate limiting exists to stop; the soak measures the server behind it. */
const PRODUCTION = { NODE_ENV: 'production', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' };

/** What the load sends and how its answers are judged. */
interface Load {
  readonly inputs: SoakInputs;
  readonly writes?: SoakWrites;
  readonly outagesExpected: boolean;
}

function drive(server: ServerProcess, load: Load, tally: SoakTally, options: SoakOptions, seconds: number) {
  return autocannon({
    url: `${server.baseUrl}/graphql`,
    connections: options.connections,
    duration: seconds,
    timeout: RESPONSE_TIMEOUT_SECONDS,
    requests: soakRequests(load.inputs, tally, load),
  });
}

/** Warms up, then drives the measured run while `during` (started with it) does its part. */
async function soak<T>(
  server: ServerProcess,
  load: Load,
  options: SoakOptions,
  during: () => Promise<T>,
): Promise<{ result: SoakResult; alongside: T }> {
  const beforeWarmup = rssBytes(server.pid);
  if (options.warmupSeconds > 0) {
    logger.info(`warming up for ${options.warmupSeconds} s`);
    await drive(server, { ...load, writes: undefined }, emptyTally(), options, options.warmupSeconds);
  }
  const start = rssBytes(server.pid);
  const tally = emptyTally();
  logger.info(`driving ${options.connections} connections for ${options.durationSeconds} s`);
  const stopSampling = samplePeakRss(server.pid);
  const [result, alongside] = await Promise.all([
    drive(server, load, tally, options, options.durationSeconds),
    during(),
  ]);
  const peak = stopSampling();
  const end = rssBytes(server.pid);
  const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    alongside,
    result: {
      requests: answered,
      requestsPerSecond: answered / result.duration,
      byKind: tally.byKind,
      non2xx: result.non2xx,
      graphqlFailures: tally.failures,
      statuses: tally.statuses,
      outages: { full: tally.outages, partial: tally.partialOutages },
      connectionErrors: result.errors,
      timeouts: result.timeouts,
      failureSamples: tally.samples,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      rss: { beforeWarmup, start, end, peak },
    },
  };
}

function report(options: SoakOptions, against: string, result: SoakResult): number {
  const heading = [
    `# Annals soak, ${new Date().toISOString()}`,
    `${options.events} events, ${options.connections} connections, ${options.warmupSeconds} s warm-up then ${options.durationSeconds} s measured against NODE_ENV=production ${against}; ${os.cpus().length} cores, Node ${process.version}`,
  ].join('\n');
  const { text, passed } = renderSoakReport(heading, result);
  console.log(`\n${text}`);
  return passed ? 0 : 1;
}

/** Mixed reads against a server on DATABASE_URL's server, or on the bench's embedded one. */
async function readSoak(options: SoakOptions): Promise<number> {
  const database = await openBenchDatabase(options.events, REVISIONS, logger);
  let server: ServerProcess | null = null;
  try {
    const inputs = await readSoakInputs(database.pool, options.events);
    server = await startServerProcess(
      'annals (production)',
      'src/index.js',
      { DATABASE_URL: database.url, ...PRODUCTION },
      { readyPath: '/readyz' },
    );
    const { result } = await soak(server, { inputs, outagesExpected: false }, options, async () => undefined);
    await server.stop();
    server = null;
    return report(options, '(reads)', result);
  } finally {
    await server?.stop().catch(() => undefined);
    await database.close();
  }
}

/**
 * Reads and writes against a server running its own embedded PostgreSQL, whose postmaster is
 * killed (SIGKILL) `options.killDatabase` times during the measured run: the server must answer
 * 503 SERVICE_UNAVAILABLE with Retry-After meanwhile, restart it, serve again, lose no
 * acknowledged write, and still stop cleanly.
 */
async function faultSoak(options: SoakOptions): Promise<number> {
  const database = await prepareEmbeddedSoakDatabase(options.events, REVISIONS, logger);
  const log = new SupervisorLog();
  const server = await startServerProcess(
    'annals (production, embedded PostgreSQL)',
    'src/index.js',
    { DATABASE_URL: '', DATA_DIR: database.dataDir, ...PRODUCTION },
    { readyPath: '/readyz', onLine: log.onLine },
  );
  let stopped = false;
  try {
    const writes: SoakWrites = { inputs: database.writes, ledger: { sent: 0, acknowledged: new Map() } };
    const { result, alongside: kills } = await soak(
      server,
      { ...database, writes, outagesExpected: true },
      options,
      () => killDatabase(server.baseUrl, server.pid, log, options.killDatabase, options.durationSeconds),
    );
    const written = await checkWrites(server.baseUrl, writes.ledger);
    const stoppingAt = performance.now();
    const clean = await server.stop().then(
      () => true,
      (error: unknown) => {
        logger.error({ err: error }, 'the server did not stop cleanly');
        return false;
      },
    );
    stopped = true;
    result.faults = {
      kills,
      writes: { ...written, sent: writes.ledger.sent },
      shutdown: { clean, ms: Math.round(performance.now() - stoppingAt) },
    };
    return report(options, `(reads and writes, its embedded PostgreSQL killed ${options.killDatabase} times)`, result);
  } finally {
    if (!stopped) await server.stop().catch(() => undefined);
  }
}

const options = parseSoakOptions(process.argv.slice(2));
(options.killDatabase > 0 ? faultSoak(options) : readSoak(options)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('soak failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
