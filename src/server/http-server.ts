import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { type Pool } from 'pg';
import { DEADLINE_PASSED, REQUEST_TIMEOUT, requestTimeoutError, withRequestDeadline } from '../db/request-deadline';
import { parseLsn } from '../db/replicas/lsn';
import { ReadRouter } from '../db/replicas/read-router';
import { createRequestContext, type RequestContext } from '../graphql/context';
import { type Logger } from '../logger';
import { counters, renderMetrics } from '../shared/metrics';
import { withRequestId } from '../shared/request-id';
import { handleExport } from '../exports/exports.route';
import { viewerAsset } from '../viewer/viewer-assets';
import { VIEWER_CSP, VIEWER_HTML } from '../viewer/viewer-page';
import { bodyTimeoutMessage } from './client-errors';
import { appendVary, CORS_ORIGIN_NOT_ALLOWED, corsRefusalMessage, type CorsPolicy } from './cors-policy';
import { type CacheCheck, type HttpCache } from './http-cache';
import { HttpError } from './http-error';
import { PLAYGROUND_HTML, playgroundAsset } from './playground';
import { type PersistedQueryMode } from '../config';
import { type PersistedQueryStore } from '../persisted/persisted-query-store';
import { requestedDocumentHash } from '../persisted/trusted-operation';
import { type RequestRateLimiter } from './request-rate-limit';

/** Largest request body accepted, in bytes. */
const MAX_BODY_BYTES = 1_000_000;

/**
 * How much of a body over MAX_BODY_BYTES is still read (and dropped) before the 413 is sent:
 * closing a connection the client is still writing to resets it, and the client may then never
 * read the answer. A larger body is cut off at once.
 */
const MAX_DRAINED_BYTES = 32_000_000;

export interface HttpServerDependencies {
  apollo: ApolloServer<RequestContext>;
  pool: Pool;
  logger: Logger;
  httpCache: HttpCache;
  /** Per-client limits on GraphQL requests, counted in a store all instances share; none without it. */
  rateLimiter?: RequestRateLimiter | null;
  /** Where each request's reads go (replicas or the primary); all to `pool` without it. */
  reads?: ReadRouter;
  /** With mode `trusted`, only operations registered as trusted in `store` run (see docs/operations.md). */
  persisted?: { readonly store: PersistedQueryStore; readonly mode: PersistedQueryMode };
  /** A GraphQL request still running after this many ms is answered 503 REQUEST_TIMEOUT; no limit without it. */
  requestTimeoutMs?: number;
  /**
   * A request body not all in this many ms after its head is answered 408 BODY_TIMEOUT and its
   * connection closed; no limit without it.
   */
  bodyTimeoutMs?: number;
  /** Which browser pages may call the API (CORS_ORIGINS); without it, only the server's own origin. */
  cors?: CorsPolicy;
}

/** When a request's body must be in: a performance.now() time, and the limit it comes from. */
interface BodyDeadline {
  readonly dueAt: number;
  readonly timeoutMs: number;
}

function rateLimited(retryAfterSeconds: number): HttpError {
  const wait = retryAfterSeconds === 1 ? '1 second' : `${retryAfterSeconds} seconds`;
  return new HttpError(
    429,
    'RATE_LIMITED',
    `Too many requests; try again in ${wait}.`,
    { retryAfter: retryAfterSeconds },
    { 'retry-after': String(retryAfterSeconds) },
  );
}

/** A client-sent x-request-id is kept if it is printable ASCII, cut to 64 characters. */
function requestIdOf(req: IncomingMessage): string {
  const sent = req.headers['x-request-id'];
  const id = typeof sent === 'string' ? sent.slice(0, 64) : '';
  return /^[!-~]+$/.test(id) ? id : randomUUID();
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: HttpError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  sendJson(res, error.status, {
    errors: [{ message: error.message, extensions: { code: error.code, ...error.extensions } }],
  });
}

/** A promise that rejects with 408 BODY_TIMEOUT (Connection: close) at the deadline, until `cancel`. */
function bodyTimer(deadline: BodyDeadline | undefined) {
  let timer: NodeJS.Timeout | undefined;
  const passed = new Promise<never>((_, reject) => {
    if (!deadline) return;
    timer = setTimeout(
      () => {
        counters.clientTimeouts += 1;
        reject(new HttpError(408, 'BODY_TIMEOUT', bodyTimeoutMessage(deadline.timeoutMs), {}, { connection: 'close' }));
      },
      Math.max(0, deadline.dueAt - performance.now()),
    );
  });
  return { passed, cancel: () => clearTimeout(timer) };
}

