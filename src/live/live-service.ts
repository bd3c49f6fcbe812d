import { type GraphQLError, type GraphQLSchema } from 'graphql';
import { Pool, type PoolConfig } from 'pg';
import { createErrorFormatter } from '../graphql/format-error';
import { type QueryLimits } from '../graphql/limits/query-limits';
import { type Logger } from '../logger';
import { type CorsPolicy } from '../server/cors-policy';
import { type RequestRateLimiter } from '../server/request-rate-limit';
import { ChangeFeed } from './change-feed';
import { LOG_START } from './change-cursor';
import { createSocketServer, type SocketLimits, type SocketServer } from './socket-server';
import { SubscriptionHub, type ResultFormatter } from './subscription-hub';

/**
 * Connections of the live timelines' own: the feed's reads and the executions for subscribers
 * never queue behind writers holding the app's pool (at a high write rate every connection of it
 * can be waiting on the recording lock), and never starve HTTP requests either.
 */
const LIVE_POOL_SIZE = 3;

/** Live timelines of one process: the change feed, its subscribers, and the socket server. */
export interface LiveService {
  readonly sockets: SocketServer;
  readonly hub: SubscriptionHub;
  /** Closes the sockets (each after sending what it has queued, with 1001), then stops the feed; idempotent. */
  close(): Promise<void>;
}

/** What live timelines need from the app: the schema, the app's pool (for its settings), limits and policies. */
export interface LiveOptions {
  readonly schema: GraphQLSchema;
  readonly pool: Pool;
  readonly logger: Logger;
  readonly production: boolean;
  readonly queryLimits: QueryLimits;
  readonly cors: CorsPolicy;
  readonly limits: SocketLimits;
  /** Charges each operation over a socket to its client, as the HTTP server charges requests; null: no limit. */
  readonly rateLimiter: RequestRateLimiter | null;
}

/**
 * Starts following the revision log (LISTEN first, then the latest change as the starting point,
 * so that no commit falls between) and returns the socket server fed by it.
 */
export async function startLive(options: LiveOptions): Promise<LiveService> {
  const formatError = createErrorFormatter(options.logger, options.production);
  const format: ResultFormatter = ({ data, errors }) => ({
    ...(data === undefined ? {} : { data: data as Record<string, unknown> | null }),
    ...(errors?.length ? { errors: errors.map((error) => formatError((error as GraphQLError).toJSON(), error)) } : {}),
  });
  const livePool = new Pool({ ...(options.pool.options as PoolConfig), max: LIVE_POOL_SIZE });
  // A connection lost while idle surfaces in its holder's next statement; the event alone must not crash the process.
  livePool.on('error', (error) => options.logger.warn({ err: error }, 'lost an idle live-timeline connection'));
  livePool.on('connect', (client) => client.on('error', () => undefined));
  const hub = new SubscriptionHub({ schema: options.schema, pool: livePool, format }, LOG_START);
  const feed = new ChangeFeed(livePool, (changes) => hub.dispatch(changes), options.logger);
  try {
    hub.startAt(await feed.start());
  } catch (error) {
    await livePool.end();
    throw error;
  }
  const sockets = createSocketServer({ ...options, hub });
  let closing: Promise<void> | undefined;
  return {
    sockets,
    hub,
    close: () =>
      (closing ??= (async () => {
        await sockets.close();
        await feed.stop();
        await livePool.end();
      })()),
  };
}
