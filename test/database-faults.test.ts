import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { launchApp, type AppLaunch } from '../src/app';
import { loadConfig } from '../src/config';
import { poolOf } from '../src/db/data-source';
import { withDatabase } from '../src/db/database';
import { capturingLogger, startAppServer, type AppServer } from './helpers/app-server';
import { createTestDatabase, dropTestDatabase } from './helpers/database';
import { startPostgresProcess, type PostgresProcess } from './helpers/embedded-postgres-process';
import { ENV } from './setup/test-cluster';

const TIMELINE_QUERY = '{ timeline(first: 3) { totalCount nodes { slug } } }';

interface Answer {
  status: number;
  ms: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[]; status?: string };
}

async function request(base: string, pathname: string, init: RequestInit = {}): Promise<Answer> {
  const startedAt = performance.now();
  const response = await fetch(`${base}${pathname}`, init);
  const body = (await response.json()) as Answer['body'];
  return { status: response.status, ms: performance.now() - startedAt, headers: response.headers, body };
}

function postTimeline(base: string): Promise<Answer> {
  return request(base, '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: TIMELINE_QUERY }),
  });
}

const codesOf = (answer: Answer) => (answer.body.errors ?? []).map((error) => error.extensions?.code);

/** A TCP port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Polls `check` every 50 ms until it returns true, failing after `ms`. */
async function eventually(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`not true within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function listen(launch: AppLaunch): Promise<string> {
  await new Promise<void>((resolve) => launch.server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(launch.server.address() as net.AddressInfo).port}`;
}

describe('an app whose database connections are terminated', () => {
  let url: string;
  let server: AppServer;
  beforeAll(async () => {
    url = await createTestDatabase();
    server = await startAppServer({ DATABASE_URL: url });
  });
  afterAll(async () => {
    await server?.app.close();
    await dropTestDatabase(url);
  });

  /** Terminates every backend of application 'annals' on the test database; returns how many. */
  async function terminateAppConnections(): Promise<number> {
    const admin = new Client({ connectionString: url, application_name: 'annals-test-admin' });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ pid: number }>(
        `SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE application_name = 'annals' AND datname = current_database()`,
      );
      await eventually(async () => {
        const { rowCount } = await admin.query(
          `SELECT 1 FROM pg_stat_activity WHERE application_name = 'annals' AND pid = ANY($1)`,
          [rows.map((row) => row.pid)],
        );
        return rowCount === 0;
      });
      return rows.length;
    } finally {
      await admin.end();
    }
  }

  it('fails at most the next request with SERVICE_UNAVAILABLE, then serves again by itself', async () => {
    await Promise.all([postTimeline(server.base), postTimeline(server.base), postTimeline(server.base)]);
    const pool = poolOf(server.app.database.dataSource);
    const held = await pool.connect();
    let lost: unknown;
    try {
      await held.query('BEGIN');
      expect(await terminateAppConnections()).toBeGreaterThanOrEqual(2);

      const next = await postTimeline(server.base);
      if (next.body.errors) expect(codesOf(next)).toEqual(['SERVICE_UNAVAILABLE']);
      for (let i = 0; i < 3; i += 1) {
        expect(await postTimeline(server.base)).toMatchObject({
          status: 200,
          body: { data: { timeline: { totalCount: 31 } } },
        });
      }
      expect((await request(server.base, '/readyz')).status).toBe(200);
      lost = await held.query('SELECT 1').catch((error: unknown) => error);
    } finally {
      held.release();
    }
    expect(lost).toBeInstanceOf(Error);
    expect(pool.totalCount).toBe(pool.idleCount);
  });
});

describe('start-up with the database unreachable', () => {
  it('gives up after DB_STARTUP_RETRIES, having logged each wait', async () => {
    const { logger, lines } = capturingLogger();
    const config = loadConfig({
      DATABASE_URL: `postgres://annals@127.0.0.1:${await closedPort()}/annals`,
      DB_STARTUP_RETRIES: '2',
      DB_RETRY_DELAY_MS: '20',
    });
    const launch = launchApp(config, logger);
    await expect(launch.started).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await launch.close();
    expect(lines.filter((line) => line.level === 40).map((line) => [line.msg, line.retry, line.delayMs])).toEqual([
      ['database unavailable, retrying in 20ms', 1, 20],
      ['database unavailable, retrying in 40ms', 2, 40],
    ]);
  });

  it('does not retry a failure that waiting cannot cure, such as an unknown user', async () => {
    const { logger, lines } = capturingLogger();
    const adminUrl = new URL(process.env[ENV.adminUrl]!);
    adminUrl.username = 'nobody_annals';
    adminUrl.password = 'wrong';
    const launch = launchApp(
      loadConfig({ DATABASE_URL: adminUrl.toString(), DB_STARTUP_RETRIES: '5', DB_RETRY_DELAY_MS: '5000' }),
      logger,
    );
    const startedAt = performance.now();
    await expect(launch.started).rejects.toMatchObject({ code: expect.stringMatching(/^28/) });
    expect(performance.now() - startedAt).toBeLessThan(3000);
    await launch.close();
    expect(lines.filter((line) => line.level === 40)).toEqual([]);
  });
});

