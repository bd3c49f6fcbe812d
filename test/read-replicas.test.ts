import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import { createToken } from '../src/auth/token.queries';
import { CountingSqlClient } from '../src/db/sql-client';
import { useAppServer } from './helpers/app-server';
import { type TestDatabase } from './helpers/database';
import { useGraphQL } from './helpers/graphql';
import { replicasCaughtUp, useTestCluster } from './helpers/local-cluster';
import { eventually } from './helpers/server-process';

jest.setTimeout(60_000);

const cluster = useTestCluster(1);

/** A test database handle over `url`'s pool, opened in beforeAll. */
function poolFor(url: () => string): TestDatabase {
  const handle = {} as { url: string; pool: Pool };
  beforeAll(() => {
    handle.url = url();
    handle.pool = new Pool({ connectionString: handle.url, max: 4 });
  });
  afterAll(async () => {
    await handle.pool?.end();
  });
  return handle as unknown as TestDatabase;
}

async function onReplica(text: string): Promise<void> {
  const pool = new Pool({ connectionString: cluster.replicas[0] });
  try {
    await pool.query(text);
  } finally {
    await pool.end();
  }
}

const EVENT = '{ event(slug: "xi-putin-formal-talks") { id status revision } }';

/** Every kind of read the API has, nested fields and as-of reads included. */
const READS: [string, string][] = [
  [
    'a timeline page with participants, citations and cursors',
    `{ timeline(first: 10) { edges { cursor node { slug title(lang: "en") status kind time { local asWritten }
       participants { role actor { slug name(lang: "en") } } citations { quote source { slug } } } }
       pageInfo { hasNextPage endCursor } } }`,
  ],
  [
    'a filtered, reversed timeline',
    `{ timeline(last: 5, filter: { statuses: [OCCURRED] }) { edges { node { slug } } } }`,
  ],
  [
    'an event with its relations and history',
    `{ event(slug: "icc-arrest-warrant-putin") { slug related { type event { slug } }
       sources { id title kind } history(first: 5) { edges { node { recordedAt } } } } }`,
  ],
  ['actors and one actor', `{ actors(first: 5) { edges { node { slug } } } actor(slug: "xi-jinping") { slug } }`],
  [
    'search in Chinese and in English',
    `{ a: search(query: "普京") { __typename } b: search(query: "Putin") { __typename } }`,
  ],
  ['buckets', `{ timelineBuckets(size: DAY, timeZone: "Europe/Moscow") { count } }`],
  ['the viewer without a token', `{ viewer { name } }`],
  [
    'as-of reads at a recorded instant',
    `{ timeline(first: 5, asOf: "$AS_OF") { edges { node { slug } } }
       event(slug: "xi-putin-formal-talks", asOf: "$AS_OF") { status } }`,
  ],
];

describe('a hot standby', () => {
  const replica = poolFor(() => cluster.replicas[0]!);
  const primary = poolFor(() => cluster.primary);
  const onStandby = useGraphQL(replica);
  const onPrimary = useGraphQL(primary);

  let recorded: string;
  beforeAll(async () => {
    const { rows } = await primary.pool.query<{ instant: Date }>('SELECT last_instant AS instant FROM recording_clock');
    recorded = rows[0]!.instant.toISOString();
  });

  it.each(READS)('answers %s as the primary does, with no error', async (_name, text) => {
    const query = text.replaceAll('$AS_OF', recorded);
    const [standby, main] = [await onStandby(query), await onPrimary(query)];
    expect(standby.errors).toBeUndefined();
    expect(standby.data).toEqual(main.data);
  });
});

