import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startAppServer } from './helpers/app-server';
import { createTestDatabase, dropTestDatabase } from './helpers/database';
import { eventually, graphqlPost, keepAliveGet, RawConnection, refuses } from './helpers/raw-http';
import { spawnTypeScript } from './helpers/typescript-process';

const TIMELINE_BODY = JSON.stringify({ query: '{ timeline(first: 5) { totalCount nodes { slug } } }' });

interface HttpAnswer {
  status: number;
  connection: string | undefined;
  body: { data?: { timeline?: { totalCount: number } }; errors?: unknown[] };
}

/** POSTs the timeline query with node:http, which shows the Connection header as sent. */
function postTimeline(port: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: JSON.parse(text) }),
        );
      },
    );
    req.on('error', reject);
    req.end(TIMELINE_BODY);
  });
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A session on `url` holding an exclusive lock on the event table until `release`. */
async function lockEvents(url: string) {
  const locker = new Client({ connectionString: url, application_name: 'annals-test-locker' });
  locker.on('error', () => undefined);
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE event IN ACCESS EXCLUSIVE MODE');
  const observer = new Client({ connectionString: url, application_name: 'annals-test-observer' });
  observer.on('error', () => undefined);
  await observer.connect();
  return {
    /** How many sessions of the app wait for the lock. */
    waiting: async () => {
      const { rows } = await observer.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM pg_stat_activity
          WHERE application_name = 'annals' AND datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return rows[0]!.count;
    },
    release: async () => {
      await locker.query('ROLLBACK');
      await Promise.all([locker.end(), observer.end()]);
    },
  };
}

/** `count` connections to `port`, each left idle after one answered keep-alive request. */
async function idleKeepAlive(port: number, count: number): Promise<RawConnection[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const connection = await RawConnection.open(port);
      connection.write(keepAliveGet('/healthz'));
      expect((await connection.answer()).status).toBe(200);
      return connection;
    }),
  );
}

/** What each connection got for the request it sent after its first answer, and how it ended. */
async function lateOutcomes(connections: RawConnection[]) {
  return Promise.all(
    connections.map(async (connection) => {
      const answer = await connection.answer(2).catch(() => null);
      const { ended, error } = await connection.closed;
      return {
        status: answer?.status,
        connection: answer?.headers.connection,
        code:
          answer &&
          (JSON.parse(answer.body) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
        ended,
        error,
      };
    }),
  );
}

const REFUSED_ON_IDLE = { status: 503, connection: 'close', code: 'SERVICE_UNAVAILABLE', ended: true, error: null };

/** The real server (src/index.ts) in its own process, with the embedded PostgreSQL in `dataDir`. */
function spawnServer(env: NodeJS.ProcessEnv) {
  const child = spawnTypeScript(`require('./src/index.ts');`, { LOG_LEVEL: 'info', ...env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  const messages = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
  return { child, exited, messages, output: () => output };
}

describe('the server process on SIGTERM', () => {
  let dataDir: string;
  let server: ReturnType<typeof spawnServer> | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'annals-shutdown-'));
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      const { child, exited } = server;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finishes in-flight requests, refuses new ones, stops its embedded PostgreSQL and exits 0', async () => {
    const port = await freePort();
    server = spawnServer({ PORT: String(port), DATA_DIR: dataDir });
    const running = server;
    await eventually(async () => {
      if (running.child.exitCode !== null) throw new Error(`the server exited early:\n${running.output()}`);
      return (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200;
    }, 45_000);

    const [pidLine, , , portLine] = readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
    const postgresPid = Number(pidLine);
    const { user, password } = JSON.parse(readFileSync(path.join(dataDir, 'embedded-postgres.json'), 'utf8')) as {
      user: string;
      password: string;
    };
    const databaseUrl = `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${portLine}/annals`;

    const lock = await lockEvents(databaseUrl);
    let released = false;
    try {
      const inFlight = Array.from({ length: 4 }, () => postTimeline(port));
      await eventually(async () => (await lock.waiting()) === 4);

      const signalledAt = performance.now();
      running.child.kill('SIGTERM');
      await eventually(() => refuses(port), 5000);
      // fetch may send this on the connection of the readiness checks, still open for the drain.
      const late = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => ({ status: response.status, connection: response.headers.get('connection') }),
        (error: { cause?: { code?: string } }) => error.cause?.code,
      );
      expect(['ECONNREFUSED', { status: 503, connection: 'close' }]).toContainEqual(late);
      expect(running.child.exitCode).toBeNull();

      await lock.release();
      released = true;
      const answers = await Promise.all(inFlight);
      expect(
        answers.map(({ status, connection, body }) => [status, connection, body.data?.timeline?.totalCount]),
      ).toEqual(Array.from({ length: 4 }, () => [200, 'close', 31]));

      const exit = await running.exited;
      expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
      expect(exit.at - signalledAt).toBeLessThan(10_000);
    } finally {
      if (!released) await lock.release();
    }
    expect(isAlive(postgresPid)).toBe(false);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(running.messages()).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
  }, 60_000);

  it('exits 0 at once when signalled while still waiting for an unreachable database', async () => {
    const port = await freePort();
    const databasePort = await freePort();
    server = spawnServer({
      PORT: String(port),
      DATABASE_URL: `postgres://annals@127.0.0.1:${databasePort}/annals`,
      DB_RETRY_DELAY_MS: '200',
      DB_RETRY_MAX_DELAY_MS: '1000',
    });
    const running = server;
    await eventually(() => running.messages().includes('database unavailable, retrying in 400ms'), 30_000);
    const readiness = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect({ status: readiness.status, body: await readiness.json() }).toEqual({
      status: 503,
      body: { status: 'starting' },
    });

    const signalledAt = performance.now();
    running.child.kill('SIGTERM');
    const exit = await running.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(3000);
    expect(running.messages()).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
  }, 60_000);
});