describe('an app whose embedded PostgreSQL is down at start-up, then stops and starts again', () => {
  let dataDir: string;
  let port: number;
  let databaseUrl: string;
  let postgres: PostgresProcess | undefined;
  let launch: AppLaunch;
  let base: string;
  const { logger, lines } = capturingLogger();

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'annals-faults-'));
    port = await closedPort();
    postgres = await startPostgresProcess(dataDir, port);
    databaseUrl = withDatabase(postgres.adminUrl, 'annals');
    const admin = new Client({ connectionString: postgres.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE annals');
    await admin.end();
    await postgres.stop();
    postgres = undefined;
  }, 60_000);
  afterAll(async () => {
    await launch?.close();
    await postgres?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function startPostgres(): Promise<void> {
    postgres = await startPostgresProcess(dataDir, port);
  }

  it('keeps retrying with growing waits, listening, with /readyz 503 and GraphQL 503 meanwhile', async () => {
    launch = launchApp(
      loadConfig({
        DATABASE_URL: databaseUrl,
        NODE_ENV: 'production',
        DB_STARTUP_RETRIES: '1000',
        DB_RETRY_DELAY_MS: '100',
        DB_RETRY_MAX_DELAY_MS: '400',
      }),
      logger,
    );
    base = await listen(launch);
    await eventually(() => lines.filter((line) => line.level === 40).length >= 4);
    expect(
      lines
        .filter((line) => line.level === 40)
        .slice(0, 4)
        .map((line) => line.msg),
    ).toEqual([
      'database unavailable, retrying in 100ms',
      'database unavailable, retrying in 200ms',
      'database unavailable, retrying in 400ms',
      'database unavailable, retrying in 400ms',
    ]);
    expect(await request(base, '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await request(base, '/readyz')).toMatchObject({ status: 503, body: { status: 'starting' } });
    const query = await postTimeline(base);
    expect(query).toMatchObject({ status: 503, body: { errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] } });
    expect(query.headers.get('retry-after')).toBe('1');
  });

  it('becomes ready by itself once the database appears, migrated and seeded', async () => {
    await startPostgres();
    await launch.started;
    expect(await request(base, '/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect(await postTimeline(base)).toMatchObject({ status: 200, body: { data: { timeline: { totalCount: 31 } } } });
  }, 60_000);

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After quickly, and is not ready, while the database is down', async () => {
    await postgres!.stop();
    postgres = undefined;
    for (let i = 0; i < 3; i += 1) {
      const answer = await postTimeline(base);
      expect({ status: answer.status, retryAfter: answer.headers.get('retry-after'), codes: codesOf(answer) }).toEqual({
        status: 503,
        retryAfter: '1',
        codes: ['SERVICE_UNAVAILABLE'],
      });
      expect(answer.ms).toBeLessThan(1000);
    }
    const readiness = await request(base, '/readyz');
    expect(readiness).toMatchObject({ status: 503, body: { status: 'database unavailable' } });
    expect(readiness.ms).toBeLessThan(1000);
    expect((await request(base, '/healthz')).status).toBe(200);
  });

  it('keeps HTTP 200 for a result that has data besides the outage', async () => {
    const answer = await request(base, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename event(slug: "xi-leaves-moscow") { slug } }' }),
    });
    expect(answer).toMatchObject({
      status: 200,
      body: {
        data: { __typename: 'Query', event: null },
        errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }],
      },
    });
    expect(answer.headers.get('retry-after')).toBeNull();
  });

  it('serves again once the database is back, without a restart', async () => {
    await startPostgres();
    expect(await postTimeline(base)).toMatchObject({ status: 200, body: { data: { timeline: { totalCount: 31 } } } });
    expect(await request(base, '/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
  }, 60_000);
});
