import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { type Pool } from 'pg';
import { pino, type Logger } from 'pino';
import { startLocalCluster, type LocalCluster } from '../../src/db/cluster/local-cluster';
import { withDatabase } from '../../src/db/database';
import { parseLsn } from '../../src/db/replicas/lsn';
import { ensureBenchDataset } from './bench-database';
import { datasetFacts } from './dataset';
import { cpuMillis } from './process-stats';
import { startServerProcess, type ServerProcess } from './server-process';
import { buildWorkloads } from './workloads';
import { openToolPool } from './tool-pool';

/** `npm run bench -- --replicas 2 --instances 3`: W1's read throughput over a local primary, replicas and instances. */
export interface ScaleOptions {
  readonly replicas: number;
  readonly instances: number;
  readonly events: number;
  readonly durationSeconds: number;
  readonly connections: number;
}

/** Whether `argv` asks for the scaling run rather than the workload table. */
export function isScaleRun(argv: readonly string[]): boolean {
  return argv.includes('--replicas') || argv.includes('--instances');
}

/** Reads the scaling run's flags (defaults: 2 replicas, 3 instances, 10k events, 8 s, 16 connections). */
export function parseScaleOptions(argv: readonly string[]): ScaleOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      replicas: { type: 'string', default: '2' },
      instances: { type: 'string', default: '3' },
      events: { type: 'string', default: '10k' },
      duration: { type: 'string', default: '8' },
      connections: { type: 'string', default: '16' },
    },
  });
  const events = values.events.replace(/k$/i, '000').replace(/m$/i, '000000');
  return {
    replicas: Number(values.replicas),
    instances: Number(values.instances),
    events: Number(events),
    durationSeconds: Number(values.duration),
    connections: Number(values.connections),
  };
}

/** Busy CPU time of the whole machine so far, in milliseconds (all cores, /proc/stat). */
function machineBusyMs(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const idle = ticks[3]! + ticks[4]!;
  return ((ticks.reduce((sum, value) => sum + value, 0) - idle) * 1000) / 100;
}

interface Row {
  replicas: number;
  instances: number;
  rps: number;
  p50: number;
  p99: number;
  appCpuMsPerReq: number;
  machineCpuMsPerReq: number;
  errors: number;
}

async function startInstances(count: number, primary: string, replicas: string[]): Promise<ServerProcess[]> {
  const servers: ServerProcess[] = [];
  for (let i = 0; i < count; i += 1) {
    servers.push(
      await startServerProcess(
        `instance ${i + 1}`,
        'src/index.js',
        {
          DATABASE_URL: primary,
          DATABASE_REPLICA_URLS: replicas.join(','),
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
          RATE_LIMIT_PER_MINUTE: '0',
        },
        { readyPath: '/readyz' },
      ),
    );
  }
  return servers;
}

async function load(urls: string[], body: string, connections: number, seconds: number, headers = {}) {
  return autocannon({
    // autocannon spreads the connections over several URLs (lib/run.js); its types say one string.
    url: urls as unknown as string,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    connections,
    duration: seconds,
  });
}

async function measure(
  servers: ServerProcess[],
  body: string,
  options: ScaleOptions,
  headers: Record<string, string> = {},
): Promise<Omit<Row, 'replicas' | 'instances'>> {
  const urls = servers.map((server) => `${server.baseUrl}/graphql`);
  await load(urls, body, options.connections, 2, headers);
  const appBefore = servers.reduce((sum, server) => sum + cpuMillis(server.pid), 0);
  const machineBefore = machineBusyMs();
  const result = await load(urls, body, options.connections, options.durationSeconds, headers);
  const appMs = servers.reduce((sum, server) => sum + cpuMillis(server.pid), 0) - appBefore;
  const machineMs = machineBusyMs() - machineBefore;
  const requests = result.requests.total;
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    appCpuMsPerReq: Number((appMs / requests).toFixed(2)),
    machineCpuMsPerReq: Number((machineMs / requests).toFixed(2)),
    errors: result.errors + result.non2xx,
  };
}

async function scalar(pool: Pool, text: string): Promise<string> {
  return Object.values((await pool.query(text)).rows[0] as Record<string, string>)[0]!;
}

/** How long after each commit the replica has replayed it, for `writes` sequential writes. */
async function replicationDelays(primary: Pool, replica: Pool, writes: number): Promise<number[]> {
  const delays: number[] = [];
  for (let i = 0; i < writes; i += 1) {
    await primary.query(`UPDATE event SET revision = revision + 1 WHERE id = (SELECT min(id) + $1 FROM event)`, [
      i % 500,
    ]);
    const committedAt = performance.now();
    const lsn = parseLsn(await scalar(primary, 'SELECT pg_current_wal_insert_lsn()::text'))!;
    while (parseLsn(await scalar(replica, 'SELECT pg_last_wal_replay_lsn()::text'))! < lsn);
    delays.push(performance.now() - committedAt);
  }
  return delays.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) =>
  Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!.toFixed(2));

