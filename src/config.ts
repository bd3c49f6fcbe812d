import path from 'node:path';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './graphql/limits/query-limits';

/** Log levels pino accepts, lowest to highest. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/** PERSISTED_QUERIES: `automatic` runs any operation (APQ registers as it goes); `trusted` only registered ones. */
export const PERSISTED_QUERY_MODES = ['automatic', 'trusted'] as const;
export type PersistedQueryMode = (typeof PERSISTED_QUERY_MODES)[number];

/** EMBEDDED_POSTGRES_DIR's default: where, as root, what the `postgres` user must reach goes. */
export const DEFAULT_EMBEDDED_POSTGRES_DIR = '/var/lib/annals';

/** The process configuration, read once from the environment and frozen. */
export interface Config {
  readonly port: number;
  /** A PostgreSQL connection URL; null means "start the embedded PostgreSQL". */
  readonly databaseUrl: string | null;
  /** Where the embedded PostgreSQL keeps its data (absolute path). */
  readonly dataDir: string;
  /**
   * As root only, when the user `postgres` cannot reach the checkout: where the PostgreSQL binaries
   * are copied to and the cluster kept (absolute path).
   */
  readonly embeddedPostgresDir: string;
  readonly logLevel: LogLevel;
  readonly nodeEnv: NodeEnv;
  /** Seconds a cache may serve a GraphQL GET response without revalidating it (0: always revalidate). */
  readonly cacheMaxAge: number;
  /** GraphQL requests per minute a client may make on average; 0 turns rate limiting off. */
  readonly rateLimitPerMinute: number;
  /** How many GraphQL requests a client may make at once before the per-minute rate applies. */
  readonly rateLimitBurst: number;
  /** How many reverse proxies in front of Annals append to X-Forwarded-For (0: ignore the header). */
  readonly trustProxy: number;
  /** PostgreSQL statement_timeout of the app's sessions: a longer statement is cancelled (QUERY_TIMEOUT). */
  readonly dbStatementTimeoutMs: number;
  /** Longest wait for a database connection, new or from the pool, before SERVICE_UNAVAILABLE. */
  readonly dbConnectTimeoutMs: number;
  /** Longest a GraphQL request may take before it is answered with 503 REQUEST_TIMEOUT. */
  readonly requestTimeoutMs: number;
  /** Longest wait for a request's head (request line and headers) before 408 HEADERS_TIMEOUT. */
  readonly headersTimeoutMs: number;
  /** Longest wait for a request's whole body, from the moment its head is in, before 408 BODY_TIMEOUT. */
  readonly bodyTimeoutMs: number;
  /** Most connections open at once; one more is answered 503 TOO_MANY_CONNECTIONS and closed. */
  readonly maxConnections: number;
  /**
   * Most connections open at once from one peer address (IPv6: one /64); 0: no such cap. Unset, it
   * is 0 behind TRUST_PROXY, where every connection comes from a proxy.
   */
  readonly maxConnectionsPerClient: number;
  /** How often start-up tries again while the database is unreachable (0: give up at once). */
  readonly dbStartupRetries: number;
  /** Wait before the first start-up retry; it doubles before each further one. */
  readonly dbRetryDelayMs: number;
  /** Longest wait between two start-up attempts. */
  readonly dbRetryMaxDelayMs: number;
  /** Depth, aliases, directives, tokens, root fields and cost every GraphQL operation is held to. */
  readonly queryLimits: QueryLimits;
  /** Whether any operation may run (`automatic`) or only documents registered as trusted (`trusted`). */
  readonly persistedQueries: PersistedQueryMode;
  /** A redis:// URL: rate limits are counted there; null: in PostgreSQL. */
  readonly redisUrl: string | null;
  /** PostgreSQL streaming replicas that serve reads; empty: every read goes to the primary. */
  readonly databaseReplicaUrls: readonly string[];
  /** A replica further behind the primary than this is taken out of rotation until it catches up. */
  readonly replicaMaxLagMs: number;
  /** Longest wait for a replica to replay a client's `x-annals-min-lsn` before the primary serves it. */
  readonly replicaWaitMs: number;
  /** How often each replica's health and lag are checked. */
  readonly replicaCheckIntervalMs: number;
}