function tooLarge(): HttpError {
  return new HttpError(
    413,
    'PAYLOAD_TOO_LARGE',
    `Request body exceeds ${MAX_BODY_BYTES} bytes.`,
    {},
    {
      connection: 'close',
    },
  );
}

async function readBody(req: IncomingMessage, deadline: BodyDeadline | undefined): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  const timer = bodyTimer(deadline);
  const reader = req[Symbol.asyncIterator]();
  try {
    for (;;) {
      // On the deadline the read is left pending, not ended: ending it would destroy the socket
      // before the 408 is written; the answer's Connection: close ends the connection instead.
      const next = (await Promise.race([reader.next(), timer.passed])) as IteratorResult<Buffer>;
      if (next.done) break;
      size += next.value.length;
      if (size > MAX_DRAINED_BYTES) {
        await reader.return?.();
        throw tooLarge();
      }
      if (size <= MAX_BODY_BYTES) chunks.push(next.value);
    }
  } finally {
    timer.cancel();
  }
  if (size > MAX_BODY_BYTES) throw tooLarge();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid UTF-8.');
  }
}

async function parseBody(req: IncomingMessage, deadline: BodyDeadline | undefined): Promise<unknown> {
  if (req.method !== 'POST') return undefined;
  const text = await readBody(req, deadline);
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/(graphql-response\+)?json\b/i.test(type)) return text;
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  }
}

function wantsPlayground(req: IncomingMessage, url: URL): boolean {
  return req.method === 'GET' && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html');
}

/** The header a client sends back the `x-annals-lsn` of its last write in. */
const MIN_LSN_HEADER = 'x-annals-min-lsn';

function minLsnOf(req: IncomingMessage) {
  const sent = req.headers[MIN_LSN_HEADER];
  if (sent === undefined) return null;
  const lsn = typeof sent === 'string' ? parseLsn(sent) : null;
  if (lsn === null) {
    throw new HttpError(400, 'BAD_REQUEST', `${MIN_LSN_HEADER} must be a WAL position such as 0/16B3748.`);
  }
  return lsn;
}

function untrusted(): HttpError {
  return new HttpError(
    400,
    'OPERATION_NOT_TRUSTED',
    'Only registered operations run on this server; send the hash of one registered with `npm run persisted`.',
  );
}

async function handleGraphQL(
  deps: HttpServerDependencies,
  reads: ReadRouter,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  bodyDeadline: BodyDeadline | undefined,
) {
  const route = await reads.route(minLsnOf(req));
  const cache: CacheCheck =
    req.headers.authorization === undefined
      ? await deps.httpCache.check(req, url, route.pool)
      : { etag: null, notModified: false };
  if (cache.notModified) {
    const { vary, ...notModified } = deps.httpCache.headersFor(cache, 304);
    if (vary !== undefined) appendVary(res, vary);
    res.writeHead(304, notModified);
    return res.end();
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const body = await parseBody(req, bodyDeadline);
  if (deps.persisted?.mode === 'trusted') {
    const hash = requestedDocumentHash(req.method, url, body);
    if (hash !== null && !(await deps.persisted.store.isTrusted(hash))) throw untrusted();
  }
  const result = await withRequestDeadline(deps.requestTimeoutMs, () =>
    deps.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => createRequestContext(deps.pool, req.headers.authorization, route),
    }),
  );
  if (result === DEADLINE_PASSED) {
    const { message } = requestTimeoutError(deps.requestTimeoutMs ?? 0);
    throw new HttpError(503, REQUEST_TIMEOUT, message);
  }
  for (const [name, value] of result.headers) res.setHeader(name, value);
  res.statusCode = result.status ?? 200;
  const completeBody = result.body.kind === 'complete' ? result.body.string : undefined;
  for (const [name, value] of Object.entries(deps.httpCache.headersFor(cache, res.statusCode, completeBody))) {
    if (name === 'vary') appendVary(res, value);
    else res.setHeader(name, value);
  }
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