/**
 * The scaling run: a fresh local primary with `replicas` streaming replicas, the dataset generated
 * on the primary, then W1 with 0..replicas replicas × 1..instances instances, the replication delay
 * of commits while W1 runs, and the cost of the LSN wait. Prints a Markdown report.
 */
export async function runScaleBench(options: ScaleOptions, logger: Logger = pino({ level: 'info' })): Promise<void> {
  let cluster: LocalCluster | undefined;
  const pools: Pool[] = [];
  try {
    cluster = await startLocalCluster({
      dir: path.resolve(__dirname, '../../../.annals-bench-cluster'),
      replicas: options.replicas,
      logger,
    });
    const name = await ensureBenchDataset(cluster.primaryUrl, options.events, 1, logger);
    const primary = withDatabase(cluster.primaryUrl, name);
    const replicas = cluster.replicaUrls.map((url) => withDatabase(url, name));
    const primaryPool = openToolPool({ connectionString: primary, max: 2 });
    pools.push(primaryPool);
    const replicaPools = replicas.map((url) => openToolPool({ connectionString: url, max: 2 }));
    pools.push(...replicaPools);
    const target = parseLsn(await scalar(primaryPool, 'SELECT pg_current_wal_lsn()::text'))!;
    for (const pool of replicaPools) {
      while (parseLsn(await scalar(pool, 'SELECT pg_last_wal_replay_lsn()::text').catch(() => '0/0'))! < target);
    }
    const w1 = buildWorkloads({ facts: datasetFacts(options.events), deepCursor: '', eventIds: [], asOf: null })[0]!;
    const body = JSON.stringify(w1.request);
    const rows: Row[] = [];
    for (let r = 0; r <= options.replicas; r += 1) {
      for (let i = 1; i <= options.instances; i += 1) {
        const servers = await startInstances(i, primary, replicas.slice(0, r));
        try {
          rows.push({ replicas: r, instances: i, ...(await measure(servers, body, options)) });
          logger.info(rows.at(-1), 'measured');
        } finally {
          await Promise.all(servers.map((server) => server.stop()));
        }
      }
    }
    const servers = await startInstances(1, primary, replicas.slice(0, 1));
    let lsnRows: Row[] = [];
    let idle: number[] = [];
    let loaded: number[] = [];
    try {
      const current = await scalar(primaryPool, 'SELECT pg_current_wal_lsn()::text');
      lsnRows = [
        { replicas: 1, instances: 1, ...(await measure(servers, body, options)) },
        { replicas: 1, instances: 1, ...(await measure(servers, body, options, { 'x-annals-min-lsn': current })) },
      ];
      if (replicaPools[0]) {
        idle = await replicationDelays(primaryPool, replicaPools[0], 200);
        const reading = measure(servers, body, { ...options, durationSeconds: options.durationSeconds });
        loaded = await replicationDelays(primaryPool, replicaPools[0], 200);
        await reading;
      }
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
    const table = [
      `W1 (timeline first page, ${options.events} events), ${options.connections} connections, ${options.durationSeconds} s per row, ${os.cpus().length} cores`,
      '',
      '| replicas | instances | req/s | p50 ms | p99 ms | app CPU ms/req | machine CPU ms/req | errors |',
      '| -------: | --------: | ----: | -----: | -----: | -------------: | -----------------: | -----: |',
      ...rows.map(
        (row) =>
          `| ${row.replicas} | ${row.instances} | ${row.rps} | ${row.p50} | ${row.p99} | ${row.appCpuMsPerReq} | ${row.machineCpuMsPerReq} | ${row.errors} |`,
      ),
      '',
      'The LSN token (1 replica, 1 instance; the token is a position the replica has replayed):',
      '',
      '| request | req/s | p50 ms | p99 ms | app CPU ms/req |',
      '| ------- | ----: | -----: | -----: | -------------: |',
      ...lsnRows.map(
        (row, index) =>
          `| ${index ? 'with x-annals-min-lsn' : 'without'} | ${row.rps} | ${row.p50} | ${row.p99} | ${row.appCpuMsPerReq} |`,
      ),
      '',
      idle.length
        ? `Replication delay of a commit (time until the replica has replayed it; the wait of a client that reads right after it): idle p50 ${percentile(idle, 0.5)} ms, p99 ${percentile(idle, 0.99)} ms; under W1 load p50 ${percentile(loaded, 0.5)} ms, p99 ${percentile(loaded, 0.99)} ms (200 sequential single-row updates each).`
        : '',
    ].join('\n');
    process.stdout.write(`\n${table}\n`);
  } finally {
    await Promise.all(pools.map((pool) => pool.end()));
    await cluster?.stop();
  }
}