/** Thrown when an environment variable has a value Annals cannot use; the message names it. */
export class ConfigError extends Error {
  constructor(variable: string, value: string, expected: string) {
    super(`Invalid ${variable}=${JSON.stringify(value)}: expected ${expected}.`);
    this.name = 'ConfigError';
  }
}

function readPort(env: NodeJS.ProcessEnv): number {
  const raw = env.PORT;
  if (raw === undefined || raw === '') return 4000;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new ConfigError('PORT', raw, 'an integer from 1 to 65535');
  }
  return port;
}

function readCacheMaxAge(env: NodeJS.ProcessEnv): number {
  const raw = env.CACHE_MAX_AGE;
  if (raw === undefined || raw === '') return 0;
  const seconds = Number(raw);
  if (!/^\d+$/.test(raw) || seconds > 86400) {
    throw new ConfigError('CACHE_MAX_AGE', raw, 'an integer number of seconds from 0 to 86400');
  }
  return seconds;
}

function readWholeNumber(
  env: NodeJS.ProcessEnv,
  variable: string,
  fallback: number,
  [min, max]: readonly [number, number],
  expected: string,
): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new ConfigError(variable, raw, expected);
  return value;
}

function readMilliseconds(env: NodeJS.ProcessEnv, variable: string, fallback: number, max: number, min = 1): number {
  return readWholeNumber(
    env,
    variable,
    fallback,
    [min, max],
    `an integer number of milliseconds from ${min} to ${max}`,
  );
}

function readQueryLimits(env: NodeJS.ProcessEnv): QueryLimits {
  const read = (variable: string, fallback: number, min: number, max: number) =>
    readWholeNumber(env, variable, fallback, [min, max], `an integer from ${min} to ${max}`);
  const defaults = DEFAULT_QUERY_LIMITS;
  return Object.freeze({
    maxDepth: read('MAX_QUERY_DEPTH', defaults.maxDepth, 1, 1000),
    maxAliases: read('MAX_QUERY_ALIASES', defaults.maxAliases, 0, 10_000),
    maxDirectives: read('MAX_QUERY_DIRECTIVES', defaults.maxDirectives, 0, 10_000),
    maxTokens: read('MAX_QUERY_TOKENS', defaults.maxTokens, 1, 1_000_000),
    maxRootFields: read('MAX_QUERY_ROOT_FIELDS', defaults.maxRootFields, 1, 1000),
    maxCost: read('MAX_QUERY_COST', defaults.maxCost, 1, 1_000_000_000),
  });
}

function readDatabaseUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', '(not a URL)', 'a URL such as postgres://user@host:5432/annals');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    if (url.password) url.password = '***';
    throw new ConfigError('DATABASE_URL', url.toString(), 'a postgres:// or postgresql:// URL');
  }
  return raw;
}

function masked(url: URL): string {
  if (url.password) url.password = '***';
  return url.toString();
}

function readPostgresUrl(variable: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(variable, '(not a URL)', 'a URL such as postgres://user@host:5432/annals');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(variable, masked(url), 'a postgres:// or postgresql:// URL');
  }
  return raw;
}

function readReplicaUrls(env: NodeJS.ProcessEnv): readonly string[] {
  const raw = env.DATABASE_REPLICA_URLS;
  if (raw === undefined || raw.trim() === '') return Object.freeze([]);
  if (!env.DATABASE_URL?.trim()) {
    throw new ConfigError('DATABASE_REPLICA_URLS', '(set)', 'DATABASE_URL to be set too (the primary)');
  }
  const urls = raw.split(',').map((part) => part.trim());
  if (urls.some((url) => url === '')) {
    throw new ConfigError('DATABASE_REPLICA_URLS', '(an empty entry)', 'comma-separated postgres:// URLs');
  }
  return Object.freeze(urls.map((url) => readPostgresUrl('DATABASE_REPLICA_URLS', url)));
}

function readRedisUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = env.REDIS_URL;
  if (raw === undefined || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('REDIS_URL', '(not a URL)', 'a URL such as redis://127.0.0.1:6379');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError('REDIS_URL', masked(url), 'a redis:// or rediss:// URL');
  }
  return raw;
}

