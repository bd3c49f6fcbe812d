import WebSocket from 'ws';
import { gauges } from '../src/shared/metrics';
import { useAppServer } from './helpers/app-server';
import { useTestDatabase } from './helpers/database';
import { collect, liveClient, type LiveClient } from './helpers/live-client';
import { eventually } from './helpers/server-process';

const database = useTestDatabase();
const server = useAppServer(() => ({
  DATABASE_URL: database.url,
  MAX_SOCKETS_PER_CLIENT: '2',
  MAX_SUBSCRIPTIONS_PER_SOCKET: '2',
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
