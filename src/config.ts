import path from 'node:path';

/** Log levels pino accepts, lowest to highest. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/** The process configuration, read once from the environment and frozen. */
export interface Config {
  readonly port: number;
  /** A PostgreSQL connection URL; null means "start the embedded PostgreSQL". */
  readonly databaseUrl: string | null;
  /** Where the embedded PostgreSQL keeps its data (absolute path). */
  readonly dataDir: string;
  readonly logLevel: LogLevel;
  readonly nodeEnv: NodeEnv;
  /** Seconds a cache may serve a GraphQL GET response without revalidating it (0: always revalidate). */
  readonly cacheMaxAge: number;
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
  return Object.freeze({
    port: readPort(env),
    databaseUrl: readDatabaseUrl(env),
    dataDir: path.resolve(cwd, env.DATA_DIR || '.annals'),
    logLevel: readChoice(env, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'warn' : 'info'),
    nodeEnv,
    cacheMaxAge: readCacheMaxAge(env),
  });
}
