import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, type Pool } from 'pg';
import { type DataSource } from 'typeorm';
import { createDataSource, poolOf, QUERY_TIMEOUT_MARGIN_MS, type SessionLimits } from '../src/db/data-source';
import { isDatabaseUnreachable, QUERY_TIMEOUT_MESSAGE } from '../src/db/database-faults';
import { DEADLINE_PASSED, withRequestDeadline } from '../src/db/request-deadline';
import { CountingSqlClient } from '../src/db/sql-client';
import { useAppServer } from './helpers/app-server';
import { createTestDatabase, dropTestDatabase } from './helpers/database';

const TIMELINE_QUERY = '{ timeline(first: 3) { totalCount nodes { slug } } }';

/** Opens a data source on `url` with `limits` for the test, and destroys it afterwards. */
async function withPool<T>(url: string, poolSize: number, limits: SessionLimits, work: (pool: Pool) => Promise<T>) {
  const dataSource: DataSource = await createDataSource(url, poolSize, { limits }).initialize();
  try {
    return await work(poolOf(dataSource));
  } finally {
    await dataSource.destroy();
  }
}

/** Milliseconds `work` takes to settle, and how it settled. */
async function timed<T>(work: Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const startedAt = performance.now();
  try {
    const value = await work;
    return { ms: performance.now() - startedAt, value };
  } catch (error) {
    return { ms: performance.now() - startedAt, error };
  }
}

/** A TCP relay to `target` that can stop passing bytes on, as a dead network path does. */
async function startRelay(target: URL) {
  let frozen = false;
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((downstream) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const socket of [downstream, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        downstream.destroy();
        upstream.destroy();
      });
    }
    downstream.on('data', (chunk) => frozen || upstream.write(chunk));
    upstream.on('data', (chunk) => frozen || downstream.write(chunk));
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((relay.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    freeze: () => (frozen = true),
    thaw: () => (frozen = false),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => relay.close(resolve));
    },
  };
}

/** Runs `work` while another session holds an exclusive lock on the event table of `url`. */
async function whileEventsLocked<T>(url: string, work: () => Promise<T>): Promise<T> {
  const locker = new Client({ connectionString: url });
  await locker.connect();
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE event IN ACCESS EXCLUSIVE MODE');
    return await work();
  } finally {
    await locker.query('ROLLBACK');
    await locker.end();
  }
}

describe('the statement timeout of database sessions', () => {
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
  });
  afterAll(async () => {
    await dropTestDatabase(url);
  });

  it('cancels a statement that runs longer than the timeout with SQLSTATE 57014 and frees its connection', async () => {
    await withPool(url, 1, { statementTimeoutMs: 200 }, async (pool) => {
      const outcomes = await Promise.all([
        timed(pool.query('SELECT pg_sleep(10)')),
        timed(pool.query('SELECT pg_sleep(10)')),
        timed(pool.query<{ timeout: string }>(`SELECT current_setting('statement_timeout') AS timeout`)),
      ]);
      expect(outcomes.map(({ error }) => (error as { code?: string } | undefined)?.code)).toEqual([
        '57014',
        '57014',
        undefined,
      ]);
      expect(outcomes[2]!.value!.rows).toEqual([{ timeout: '200ms' }]);
      // One connection served all three, one after the other: each sleep held it for about 200 ms.
      expect(outcomes[2]!.ms).toBeLessThan(3000);
      expect({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }).toEqual({
        total: 1,
        idle: 1,
        waiting: 0,
      });
    });
  });

  it('ends a session left idle inside a transaction, without an unhandled error event', async () => {
    await withPool(url, 2, { statementTimeoutMs: 200 }, async (pool) => {
      const client = await pool.connect();
      await client.query('BEGIN');
      await sleep(800);
      const error = await client.query('SELECT 1').catch((failure: unknown) => failure);
      client.release();
      expect(error).toBeInstanceOf(Error);
      expect(isDatabaseUnreachable(error)).toBe(true);
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    });
  });

  it('gives up on a connection that stops answering, after the timeout plus the margin, and frees its slot', async () => {
    const relay = await startRelay(new URL(url));
    try {
      await withPool(relay.url, 1, { statementTimeoutMs: 200 }, async (pool) => {
        expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
        relay.freeze();
        const outcome = await timed(pool.query('SELECT 1 AS one'));
        expect(outcome.error).toMatchObject({ message: 'Query read timeout' });
        expect(isDatabaseUnreachable(outcome.error)).toBe(true);
        expect(outcome.ms).toBeGreaterThanOrEqual(200 + QUERY_TIMEOUT_MARGIN_MS - 50);
        expect(outcome.ms).toBeLessThan(200 + QUERY_TIMEOUT_MARGIN_MS + 1500);
        relay.thaw();
        expect((await pool.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
        expect(pool.totalCount).toBe(1);
      });
    } finally {
      await relay.close();
    }
  });
});

