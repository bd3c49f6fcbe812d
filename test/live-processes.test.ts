import { useTestDatabase } from './helpers/database';
import { collect, liveClient, type LiveClient } from './helpers/live-client';
import { eventually, freePort, spawnServer, type ServerProcess } from './helpers/server-process';
import { useTokens } from './helpers/tokens';

const CHANGES = `subscription ($after: String) { timelineChanges(after: $after) { cursor event { slug tags } } }`;

const database = useTestDatabase();
const tokens = useTokens(database);
const servers: ServerProcess[] = [];
const clients: LiveClient[] = [];

async function start(): Promise<{ process: ServerProcess; base: string }> {
  const port = await freePort();
  const process = spawnServer({ DATABASE_URL: database.url, PORT: String(port), LOG_LEVEL: 'info' });
  servers.push(process);
  const base = `http://127.0.0.1:${port}`;
  await eventually(async () => {
    if (process.child.exitCode !== null) throw new Error(`the server exited early:\n${process.output()}`);
    return (await fetch(`${base}/readyz`).catch(() => null))?.status === 200;
  }, 45_000);
  return { process, base };
}

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await Promise.all(servers.map((server) => server.kill()));
});

async function graphql(base: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: tokens.editor.authorization },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test data is inspected loosely
}

async function tag(base: string, slug: string, tags: string[]): Promise<void> {
  const { data } = await graphql(base, 'query ($slug: String) { event(slug: $slug) { id } }', { slug });
  const result = await graphql(
    base,
    'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { revision } } }',
    {
      input: { id: data.event.id, tags },
    },
  );
  expect(result.errors).toBeUndefined();
}

describe('two server processes on one database', () => {
  let first: { process: ServerProcess; base: string };
  let second: { process: ServerProcess; base: string };

  beforeAll(async () => {
    [first, second] = await Promise.all([start(), start()]);
  }, 90_000);

  it('each deliver every change, whichever process it was written through', async () => {
    const after = (await graphql(first.base, '{ latestChangeCursor }')).data.latestChangeCursor;
    const [onFirst, onSecond] = [first, second].map((server) => {
      const client = liveClient(server.base);
      clients.push(client);
      return collect(client, CHANGES, { after });
    });
    for (let i = 0; i < 5; i += 1) await tag(i % 2 ? first.base : second.base, 'xi-putin-formal-talks', [`both-${i}`]);
    const expected = [0, 1, 2, 3, 4].map((i) => [`both-${i}`]);
    expect((await onFirst!.until(5)).map((result) => result.data!.timelineChanges.event.tags)).toEqual(expected);
    expect((await onSecond!.until(5)).map((result) => result.data!.timelineChanges.event.tags)).toEqual(expected);
  });

  it('closes its sockets with 1001 on SIGTERM, exits 0 after "stopped", and a client resumes on the other without a gap', async () => {
    const after = (await graphql(first.base, '{ latestChangeCursor }')).data.latestChangeCursor;
    const client = liveClient(second.base);
    clients.push(client);
    const before = collect(client, CHANGES, { after });
    for (let i = 0; i < 10; i += 1) await tag(first.base, 'xi-putin-informal-talks', [`stop-${i}`]);
    await before.until(3);
    second.process.child.kill('SIGTERM');
    const writes = (async () => {
      for (let i = 10; i < 20; i += 1) await tag(first.base, 'xi-putin-informal-talks', [`stop-${i}`]);
    })();
    expect(await client.closed).toEqual({ code: 1001, reason: expect.stringContaining('shutting down') });
    expect((await second.process.exited).code).toBe(0);
    expect(second.process.messages()).toContain('stopped');
    await writes;

    const received = before.results.map((result) => result.data!.timelineChanges);
    const resumed = liveClient(first.base);
    clients.push(resumed);
    const rest = collect(resumed, CHANGES, { after: received[received.length - 1]!.cursor });
    const remaining = await rest.until(20 - received.length);
    const tags = [...received, ...remaining.map((result) => result.data!.timelineChanges)].map(
      (change) => change.event.tags[0],
    );
    expect(tags).toEqual(Array.from({ length: 20 }, (_, i) => `stop-${i}`));
  });
});
