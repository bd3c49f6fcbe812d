import autocannon from 'autocannon';
import os from 'node:os';
import { pino } from 'pino';
import { openBenchDatabase } from '../bench/bench-database';
import { rssBytes, samplePeakRss } from '../bench/process-stats';
import { startServerProcess, type ServerProcess } from '../bench/server-process';
import { parseSoakOptions, type SoakOptions } from './soak-options';
import { readSoakInputs } from './soak-inputs';
import { renderSoakReport, type SoakResult } from './soak-report';
import { soakRequests, type SoakInputs, type SoakTally } from './soak-requests';

const logger = pino({ name: 'soak', level: 'info' });

/** Revisions the bench gives datasets of up to 10k events, so that as-of pages read history. */
const REVISIONS = 5;
/** A slow answer is latency; only one slower than this counts as an error. */
const RESPONSE_TIMEOUT_SECONDS = 30;

function startProductionServer(databaseUrl: string): Promise<ServerProcess> {
  return startServerProcess(
    'annals (production)',
    'src/index.js',
    // One client at full speed is what rate limiting exists to stop; the soak measures the server behind it.
    { DATABASE_URL: databaseUrl, NODE_ENV: 'production', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' },
    { readyPath: '/readyz' },
  );
}

function drive(server: ServerProcess, inputs: SoakInputs, tally: SoakTally, options: SoakOptions, seconds: number) {
  return autocannon({
    url: `${server.baseUrl}/graphql`,
    connections: options.connections,
    duration: seconds,
    timeout: RESPONSE_TIMEOUT_SECONDS,
    requests: soakRequests(inputs, tally),
  });
}

async function soak(server: ServerProcess, inputs: SoakInputs, options: SoakOptions): Promise<SoakResult> {
  const beforeWarmup = rssBytes(server.pid);
  if (options.warmupSeconds > 0) {
    logger.info(`warming up for ${options.warmupSeconds} s`);
    await drive(server, inputs, { byKind: {}, failures: 0, samples: [] }, options, options.warmupSeconds);
  }
  const start = rssBytes(server.pid);
  const tally: SoakTally = { byKind: {}, failures: 0, samples: [] };
  logger.info(`driving ${options.connections} connections for ${options.durationSeconds} s`);
  const stopSampling = samplePeakRss(server.pid);
  const result = await drive(server, inputs, tally, options, options.durationSeconds);
  const peak = stopSampling();
  const end = rssBytes(server.pid);
  const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    requests: answered,
    requestsPerSecond: answered / result.duration,
    byKind: tally.byKind,
    non2xx: result.non2xx,
    graphqlFailures: tally.failures,
    connectionErrors: result.errors,
    timeouts: result.timeouts,
    failureSamples: tally.samples,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    rss: { beforeWarmup, start, end, peak },
  };
}

async function runSoak(options: SoakOptions): Promise<number> {
  const database = await openBenchDatabase(options.events, REVISIONS, logger);
  let server: ServerProcess | null = null;
  try {
    const inputs = await readSoakInputs(database.pool, options.events);
    server = await startProductionServer(database.url);
    const result = await soak(server, inputs, options);
    await server.stop();
    server = null;
    const heading = [
      `# Annals soak, ${new Date().toISOString()}`,
      `${options.events} events, ${options.connections} connections, ${options.warmupSeconds} s warm-up then ${options.durationSeconds} s measured against NODE_ENV=production; ${os.cpus().length} cores, Node ${process.version}`,
    ].join('\n');
    const report = renderSoakReport(heading, result);
    console.log(`\n${report.text}`);
    return report.passed ? 0 : 1;
  } finally {
    await server?.stop().catch(() => undefined);
    await database.close();
  }
}

runSoak(parseSoakOptions(process.argv.slice(2))).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('soak failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