describe('closing the app while a request is in flight', () => {
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
  });
  afterAll(async () => {
    await dropTestDatabase(url);
  });

  it('answers a request arriving on an open connection with 503 and Connection: close, then finishes', async () => {
    const { app, base } = await startAppServer({ DATABASE_URL: url });
    const port = Number(new URL(base).port);
    const lock = await lockEvents(url);
    let released = false;
    try {
      const inFlight = postTimeline(port);
      await eventually(async () => (await lock.waiting()) === 1);

      const late = net.connect(port, '127.0.0.1');
      await new Promise((resolve) => late.once('connect', resolve));
      late.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      let lateAnswer = '';
      late.on('data', (chunk: Buffer) => (lateAnswer += chunk.toString('utf8')));
      const lateClosed = new Promise((resolve) => late.once('close', resolve));

      const closed = app.close();
      await eventually(() => refuses(port), 5000);
      late.write(`content-type: application/json\r\ncontent-length: ${Buffer.byteLength(TIMELINE_BODY)}\r\n\r\n`);
      late.write(TIMELINE_BODY);
      await lateClosed;
      expect(lateAnswer).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
      expect(lateAnswer).toMatch(/\r\nconnection: close\r\n/i);
      expect(JSON.parse(lateAnswer.slice(lateAnswer.indexOf('\r\n\r\n') + 4))).toEqual({
        errors: [
          { message: 'Annals is shutting down; try again shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } },
        ],
      });

      await lock.release();
      released = true;
      expect(await inFlight).toMatchObject({
        status: 200,
        connection: 'close',
        body: { data: { timeline: { totalCount: 31 } } },
      });
      await closed;
      expect(app.database.dataSource.isInitialized).toBe(false);
    } finally {
      if (!released) await lock.release();
      await app.close();
    }
  });

  it('answers requests sent on idle keep-alive connections just after closing begins with 503 and Connection: close, and resets none', async () => {
    const { app, base } = await startAppServer({ DATABASE_URL: url });
    const idle = await idleKeepAlive(Number(new URL(base).port), 5);
    const closed = app.close();
    for (const connection of idle) connection.write(graphqlPost(TIMELINE_BODY));
    expect(await lateOutcomes(idle)).toEqual(Array.from({ length: 5 }, () => REFUSED_ON_IDLE));
    await closed;
  });

  it('closes keep-alive connections left idle once the drain grace is over, without a reset, and finishes closing', async () => {
    const { app, base } = await startAppServer({ DATABASE_URL: url });
    const idle = await idleKeepAlive(Number(new URL(base).port), 3);
    const closingAt = performance.now();
    await app.close();
    const closes = await Promise.all(idle.map((connection) => connection.closed));
    expect(closes.map(({ ended, error }) => ({ ended, error }))).toEqual(
      Array.from({ length: 3 }, () => ({ ended: true, error: null })),
    );
    expect(performance.now() - closingAt).toBeLessThan(3000);
  });
});

describe('the server process on SIGTERM with idle keep-alive connections', () => {
  let url: string;
  let server: ReturnType<typeof spawnServer> | undefined;
  beforeAll(async () => {
    url = await createTestDatabase();
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await dropTestDatabase(url);
  });

  it('answers requests sent on them after the signal with 503 and Connection: close, resets none, and exits 0', async () => {
    const port = await freePort();
    server = spawnServer({ PORT: String(port), DATABASE_URL: url });
    const running = server;
    await eventually(async () => {
      if (running.child.exitCode !== null) throw new Error(`the server exited early:\n${running.output()}`);
      return (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200;
    }, 30_000);
    const idle = await idleKeepAlive(port, 5);

    running.child.kill('SIGTERM');
    await eventually(() => refuses(port), 5000);
    for (const connection of idle) connection.write(graphqlPost(TIMELINE_BODY));

    expect(await lateOutcomes(idle)).toEqual(Array.from({ length: 5 }, () => REFUSED_ON_IDLE));
    const exit = await running.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
  }, 60_000);
});