describe('two instances over a primary and a replica', () => {
  const settings = () => ({
    DATABASE_URL: cluster.primary,
    DATABASE_REPLICA_URLS: cluster.replicas[0],
    REPLICA_CHECK_INTERVAL_MS: '100',
    REPLICA_MAX_LAG_MS: '600000',
    REPLICA_WAIT_MS: '300',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const a = useAppServer(settings);
  const b = useAppServer(settings);
  let authorization: string;
  beforeAll(async () => {
    const primary = new Pool({ connectionString: cluster.primary });
    const { token } = await createToken(new CountingSqlClient(primary), { name: 'replica-tests', role: 'EDITOR' });
    await primary.end();
    authorization = `Bearer ${token}`;
    await replicasCaughtUp(cluster);
    await eventually(async () => {
      const ready = (await (await fetch(`${b.base}/readyz`)).json()) as { replicas?: { state: string }[] };
      return ready.replicas?.[0]?.state === 'in rotation';
    });
  });
  afterEach(async () => {
    await onReplica('SELECT pg_wal_replay_resume()');
  });

  const get = (base: string, query: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/graphql?${new URLSearchParams({ query })}`, {
      headers: { 'apollo-require-preflight': 'true', ...headers },
    });
  const setStatus = async (status: string) => {
    const id = ((await (await get(a.base, EVENT)).json()) as { data: { event: { id: string } } }).data.event.id;
    return fetch(`${a.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({
        query: `mutation ($input: SetEventStatusInput!) { setEventStatus(input: $input) { event { status } } }`,
        variables: { input: { id, status } },
      }),
    });
  };
  const statusOf = async (response: Response) =>
    ((await response.json()) as { data: { event: { status: string } } }).data.event.status;

  it('answers a write with its commit LSN, and reads it back through the other instance with that LSN', async () => {
    await onReplica('SELECT pg_wal_replay_pause()');
    const written = await setStatus('POSTPONED');
    const body = (await written.json()) as { extensions: { lsn: string } };
    const lsn = written.headers.get('x-annals-lsn');
    expect(lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    expect(body.extensions.lsn).toBe(lsn);

    // The paused replica still serves the old status to a client without the token…
    expect(await statusOf(await get(b.base, EVENT))).not.toBe('POSTPONED');
    // …and a client with it waits at most REPLICA_WAIT_MS, then reads from the primary.
    expect(await statusOf(await get(b.base, EVENT, { 'x-annals-min-lsn': lsn! }))).toBe('POSTPONED');
    await onReplica('SELECT pg_wal_replay_resume()');
    await replicasCaughtUp(cluster);
    expect(await statusOf(await get(b.base, EVENT, { 'x-annals-min-lsn': lsn! }))).toBe('POSTPONED');
  });

  it('never answers 304 to a client with an LSN for a tag of data older than it', async () => {
    const before = await get(b.base, EVENT);
    const etag = before.headers.get('etag')!;
    expect(etag).toBeTruthy();
    await onReplica('SELECT pg_wal_replay_pause()');
    const lsn = (await setStatus('PLANNED')).headers.get('x-annals-lsn')!;
    expect((await get(b.base, EVENT, { 'if-none-match': etag })).status).toBe(304);
    const fresh = await get(b.base, EVENT, { 'if-none-match': etag, 'x-annals-min-lsn': lsn });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).not.toBe(etag);
    expect(await statusOf(fresh)).toBe('PLANNED');
  });

  it('reads as of an instant the replica has not recorded yet from the primary', async () => {
    await onReplica('SELECT pg_wal_replay_pause()');
    await setStatus('CANCELLED');
    const asOf = new Date().toISOString();
    const query = `{ event(slug: "xi-putin-formal-talks", asOf: "${asOf}") { status } }`;
    expect(await statusOf(await get(b.base, query))).toBe('CANCELLED');
    expect(await statusOf(await get(b.base, EVENT))).not.toBe('CANCELLED');
  });

  it('refuses an x-annals-min-lsn that is not a WAL position with 400 BAD_REQUEST', async () => {
    const response = await get(b.base, EVENT, { 'x-annals-min-lsn': 'yesterday' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'BAD_REQUEST',
    );
  });

  it('serves through B a persisted query registered through A', async () => {
    const query = '{ timeline(first: 1) { edges { node { slug } } } }';
    const extensions = JSON.stringify({
      persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') },
    });
    const byHash = (base: string) =>
      fetch(`${base}/graphql?${new URLSearchParams({ extensions })}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
    const unknown = (await (await byHash(b.base)).json()) as { errors: { extensions: { code: string } }[] };
    expect(unknown.errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await fetch(`${a.base}/graphql?${new URLSearchParams({ query, extensions })}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(registered.status).toBe(200);
    await eventually(async () => (await byHash(b.base)).status === 200, 2_000);
    expect(await (await byHash(b.base)).json()).toEqual(await registered.json());
  });

  it('keeps serving while the replica is killed and restarted under load: only 200 and 503, and no stale read with an LSN', async () => {
    const lsn = (await setStatus('OCCURRED')).headers.get('x-annals-lsn')!;
    const statuses = new Map<number, number>();
    const stale: string[] = [];
    let running = true;
    const client = async () => {
      while (running) {
        const response = await get(b.base, EVENT, { 'x-annals-min-lsn': lsn });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 200) {
          const status = await statusOf(response);
          if (status !== 'OCCURRED') stale.push(status);
        } else await response.arrayBuffer();
      }
    };
    const load = Promise.all(Array.from({ length: 4 }, client));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await cluster.cluster.killReplica(0);
    await eventually(async () => {
      const ready = (await (await fetch(`${b.base}/readyz`)).json()) as { replicas: { state: string }[] };
      return ready.replicas[0]!.state === 'unreachable';
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await cluster.cluster.startReplica(0);
    await eventually(async () => {
      const ready = (await (await fetch(`${b.base}/readyz`)).json()) as { replicas: { state: string }[] };
      return ready.replicas[0]!.state === 'in rotation';
    }, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    running = false;
    await load;
    expect([...statuses.keys()].filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(statuses.get(200)).toBeGreaterThan(20);
    expect(stale).toEqual([]);
    const metrics = await (await fetch(`${b.base}/metrics`)).text();
    expect(metrics).toMatch(/annals_replica_in_rotation\{replica="127\.0\.0\.1:\d+\/annals"\} 1/);
    expect(metrics).toMatch(/annals_replica_lag_milliseconds\{replica="127\.0\.0\.1:\d+\/annals"\} \d+/);
  });
});
