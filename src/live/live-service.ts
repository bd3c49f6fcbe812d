import { type GraphQLError, type GraphQLSchema } from 'graphql';
import { type Pool } from 'pg';
import { createErrorFormatter } from '../graphql/format-error';
import { type QueryLimits } from '../graphql/limits/query-limits';
import { type Logger } from '../logger';
import { type CorsPolicy } from '../server/cors-policy';
import { type RequestRateLimiter } from '../server/request-rate-limit';
import { ChangeFeed } from './change-feed';
import { LOG_START } from './change-cursor';
import { createSocketServer, type SocketLimits, type SocketServer } from './socket-server';
import { SubscriptionHub, type ResultFormatter } from './subscription-hub';

/** Live timelines of one process: the change feed, its subscribers, and the socket server. */
export interface LiveService {
  readonly sockets: SocketServer;
  readonly hub: SubscriptionHub;
  /** Closes the sockets (each after sending what it has queued, with 1001), then stops the feed; idempotent. */
  close(): Promise<void>;
}

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
  const hub = new SubscriptionHub({ schema: options.schema, pool: options.pool, format }, LOG_START);
  const feed = new ChangeFeed(options.pool, (changes) => hub.dispatch(changes), options.logger);
  hub.startAt(await feed.start());
  const sockets = createSocketServer({ ...options, hub });
  let closing: Promise<void> | undefined;
  return {
    sockets,
    hub,
    close: () =>
      (closing ??= (async () => {
        await sockets.close();
        await feed.stop();
      })()),
  };
}
