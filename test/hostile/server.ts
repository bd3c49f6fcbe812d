import { type AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';

/** The production-mode app a hostile suite talks to over HTTP. */
export interface HostileServer {
  app: App;
  /** http://127.0.0.1:<port> */
  base: string;
}

/** A request as the suite sends it: a GraphQL body as JSON, or raw bytes with their own headers. */
export interface HostileRequest {
  method?: 'GET' | 'POST' | 'PUT';
  /** Path and query string; `/graphql` by default. */
  path?: string;
  /** An object or array is sent as JSON; a string or Buffer is sent as it is. */
  body?: unknown;
  /** Added to (or, when empty, removed from) the default `content-type: application/json` of a POST. */
  headers?: Record<string, string>;
}

/** What came back: the status, the body as text, and the body parsed when it is JSON. */
export interface HostileReply {
  status: number;
  text: string;
  json: unknown;
  ms: number;
  /** Bytes of the request body sent. */
  sentBytes: number;
}

/**
 * Starts the real app on `databaseUrl` with NODE_ENV=production, as clients meet it, listening on
 * a free port, with `env` added to its configuration.
 */
export async function startHostileServer(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<HostileServer> {
  const config = loadConfig({ ...env, DATABASE_URL: databaseUrl, NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  const app = await createApp(config, pino({ level: 'silent' }));
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

/** Sends `request` to `base` and reads the whole answer. */
export async function send(base: string, request: HostileRequest): Promise<HostileReply> {
  const { method = 'POST', path = '/graphql', body } = request;
  const raw = typeof body === 'string' || Buffer.isBuffer(body) || body === undefined;
  const headers = Object.fromEntries(
    Object.entries({ ...(method === 'POST' ? { 'content-type': 'application/json' } : {}), ...request.headers }).filter(
      ([, value]) => value !== '',
    ),
  );
  const payload = raw ? (body as string | Buffer | undefined) : JSON.stringify(body);
  const startedAt = performance.now();
  const response = await fetch(`${base}${path}`, { method, headers, body: payload });
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    // left undefined: the outcome checks say whether a non-JSON answer was acceptable
  }
  const sentBytes = payload === undefined ? 0 : Buffer.byteLength(payload);
  return { status: response.status, text, json, ms: performance.now() - startedAt, sentBytes };
}