async function isDatabaseReady(pool: Pool): Promise<boolean> {
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/**
 * The HTTP server (not listening yet): `/` (the timeline viewer), `/viewer/*` its files, `/graphql` (GraphQL over HTTP, and the playground for a
 * browser), `/playground/*` assets, `/export/*` (the timeline as TimelineJS, vis-timeline,
 * JSON-LD and iCalendar, rate-limited like GraphQL), `/healthz` (the process is up), `/readyz` (the database
 * answers) and `/metrics` (Prometheus counters). Every response carries an `x-request-id`.
 * With `rateLimit`, GraphQL requests over a client's limit get 429 RATE_LIMITED with Retry-After;
 * the playground, its assets, health and metrics are never limited. With `requestTimeoutMs`, a
 * GraphQL request still running then is answered 503 REQUEST_TIMEOUT and sends no further SQL.
 * With `bodyTimeoutMs`, a GraphQL body not all in by then (counted from the moment the request is
 * emitted, that is, from its head) is answered 408 BODY_TIMEOUT and its connection closed.
 * With `cors`, every route first goes through it: preflights are answered there, before CSRF
 * prevention, and a token-bearing request from a page origin it does not allow gets 403
 * CORS_ORIGIN_NOT_ALLOWED; routes added here are covered without more code.
 */
export function createHttpServer(deps: HttpServerDependencies): http.Server {
  const rateLimiter = deps.rateLimiter ?? null;
  const reads = deps.reads ?? new ReadRouter(deps.pool);
  return http.createServer((req, res) => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    const url = URL.parse(req.url ?? '/', 'http://localhost');
    const startedAt = performance.now();
    const bodyDeadline =
      deps.bodyTimeoutMs === undefined
        ? undefined
        : { dueAt: startedAt + deps.bodyTimeoutMs, timeoutMs: deps.bodyTimeoutMs };
    res.once('finish', () => {
      counters.httpRequests += 1;
      const fields = {
        requestId,
        method: req.method,
        path: url?.pathname,
        status: res.statusCode,
        ms: Math.round(performance.now() - startedAt),
      };
      if (res.statusCode >= 500) deps.logger.warn(fields, 'request failed');
      else deps.logger.info(fields, 'request completed');
    });
    const route = async () => {
      const cors = deps.cors?.apply(req, res) ?? 'continue';
      if (cors === 'answered') return;
      if (cors === 'refused') throw new HttpError(403, CORS_ORIGIN_NOT_ALLOWED, corsRefusalMessage(req));
      if (url === null) throw new HttpError(400, 'BAD_REQUEST', 'The request target is not a valid URL.');
      if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/readyz') {
        const ready = await isDatabaseReady(deps.pool);
        const replicas = reads.statuses();
        return sendJson(res, ready ? 200 : 503, {
          status: ready ? 'ready' : 'database unavailable',
          ...(replicas.length ? { replicas } : {}),
        });
      }
      if (url.pathname === '/metrics') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' });
        return res.end(renderMetrics() + reads.renderMetrics());
      }
      if (url.pathname === '/' || url.pathname === '/timeline') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': VIEWER_CSP });
        return res.end(VIEWER_HTML);
      }
      if (url.pathname.startsWith('/viewer/')) {
        const asset = viewerAsset(url.pathname.slice('/viewer/'.length));
        if (!asset) throw new HttpError(404, 'NOT_FOUND', 'No such viewer file.');
        res.writeHead(200, { 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': 'public, max-age=3600' });
        return res.end(asset.body);
      }
      if (url.pathname.startsWith('/playground/')) {
        const asset = playgroundAsset(url.pathname.slice('/playground/'.length));
        if (!asset) throw new HttpError(404, 'NOT_FOUND', 'No such playground file.');
        res.writeHead(200, {
          'content-type': `${asset.type}; charset=utf-8`,
          'cache-control': 'public, max-age=86400',
        });
        return res.end(asset.body);
      }
      if (url.pathname.startsWith('/export/')) {
        const admission = await rateLimiter?.admit(req);
        if (admission?.allowed === false) throw rateLimited(admission.retryAfterSeconds);
        return handleExport(deps, await reads.route(minLsnOf(req)), req, res, url);
      }
      if (url.pathname === '/graphql') {
        if (wantsPlayground(req, url)) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.end(PLAYGROUND_HTML);
        }
        const admission = await rateLimiter?.admit(req);
        if (admission?.allowed === false) throw rateLimited(admission.retryAfterSeconds);
        return handleGraphQL(deps, reads, req, res, url, bodyDeadline);
      }
      throw new HttpError(404, 'NOT_FOUND', `Nothing at ${url.pathname}; the API is at /graphql.`);
    };
    withRequestId(requestId, route).catch((error: unknown) => {
      if (error instanceof HttpError) return sendError(res, error);
      deps.logger.error({ err: error, requestId }, 'request failed');
      if (!res.headersSent)
        sendError(res, new HttpError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error.', { requestId }));
      else res.end();
    });
  });
}