describe('the connect timeout of database sessions', () => {
  it('fails a connection attempt to a server that never answers within the timeout', async () => {
    const accepted = new Set<net.Socket>();
    const silent = net.createServer((socket) => accepted.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `postgres://x@127.0.0.1:${(silent.address() as net.AddressInfo).port}/x`;
    try {
      const dataSource = createDataSource(url, 1, { limits: { connectTimeoutMs: 300 } });
      const outcome = await timed(dataSource.initialize());
      expect(outcome.error).toBeInstanceOf(Error);
      expect(isDatabaseUnreachable(outcome.error)).toBe(true);
      expect(outcome.ms).toBeLessThan(2000);
    } finally {
      for (const socket of accepted) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('fails a wait for a free pool connection within the timeout', async () => {
    const url = await createTestDatabase();
    try {
      await withPool(url, 1, { connectTimeoutMs: 300 }, async (pool) => {
        const held = await pool.connect();
        try {
          const outcome = await timed(pool.query('SELECT 1'));
          expect(outcome.error).toMatchObject({ message: 'timeout exceeded when trying to connect' });
          expect(isDatabaseUnreachable(outcome.error)).toBe(true);
          expect(outcome.ms).toBeLessThan(2000);
        } finally {
          held.release();
        }
      });
    } finally {
      await dropTestDatabase(url);
    }
  });
});

describe('the request deadline', () => {
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
  });
  afterAll(async () => {
    await dropTestDatabase(url);
  });

  it('settles at the deadline and refuses, unsent, a statement the request tries afterwards', async () => {
    await withPool(url, 1, {}, async (pool) => {
      const sql = new CountingSqlClient(pool);
      let refused: unknown;
      let finished!: () => void;
      const workDone = new Promise<void>((resolve) => (finished = resolve));
      const outcome = await timed(
        withRequestDeadline(100, async () => {
          await sql.query('SELECT 1');
          await sleep(200);
          await sql.query('SELECT 2').catch((error: unknown) => (refused = error));
          finished();
        }),
      );
      expect(outcome.value).toBe(DEADLINE_PASSED);
      expect(outcome.ms).toBeLessThan(190);
      await workDone;
      expect(refused).toMatchObject({
        message:
          'The request took longer than 100 ms and was stopped; ask for less (a smaller page, fewer fields) or try again later.',
        extensions: { code: 'REQUEST_TIMEOUT' },
      });
      expect(sql.statements).toBe(1);
    });
  });

  it('returns what the work returns when it finishes in time, and leaves later statements alone', async () => {
    await withPool(url, 1, {}, async (pool) => {
      const sql = new CountingSqlClient(pool);
      expect(await withRequestDeadline(5000, () => sql.query<{ one: number }>('SELECT 1 AS one'))).toEqual([
        { one: 1 },
      ]);
      expect(await sql.query<{ two: number }>('SELECT 2 AS two')).toEqual([{ two: 2 }]);
    });
  });
});

describe('time bounds over HTTP', () => {
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
  });
  const statementBound = useAppServer(() => ({
    DATABASE_URL: url,
    NODE_ENV: 'production',
    DB_STATEMENT_TIMEOUT_MS: '300',
  }));
  const requestBound = useAppServer(() => ({
    DATABASE_URL: url,
    NODE_ENV: 'production',
    REQUEST_TIMEOUT_MS: '300',
    DB_STATEMENT_TIMEOUT_MS: '5000',
  }));
  afterAll(async () => {
    await dropTestDatabase(url);
  });

  async function post(base: string, query: string) {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('answers a read blocked past DB_STATEMENT_TIMEOUT_MS with QUERY_TIMEOUT, and its connection is idle again', async () => {
    const outcome = await whileEventsLocked(url, () => timed(post(statementBound.base, TIMELINE_QUERY)));
    expect(outcome.value).toMatchObject({
      status: 200,
      body: {
        data: null,
        errors: [
          {
            message: QUERY_TIMEOUT_MESSAGE,
            path: ['timeline'],
            extensions: { code: 'QUERY_TIMEOUT' },
          },
        ],
      },
    });
    expect(outcome.ms).toBeLessThan(2000);
    const pool = poolOf(statementBound.app.database.dataSource);
    expect(pool.idleCount).toBe(pool.totalCount);
    expect(await post(statementBound.base, TIMELINE_QUERY)).toMatchObject({
      status: 200,
      body: { data: { timeline: { totalCount: 31 } } },
    });
  });

  it('answers a GraphQL request still running after REQUEST_TIMEOUT_MS with 503 REQUEST_TIMEOUT', async () => {
    const outcome = await whileEventsLocked(url, () => timed(post(requestBound.base, TIMELINE_QUERY)));
    expect(outcome.value).toEqual({
      status: 503,
      body: {
        errors: [
          {
            message:
              'The request took longer than 300 ms and was stopped; ask for less (a smaller page, fewer fields) or try again later.',
            extensions: { code: 'REQUEST_TIMEOUT' },
          },
        ],
      },
    });
    expect(outcome.ms).toBeGreaterThanOrEqual(290);
    expect(outcome.ms).toBeLessThan(2000);
    expect(await post(requestBound.base, TIMELINE_QUERY)).toMatchObject({
      status: 200,
      body: { data: { timeline: { totalCount: 31 } } },
    });
  });
});
