import { Redis } from 'ioredis';
import { type Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis } from 'rate-limiter-flexible';
import { type Logger } from '../logger';
import { type LimiterFactory } from './rate-limit';

/** Where rate limits are counted: Redis with REDIS_URL, else PostgreSQL's `rate_limit` table, or memory. */
export type RateLimitStoreKind = 'redis' | 'postgres' | 'memory';

/** A store's limiters, and how to let go of its connection. */
export interface RateLimitStore {
  readonly kind: RateLimitStoreKind;
  readonly limiter: LimiterFactory;
  close(): Promise<void>;
}

/** How long a Redis command may take before the instance counts on its own for that request. */
const REDIS_COMMAND_TIMEOUT_MS = 500;

/**
 * The shared store for rate limits. Each limiter falls back to counting in this process's memory
 * (rate-limiter-flexible's insurance limiter, same points and window) for a request whose store
 * cannot be reached: rate limiting fails open to per-instance limits, so an outage of Redis
 * neither refuses every client nor lifts the limit, and N instances then allow up to N times it.
 * `keyPrefix` sets counters of different settings apart.
 */
export function createRateLimitStore(
  options: { redisUrl: string | null; pool: Pool | null; keyPrefix: string },
  logger: Logger,
): RateLimitStore {
  const memory = (name: string, points: number, duration: number) =>
    new RateLimiterMemory({ keyPrefix: `${options.keyPrefix}:${name}`, points, duration });
  if (options.redisUrl) {
    const redis = new Redis(options.redisUrl, {
      // Commands fail at once while disconnected instead of queueing: the insurance limiter answers.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      lazyConnect: false,
    });
    let reported = false;
    redis.on('error', (error: Error) => {
      if (!reported)
        logger.warn({ err: error }, 'rate limit store (Redis) unreachable: limits are per instance meanwhile');
      reported = true;
    });
    redis.on('ready', () => (reported = false));
    return {
      kind: 'redis',
      limiter: (name, points, duration) =>
        new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `${options.keyPrefix}:${name}`,
          points,
          duration,
          insuranceLimiter: memory(name, points, duration),
        }),
      close: async () => {
        redis.disconnect();
      },
    };
  }
  if (options.pool) {
    const pool = options.pool;
    return {
      kind: 'postgres',
      limiter: (name, points, duration) =>
        new RateLimiterPostgres({
          storeClient: pool,
          storeType: 'pool',
          tableName: 'rate_limit',
          // The table comes from a migration (SharedInstanceState), never from the library.
          tableCreated: true,
          keyPrefix: `${options.keyPrefix}:${name}`,
          points,
          duration,
          insuranceLimiter: memory(name, points, duration),
        }),
      close: async () => undefined,
    };
  }
  return { kind: 'memory', limiter: memory, close: async () => undefined };
}
