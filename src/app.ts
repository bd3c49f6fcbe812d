import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ApolloServer } from '@apollo/server';
import { type DataSource } from 'typeorm';
import { type Config } from './config';
import { poolOf } from './db/data-source';
import { openDatabase, type Database } from './db/database';
import { applyPendingMigrations, withSchemaLock } from './db/migrate';
import { createApolloServer } from './graphql/apollo';
import { type RequestContext } from './graphql/context';
import { type Logger } from './logger';
import { ReadRouter } from './db/replicas/read-router';
import { ReplicaSet } from './db/replicas/replica-set';
import { PersistedQueryStore } from './persisted/persisted-query-store';
import { isDatabaseEmpty, loadBundledSeed, updateBundledSeedRecords } from './seed/rfi-seed';
import { buildTag, HttpCache } from './server/http-cache';
import { CorsPolicy } from './server/cors-policy';
import { createHttpServer } from './server/http-server';
import { createRateLimitStore, type RateLimitStore } from './server/rate-limit-store';
import { createRequestRateLimiter, rateLimitKeyPrefix } from './server/request-rate-limit';
import { answerAndDestroy, rawErrorAnswer } from './server/raw-answer';
import { startLive, type LiveService } from './live/live-service';
import { getSchema } from './graphql/schema';
import { createWireServer } from './server/wire-server';

/** A started application: the HTTP server (not yet listening) and how to shut everything down. */
export interface App {
  readonly server: Server;
  readonly database: Database;
  /**
   * Stops listening, answers requests that arrive on open connections with 503 and
   * `Connection: close`, lets in-flight requests finish, closes the connections still idle once
   * they have and 1 s has passed (a request sent on one meanwhile gets that 503); meanwhile each
   * GraphQL WebSocket sends what it had queued and is closed with 1001. Then it stops the change
   * feed and closes the database.
   */
  close(): Promise<void>;
}

/**
 * An application on its way up. Its server may listen at once: until the database is reachable,
 * migrated and seeded, `/healthz` is 200, `/readyz` 503 `{"status":"starting"}` and everything
 * else 503 SERVICE_UNAVAILABLE with `Retry-After`.
 */
export interface AppLaunch {
  readonly server: Server;
  /** The app once it serves; rejects when start-up gives up (see DB_STARTUP_RETRIES) or is closed. */
  readonly started: Promise<App>;
  /** Ends start-up or serving, whichever is under way, as {@link App.close} does; idempotent. */
  close(): Promise<void>;
}

type Stage = 'starting' | 'stopping';

/**
 * How long idle keep-alive connections stay open once closing begins: a client may be sending a
 * request on one at that moment, which then gets its 503 instead of a reset.
 */
const KEEP_ALIVE_DRAIN_MS = 1_000;

const UNAVAILABLE_MESSAGES: Record<Stage, string> = {
  starting: 'Annals is starting and its database is not ready yet; try again shortly.',
  stopping: 'Annals is shutting down; try again shortly.',
};

