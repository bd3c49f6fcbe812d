import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createToken } from '../src/auth/token.queries';
import {
  eventually,
  freePort,
  postgresProcessesUnder,
  spawnServer,
  type LogLine,
  type ServerProcess,
} from './helpers/server-process';

interface Answer {
  status: number;
  retryAfter: string | null;
  at: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function post(
  base: string,
  query: string,
  variables = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Answer['body'];
  return { status: response.status, retryAfter: response.headers.get('retry-after'), at: performance.now(), body };
}

const TIMELINE = '{ timeline(first: 3) { totalCount nodes { slug } } }';
const codesOf = (answer: Answer) => (answer.body.errors ?? []).map((error) => error.extensions?.code);
const served = (answer: Answer) => answer.status === 200 && !answer.body.errors && Boolean(answer.body.data);
/** What a client must be told while the database is down: 503, Retry-After, SERVICE_UNAVAILABLE and nothing else. */
const isOutageAnswer = (answer: Answer) =>
  answer.status === 503 &&
  answer.retryAfter === '1' &&
  codesOf(answer).length > 0 &&
  codesOf(answer).every((code) => code === 'SERVICE_UNAVAILABLE');

function lineWith(server: ServerProcess, msg: string | RegExp): LogLine | undefined {
  return server.lines().find((line) => (typeof msg === 'string' ? line.msg === msg : msg.test(line.msg)));
}

/** The server's embedded PostgreSQL: its postmaster's pid and a URL of its `annals` database. */
function embeddedDatabase(server: ServerProcess, dataDir: string) {
  const started = lineWith(server, 'embedded PostgreSQL started') ?? lineWith(server, /embedded PostgreSQL/);
  const { user, password } = JSON.parse(readFileSync(path.join(dataDir, 'embedded-postgres.json'), 'utf8')) as {
    user: string;
    password: string;
  };
  const [pid, , , port] = readFileSync(path.join(String(started!.clusterDir), 'postmaster.pid'), 'utf8').split('\n');
  return {
    postmasterPid: Number(pid),
    url: `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/annals`,
  };
}

async function startServer(dataDir: string, env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const server = spawnServer({ PORT: String(port), DATA_DIR: dataDir, NODE_ENV: 'production', ...env });
  const base = `http://127.0.0.1:${port}`;
  await eventually(async () => {
    if (server.child.exitCode !== null) throw new Error(`the server exited early:\n${server.output()}`);
    return (await fetch(`${base}/readyz`).catch(() => null))?.status === 200;
  }, 60_000);
  return { server, base, ...embeddedDatabase(server, dataDir) };
}

async function readiness(base: string): Promise<number> {
  return (await fetch(`${base}/readyz`)).status;
}

describe('the server when its embedded PostgreSQL is killed (kill -9 of the postmaster)', () => {
  let dataDir: string;
  let running: ServerProcess | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'annals-supervision-'));
  });
  afterEach(async () => {
    await running?.kill();
    running = undefined;
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After and SERVICE_UNAVAILABLE while it is down, restarts it, and serves the same data again', async () => {
    const { server, base, url, postmasterPid } = await startServer(dataDir, { DB_RETRY_DELAY_MS: '1500' });
    running = server;
    const admin = new Client({ connectionString: url });
    await admin.connect();
    const editor = await createToken(
      { query: async (text, params) => (await admin.query(text, params as unknown[])).rows },
      { name: 'supervision-editor', role: 'EDITOR' },
    );
    await admin.end();
    const ids = await post(base, '{ event(slug: "xi-putin-formal-talks") { id citations { source { id } } } }');
    const event = ids.body.data!.event as { id: string; citations: { source: { id: string } }[] };
    const added = await post(
      base,
      'mutation Add($input: AddCitationInput!) { addCitation(input: $input) { citation { id quote } } }',
      { input: { eventId: event.id, sourceId: event.citations[0]!.source.id, quote: 'Written before the kill.' } },
      { authorization: `Bearer ${editor.token}` },
    );
    expect(added.status).toBe(200);
    const citationId = (added.body.data!.addCitation as { citation: { id: string } }).citation.id;

    const killedAt = performance.now();
    process.kill(postmasterPid, 'SIGKILL');
    await eventually(() => lineWith(server, /^the embedded PostgreSQL died/) !== undefined, 5_000);
    const answers: Answer[] = [];
    const readyz: number[] = [];
    while (answers.length === 0 || !served(answers.at(-1)!)) {
      if (performance.now() - killedAt > 20_000)
        throw new Error(`not serving again: ${JSON.stringify(answers.at(-1))}`);
      answers.push(await post(base, TIMELINE));
      readyz.push(await readiness(base));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const down = answers.slice(0, -1);
    expect(down.length).toBeGreaterThan(0);
    expect(down.filter((answer) => !isOutageAnswer(answer))).toEqual([]);
    expect(answers.at(-1)).toMatchObject({ status: 200, body: { data: { timeline: { totalCount: 31 } } } });
    expect(readyz[0]).toBe(503);
    expect(await readiness(base)).toBe(200);

    const died = lineWith(server, /^the embedded PostgreSQL died/)!;
    expect(died).toMatchObject({
      msg: 'the embedded PostgreSQL died (killed by SIGKILL)',
      signal: 'SIGKILL',
      level: 50,
    });
    expect(died.time - (Date.now() - (performance.now() - killedAt))).toBeLessThan(2_000);
    expect(lineWith(server, /^restarting the embedded PostgreSQL/)).toMatchObject({
      msg: 'restarting the embedded PostgreSQL in 1500ms',
      attempt: 1,
      delayMs: 1500,
      postgresPid: postmasterPid,
      signal: 'SIGKILL',
    });
    expect(lineWith(server, 'the embedded PostgreSQL is running again')).toMatchObject({ attempt: 1 });
    expect(server.lines().filter((line) => line.level === 50 && line.msg !== died.msg)).toEqual([]);

    const after = await post(base, 'query Node($id: ID!) { node(id: $id) { ... on Citation { quote } } }', {
      id: citationId,
    });
    expect(after.body).toEqual({
      data: { node: { quote: 'Written before the kill.' } },
      extensions: expect.anything(),
    });
  }, 90_000);

  it('stops cleanly, exit code 0 and no PostgreSQL left, on SIGTERM while waiting to restart it', async () => {
    const { server, base, postmasterPid } = await startServer(dataDir, { DB_RETRY_DELAY_MS: '30000' });
    running = server;
    process.kill(postmasterPid, 'SIGKILL');
    await eventually(() => lineWith(server, 'restarting the embedded PostgreSQL in 30s') !== undefined, 5_000);
    expect(isOutageAnswer(await post(base, TIMELINE))).toBe(true);
    expect(await readiness(base)).toBe(503);

    const signalledAt = performance.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(5_000);
    expect(server.messages()).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    expect(postgresProcessesUnder(dataDir)).toEqual([]);
  }, 60_000);

  it('stops cleanly, exit code 0 and no PostgreSQL left, on SIGTERM while restarting it', async () => {
    const { server, postmasterPid } = await startServer(dataDir, { DB_RETRY_DELAY_MS: '100' });
    running = server;
    process.kill(postmasterPid, 'SIGKILL');
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    const newPostmaster = () => {
      const pid = Number((existsSync(pidFile) ? readFileSync(pidFile, 'utf8') : '').split('\n')[0]);
      return pid > 0 && pid !== postmasterPid;
    };
    await eventually(() => lineWith(server, 'restarting the embedded PostgreSQL in 100ms') !== undefined, 5_000);
    await eventually(newPostmaster, 10_000);

    const signalledAt = performance.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(10_000);
    const messages = server.messages();
    expect(messages).toEqual(expect.arrayContaining(['restarting the embedded PostgreSQL in 100ms', 'stopped']));
    expect(messages.slice(0, messages.indexOf('shutting down'))).not.toContain(
      'the embedded PostgreSQL is running again',
    );
    expect(postgresProcessesUnder(dataDir)).toEqual([]);
  }, 60_000);

  it('adopts a PostgreSQL orphaned by a killed server, and restarts it when that one is killed too', async () => {
    const killed = await startServer(dataDir, {});
    killed.server.child.kill('SIGKILL');
    await killed.server.exited;

    const { server, base, postmasterPid } = await startServer(dataDir, { DB_RETRY_DELAY_MS: '200' });
    running = server;
    expect(postmasterPid).toBe(killed.postmasterPid);
    expect(lineWith(server, 'adopting an embedded PostgreSQL left running by a process that was killed')).toMatchObject(
      { postgresPid: postmasterPid },
    );
    process.kill(postmasterPid, 'SIGKILL');
    await eventually(async () => served(await post(base, TIMELINE)), 15_000);
    expect(lineWith(server, /^the embedded PostgreSQL died/)).toMatchObject({ postgresPid: postmasterPid });
    // The restarted PostgreSQL can serve a request before its start has returned and been logged.
    await eventually(() => lineWith(server, 'the embedded PostgreSQL is running again') !== undefined, 10_000);

    server.child.kill('SIGTERM');
    const exit = await server.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(postgresProcessesUnder(dataDir)).toEqual([]);
  }, 90_000);
});
