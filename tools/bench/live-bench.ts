import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createToken } from '../../src/auth/token.queries';
import { type BenchDatabase } from './bench-database';
import { cpuMillis, rssBytes } from './process-stats';
import { startServerProcess, type ServerProcess } from './server-process';

/** The shape of the live workload: subscribers, the sockets they share, the paced change rate. */
const SUBSCRIBERS = 1_000;
const PER_SOCKET = 10;
/** Paced change rates, lowest first: the last is the one the issue asks for, which may cut slow sockets (4413). */
const RATES_PER_SECOND = [10, 50];
const SINGLE_CHANGES = 5;

const SUBSCRIPTION = `subscription { timelineChanges { cursor action recordedAt event { id slug status tags revision } } }`;

/** What the live workload measured (see docs/performance.md). */
export interface LiveFigures {
  subscribers: number;
  singleChange: {
    deliveries: number;
    p50Ms: number;
    p99Ms: number;
    serverCpuMsPerChange: number;
    benchCpuMsPerChange: number;
  };
  atRates: {
    changesPerSecond: number;
    seconds: number;
    /** How many writes failed, by code (their changes are not expected). */
    failedWrites: Record<string, number>;
    delivered: number;
    expected: number;
    p50Ms: number;
    p99Ms: number;
    serverCpuShare: number;
    benchCpuShare: number;
  }[];
  rssPerThousandSubscriptionsMb: number;
  sqlPerChange: { oneSubscriber: number; allSubscribers: number };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
}

/**
 * The live timelines workload: a production server, {@link SUBSCRIBERS} subscriptions over
 * sockets of {@link PER_SOCKET}, then single changes (delivery latency from the change's recorded
 * instant to its arrival, at every subscriber), changes at each of {@link RATES_PER_SECOND} a second for
 * `seconds`, the server's RSS before and after subscribing, and the SQL statements one change
 * costs with one subscriber and with all of them.
 */