/** The answer of a server that is starting or stopping: health and readiness, or a GraphQL-style error. */
function answerUnavailable(req: IncomingMessage, res: ServerResponse, stage: Stage): void {
  const path = (req.url ?? '/').split('?')[0];
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-request-id': randomUUID(),
  };
  if (stage === 'stopping') headers.connection = 'close';
  let status = 503;
  let body: unknown = { status: stage };
  if (path === '/healthz' && stage === 'starting') [status, body] = [200, { status: 'ok' }];
  else if (path !== '/healthz' && path !== '/readyz') {
    headers['retry-after'] = '1';
    body = { errors: [{ message: UNAVAILABLE_MESSAGES[stage], extensions: { code: 'SERVICE_UNAVAILABLE' } }] };
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/**
 * Applies pending migrations and seeds an empty database, or brings the unedited records of an
 * earlier seed up to the bundled one, under the advisory lock instances share.
 */
async function migrateAndSeed(dataSource: DataSource, logger: Logger): Promise<void> {
  await withSchemaLock(dataSource, async () => {
    const applied = await applyPendingMigrations(dataSource);
    if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
    if (await isDatabaseEmpty(dataSource)) {
      logger.info({ added: await loadBundledSeed(dataSource) }, 'seeded an empty database');
    } else {
      const updated = await updateBundledSeedRecords(dataSource);
      if (updated.actors || updated.events)
        logger.info({ updated }, 'brought unedited seed records up to the seed data');
    }
  });
}

/**
 * Builds the HTTP server at once and brings the app up behind it: opens the database (retrying
 * with backoff while it is unreachable), migrates and seeds it, then serves. Database sessions
 * get DB_STATEMENT_TIMEOUT_MS and DB_CONNECT_TIMEOUT_MS, GraphQL requests REQUEST_TIMEOUT_MS.
 */
export function launchApp(config: Config, logger: Logger): AppLaunch {
  let stopping = false;
  let serving: Server | undefined;
  let database: Database | undefined;
  let apollo: ApolloServer<RequestContext> | undefined;
  let replicas: ReplicaSet | undefined;
  let rateLimitStore: RateLimitStore | undefined;
  let live: LiveService | undefined;
  const inFlight = new Set<ServerResponse>();
  let drained: (() => void) | undefined;
  const abort = new AbortController();

  const server = createWireServer(config, logger, (req, res) => {
    if (stopping) return answerUnavailable(req, res, 'stopping');
    if (!serving) return answerUnavailable(req, res, 'starting');
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (stopping && inFlight.size === 0) drained?.();
    });
    serving.emit('request', req, res);
  });
  server.on('upgrade', (req, socket, head) => {
    if (!stopping && serving && live) return live.sockets.handleUpgrade(req, socket, head);
    const stage: Stage = stopping ? 'stopping' : 'starting';
    const answer = rawErrorAnswer(503, 'SERVICE_UNAVAILABLE', UNAVAILABLE_MESSAGES[stage], {
      headers: { 'retry-after': '1' },
    });
    answerAndDestroy(socket, answer);
  });

  async function release(): Promise<void> {
    const [openedLive, openedApollo, openedDatabase, openedReplicas, openedStore] = [
      live,
      apollo,
      database,
      replicas,
      rateLimitStore,
    ];
    [live, apollo, database, replicas, rateLimitStore] = [undefined, undefined, undefined, undefined, undefined];
    await openedLive?.close();
    await openedApollo?.stop();
    await openedStore?.close();
    await openedReplicas?.stop();
    await openedDatabase?.close();
  }

  const started = (async (): Promise<App> => {
    try {
      database = await openDatabase(config, logger, {
        limits: { statementTimeoutMs: config.dbStatementTimeoutMs, connectTimeoutMs: config.dbConnectTimeoutMs },
        retry: {
          retries: config.dbStartupRetries,
          initialDelayMs: config.dbRetryDelayMs,
          maxDelayMs: config.dbRetryMaxDelayMs,
        },
        signal: abort.signal,
        prepare: (dataSource) => migrateAndSeed(dataSource, logger),
      });
      abort.signal.throwIfAborted();
      const pool = poolOf(database.dataSource);
      const persisted = new PersistedQueryStore(pool, config.persistedQueries, logger);
      apollo = createApolloServer(logger, config.nodeEnv === 'production', config.queryLimits, persisted);
      await apollo.start();
      abort.signal.throwIfAborted();
      if (config.databaseReplicaUrls.length) {
        replicas = new ReplicaSet(pool, config.databaseReplicaUrls, {
          maxLagMs: config.replicaMaxLagMs,
          waitMs: config.replicaWaitMs,
          checkIntervalMs: config.replicaCheckIntervalMs,
          limits: { statementTimeoutMs: config.dbStatementTimeoutMs, connectTimeoutMs: config.dbConnectTimeoutMs },
          logger,
        });
        await replicas.start();
        abort.signal.throwIfAborted();
      }
      rateLimitStore = createRateLimitStore(
        { redisUrl: config.redisUrl, pool, keyPrefix: rateLimitKeyPrefix(config) },
        logger,
      );
      const cors = new CorsPolicy(config.corsOrigins);
      // One limiter for HTTP and the socket: an operation costs the same token whichever way it comes.
      const rateLimiter = createRequestRateLimiter(config, pool, rateLimitStore);
      live = await startLive({
        schema: getSchema(),
        pool,
        logger,
        production: config.nodeEnv === 'production',
        queryLimits: config.queryLimits,
        cors,
        limits: config,
        rateLimiter,
      });
      abort.signal.throwIfAborted();
      const httpCache = new HttpCache({ pool, buildTag: buildTag(), maxAgeSeconds: config.cacheMaxAge });
      serving = createHttpServer({
        apollo,
        pool,
        logger,
        httpCache,
        rateLimiter,
        reads: new ReadRouter(pool, replicas ?? null),
        persisted: { store: persisted, mode: config.persistedQueries },
        requestTimeoutMs: config.requestTimeoutMs,
        bodyTimeoutMs: config.bodyTimeoutMs,
        cors,
      });
      return { server, database, close };
    } catch (error) {
      await release();
      throw error;
    }
  })();
  started.catch(() => undefined);

  async function drainHttp(): Promise<void> {
    // net.Server's close stops listening and nothing else; http.Server's would also destroy the
    // idle keep-alive connections at once (Node >= 19), under a request a client may be sending.
    // It also leaves Node's header and body deadlines running on the connections still open.
    const allClosed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
    for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    const inFlightDone = inFlight.size ? new Promise<void>((resolve) => (drained = resolve)) : undefined;
    const drainOver = sleep(KEEP_ALIVE_DRAIN_MS, undefined, { ref: false });
    await Promise.race([allClosed, Promise.all([drainOver, inFlightDone])]);
    server.closeIdleConnections();
    await allClosed;
    // With no connection left, http.Server's close only stops Node's deadline checks (their timer
    // would keep the whole app reachable); it emits 'close' a second time.
    server.close();
  }

  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= (async () => {
      stopping = true;
      abort.abort(new Error('Annals is shutting down.'));
      // Upgraded sockets count among the server's connections: draining HTTP waits for them too.
      await Promise.all([drainHttp(), live?.close()]);
      await started.catch(() => undefined);
      await release();
    })();
    return closing;
  }

  return { server, started, close };
}

/**
 * Brings the database to the current schema (under an advisory lock, so that instances can start
 * together), seeds an empty database with the bundled dataset, and builds the HTTP server; resolves
 * once the app serves (see {@link launchApp}).
 */
export async function createApp(config: Config, logger: Logger): Promise<App> {
  const launch = launchApp(config, logger);
  try {
    return await launch.started;
  } catch (error) {
    await launch.close();
    throw error;
  }
}