function readChoice<T extends string>(env: NodeJS.ProcessEnv, variable: string, choices: readonly T[], fallback: T): T {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new ConfigError(variable, raw, `one of ${choices.join(', ')}`);
  }
  return raw as T;
}

/**
 * Reads the configuration from `env`. Every variable is optional; a present but unusable value
 * throws a {@link ConfigError} naming the variable, so start-up stops before touching anything.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const nodeEnv = readChoice(env, 'NODE_ENV', NODE_ENVS, 'development');
  const trustProxy = readWholeNumber(env, 'TRUST_PROXY', 0, [0, 10], 'the number of reverse proxies, from 0 to 10');
  return Object.freeze({
    port: readPort(env),
    databaseUrl: readDatabaseUrl(env),
    dataDir: path.resolve(cwd, env.DATA_DIR || '.annals'),
    embeddedPostgresDir: path.resolve(cwd, env.EMBEDDED_POSTGRES_DIR || DEFAULT_EMBEDDED_POSTGRES_DIR),
    logLevel: readChoice(env, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'warn' : 'info'),
    nodeEnv,
    cacheMaxAge: readCacheMaxAge(env),
    rateLimitPerMinute: readWholeNumber(
      env,
      'RATE_LIMIT_PER_MINUTE',
      600,
      [0, 1_000_000],
      'an integer from 0 (no limit) to 1000000',
    ),
    rateLimitBurst: readWholeNumber(env, 'RATE_LIMIT_BURST', 300, [1, 1_000_000], 'an integer from 1 to 1000000'),
    trustProxy,
    dbStatementTimeoutMs: readMilliseconds(env, 'DB_STATEMENT_TIMEOUT_MS', 5_000, 3_600_000),
    dbConnectTimeoutMs: readMilliseconds(env, 'DB_CONNECT_TIMEOUT_MS', 5_000, 600_000),
    requestTimeoutMs: readMilliseconds(env, 'REQUEST_TIMEOUT_MS', 10_000, 3_600_000),
    headersTimeoutMs: readMilliseconds(env, 'HEADERS_TIMEOUT_MS', 10_000, 600_000, 100),
    bodyTimeoutMs: readMilliseconds(env, 'BODY_TIMEOUT_MS', 10_000, 3_600_000, 100),
    maxConnections: readWholeNumber(env, 'MAX_CONNECTIONS', 2_000, [1, 1_000_000], 'an integer from 1 to 1000000'),
    // Behind proxies every connection comes from a proxy's address, so a per-address cap would cap
    // everyone together; the proxies are the place to cap connections per client.
    maxConnectionsPerClient: readWholeNumber(
      env,
      'MAX_CONNECTIONS_PER_CLIENT',
      trustProxy > 0 ? 0 : 200,
      [0, 1_000_000],
      'an integer from 0 (no cap) to 1000000',
    ),
    dbStartupRetries: readWholeNumber(env, 'DB_STARTUP_RETRIES', 10, [0, 1000], 'an integer from 0 (no retry) to 1000'),
    dbRetryDelayMs: readMilliseconds(env, 'DB_RETRY_DELAY_MS', 1_000, 600_000),
    dbRetryMaxDelayMs: readMilliseconds(env, 'DB_RETRY_MAX_DELAY_MS', 30_000, 600_000),
    queryLimits: readQueryLimits(env),
    persistedQueries: readChoice(env, 'PERSISTED_QUERIES', PERSISTED_QUERY_MODES, 'automatic'),
    redisUrl: readRedisUrl(env),
    databaseReplicaUrls: readReplicaUrls(env),
    replicaMaxLagMs: readMilliseconds(env, 'REPLICA_MAX_LAG_MS', 5_000, 3_600_000),
    replicaWaitMs: readMilliseconds(env, 'REPLICA_WAIT_MS', 200, 60_000, 0),
    replicaCheckIntervalMs: readMilliseconds(env, 'REPLICA_CHECK_INTERVAL_MS', 1_000, 600_000, 50),
  });
}
