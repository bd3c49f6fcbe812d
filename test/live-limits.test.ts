import WebSocket from 'ws';
import { gauges } from '../src/shared/metrics';
import { useAppServer } from './helpers/app-server';
import { useTestDatabase } from './helpers/database';
import { useTokens } from './helpers/tokens';
import { collect, liveClient, type LiveClient } from './helpers/live-client';
import { eventually } from './helpers/server-process';

const database = useTestDatabase();
const server = useAppServer(() => ({
  DATABASE_URL: database.url,
  MAX_SOCKETS_PER_CLIENT: '2',
  MAX_SUBSCRIPTIONS_PER_SOCKET: '2',
  RATE_LIMIT_PER_MINUTE: '1',
  RATE_LIMIT_BURST: '6',
}));
const clients: LiveClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

function open(): LiveClient {
  const client = liveClient(server.base);
  clients.push(client);
  return client;
}

it('refuses an operation over MAX_SUBSCRIPTIONS_PER_SOCKET with TOO_MANY_SUBSCRIPTIONS', async () => {
  const live = open();
  collect(live, 'subscription { timelineChanges { cursor } }');
  collect(live, 'subscription { timelineChanges { cursor } }');
  expect(await collect(live, 'subscription { timelineChanges { cursor } }').failed()).toEqual([
    expect.objectContaining({ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: 2 } }),
  ]);
});

it('answers an upgrade over MAX_SOCKETS_PER_CLIENT with 503 TOO_MANY_SOCKETS', async () => {
  await eventually(() => gauges.openSockets === 0);
  const url = `${server.base.replace('http', 'ws')}/graphql`;
  const sockets = [new WebSocket(url, 'graphql-transport-ws'), new WebSocket(url, 'graphql-transport-ws')];
  await Promise.all(sockets.map((socket) => new Promise((resolve) => socket.once('open', resolve))));
  const refused = new WebSocket(url, 'graphql-transport-ws');
  refused.on('error', () => undefined);
  const answer = await new Promise<{ status: number; body: string }>((resolve) =>
    refused.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }),
  );
  expect(answer.status).toBe(503);
  expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('TOO_MANY_SOCKETS');
  for (const socket of sockets) socket.close();
});

it('charges operations over the socket to the rate limit of HTTP requests: RATE_LIMITED with retryAfter', async () => {
  const live = open();
  const outcomes: unknown[] = [];
  for (let i = 0; i < 8; i += 1) {
    const query = collect(live, '{ latestChangeCursor }');
    outcomes.push(await Promise.race([query.until(1).then(() => 'ok'), query.failed()]));
  }
  expect(outcomes).toContainEqual([
    expect.objectContaining({ extensions: { code: 'RATE_LIMITED', retryAfter: expect.any(Number) } }),
  ]);
  const response = await fetch(`${server.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ latestChangeCursor }' }),
  });
  expect(response.status).toBe(429);
});

describe('a client that stops reading', () => {
  const slowDatabase = useTestDatabase();
  const tokens = useTokens(slowDatabase);
  const slowServer = useAppServer(() => ({ DATABASE_URL: slowDatabase.url, MAX_QUEUED_MESSAGES_PER_SOCKET: '20' }));

  async function tag(tags: string[]): Promise<void> {
    const headers = { 'content-type': 'application/json', authorization: tokens.editor.authorization };
    const post = async (query: string, variables: Record<string, unknown>) =>
      (await (
        await fetch(`${slowServer.base}/graphql`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as { data: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test data is inspected loosely
    const { data } = await post('{ event(slug: "xi-putin-formal-talks") { id } }', {});
    await post('mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { revision } } }', {
      input: { id: data.event.id, tags },
    });
  }

  it('is closed with 4413 once more than MAX_QUEUED_MESSAGES_PER_SOCKET messages wait for it, not buffered without bound', async () => {
    const socket = new WebSocket(`${slowServer.base.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await new Promise((resolve) => socket.once('message', resolve));
    const fields = Array.from({ length: 10 }, (_, i) => `a${i}: event { titles { text } summary citations { quote } }`);
    const query = `subscription { timelineChanges { cursor ${fields.join(' ')} } }`;
    for (let id = 1; id <= 50; id += 1)
      socket.send(JSON.stringify({ id: String(id), type: 'subscribe', payload: { query } }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // From here on the client reads nothing: the kernel's buffers fill, then the server's queue.
    (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    let ended = false;
    void closed.then(() => (ended = true));
    for (let i = 0; i < 60 && !ended; i += 1) await tag([`flood-${i}`]);
    (socket as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closed).toEqual({
      code: 4413,
      reason: 'Slow consumer: more than 20 messages were waiting; resume with your last cursor.',
    });
  });
});