export async function runLiveBench(
  database: BenchDatabase,
  seconds: number,
  nodeArgs: readonly string[] = [],
): Promise<LiveFigures> {
  const { token } = await createToken(
    {
      query: async <Row>(text: string, params?: readonly unknown[]) =>
        (await database.pool.query(text, params as unknown[])).rows as Row[],
    },
    { name: `bench-live-${Date.now()}`, role: 'EDITOR' },
  );
  const server: ServerProcess = await startServerProcess(
    'annals (production, live)',
    'src/index.js',
    {
      DATABASE_URL: database.url,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      MAX_SOCKETS_PER_CLIENT: '0',
      MAX_CONNECTIONS_PER_CLIENT: '0',
    },
    { readyPath: '/readyz', nodeArgs: [...nodeArgs] },
  );
  const clients: Client[] = [];
  try {
    const base = server.baseUrl;
    const post = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data: any; errors?: { extensions?: { code?: string } }[] }; // eslint-disable-line @typescript-eslint/no-explicit-any -- the bench checks answers loosely
    };
    const { data } = await post('{ timeline(first: 20) { nodes { id } } }');
    const ids = (data.timeline.nodes as { id: string }[]).map((node) => node.id);
    let changeNumber = 0;
    const change = () =>
      post('mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { revision } } }', {
        input: { id: ids[changeNumber % ids.length], tags: [`live-bench-${(changeNumber += 1)}`] },
      });

    const latencies: number[] = [];
    let delivered = 0;
    const subscribe = (client: Client) =>
      client.subscribe(
        { query: SUBSCRIPTION },
        {
          next: (result) => {
            delivered += 1;
            const recordedAt = (result.data as { timelineChanges: { recordedAt: string } }).timelineChanges.recordedAt;
            latencies.push(Date.now() - Date.parse(recordedAt));
          },
          error: () => undefined,
          complete: () => undefined,
        },
      );
    const url = `${base.replace('http', 'ws')}/graphql`;
    const open = () => {
      const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
      clients.push(client);
      return client;
    };

    const one = open();
    subscribe(one);
    await sleep(500);
    const before1 = await metric(base, 'annals_sql_statements_total');
    await change();
    await sleep(500);
    const oneSubscriber = (await metric(base, 'annals_sql_statements_total')) - before1;

    const rssBefore = rssBytes(server.pid);
    for (let socket = 0; socket < SUBSCRIBERS / PER_SOCKET; socket += 1) {
      const client = socket === 0 ? one : open();
      for (let i = socket === 0 ? 1 : 0; i < PER_SOCKET; i += 1) subscribe(client);
    }
    await sleep(2_000);
    const rssAfter = rssBytes(server.pid);

    latencies.length = 0;
    delivered = 0;
    const [serverCpuBefore, benchCpuBefore] = [cpuMillis(server.pid), cpuMillis(process.pid)];
    const beforeAll = await metric(base, 'annals_sql_statements_total');
    await change();
    await sleep(1_000);
    const allSubscribers = (await metric(base, 'annals_sql_statements_total')) - beforeAll;
    for (let i = 1; i < SINGLE_CHANGES; i += 1) {
      await change();
      await sleep(1_000);
    }
    const serverCpuMsPerChange = (cpuMillis(server.pid) - serverCpuBefore) / SINGLE_CHANGES;
    const benchCpuMsPerChange = (cpuMillis(process.pid) - benchCpuBefore) / SINGLE_CHANGES;
    const single = [...latencies].sort((a, b) => a - b);
    const singleDeliveries = delivered;

    const atRates: LiveFigures['atRates'] = [];
    for (const rate of RATES_PER_SECOND) {
      latencies.length = 0;
      delivered = 0;
      const [serverCpu, benchCpu] = [cpuMillis(server.pid), cpuMillis(process.pid)];
      const started = performance.now();
      const writes: Promise<{ errors?: unknown }>[] = [];
      for (let i = 0; i < rate * seconds; i += 1) {
        const due = started + (i * 1000) / rate;
        await sleep(Math.max(0, due - performance.now()));
        writes.push(change());
      }
      const answers = (await Promise.all(writes)) as { errors?: { extensions?: { code?: string } }[] }[];
      const failed = answers.filter((answer) => answer.errors?.length);
      const expected = (rate * seconds - failed.length) * SUBSCRIBERS;
      const deadline = performance.now() + 30_000;
      while (delivered < expected && performance.now() < deadline) await sleep(100);
      const elapsed = performance.now() - started;
      const rated = [...latencies].sort((a, b) => a - b);
      atRates.push({
        changesPerSecond: rate,
        seconds,
        failedWrites: failed.reduce<Record<string, number>>((counts, answer) => {
          const code = answer.errors?.[0]?.extensions?.code ?? 'unknown';
          return { ...counts, [code]: (counts[code] ?? 0) + 1 };
        }, {}),
        delivered,
        expected,
        p50Ms: percentile(rated, 50),
        p99Ms: percentile(rated, 99),
        serverCpuShare: Math.round(((cpuMillis(server.pid) - serverCpu) / elapsed) * 100) / 100,
        benchCpuShare: Math.round(((cpuMillis(process.pid) - benchCpu) / elapsed) * 100) / 100,
      });
      await sleep(1_000);
    }
    return {
      subscribers: SUBSCRIBERS,
      singleChange: {
        deliveries: singleDeliveries,
        p50Ms: percentile(single, 50),
        p99Ms: percentile(single, 99),
        serverCpuMsPerChange,
        benchCpuMsPerChange,
      },
      atRates,
      rssPerThousandSubscriptionsMb: Math.round(((rssAfter - rssBefore) / 1024 / 1024) * 10) / 10,
      sqlPerChange: { oneSubscriber, allSubscribers },
    };
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
    await server.stop();
  }
}
