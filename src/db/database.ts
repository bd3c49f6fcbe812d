import { Client } from 'pg';
import { type DataSource } from 'typeorm';
import { type Config } from '../config';
import { type Logger } from '../logger';
import { createDataSource, type SessionLimits } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';
import { retryWhileUnreachable, type RetryPolicy } from './startup-retry';

/** The database Annals talks to: a live data source, and how to let go of it and its server. */
export interface Database {
  readonly dataSource: DataSource;
  /** Whether this is the embedded server (for logs and the README's claims). */
  readonly embedded: boolean;
  /** Closes the pool, then stops the embedded server if this process started it. */
  close(): Promise<void>;
}

/** How {@link openDatabase} connects; every option may be left out. */
export interface OpenOptions {
  /** Time limits of the returned data source's sessions. */
  readonly limits?: SessionLimits;
  /**
   * Work done before the data source opens, on connections of its own without a statement timeout
   * (such as migrations); retried together with connecting.
   */
  readonly prepare?: (dataSource: DataSource) => Promise<void>;
  /** Tries again while the database is unreachable; without it, the first failure is thrown. */
  readonly retry?: RetryPolicy;
  /** Aborting it stops the retries. */
  readonly signal?: AbortSignal;
}

/** Where the database is, and how to stop its server when this process started it. */
interface DatabaseServer {
  readonly url: string;
  readonly embedded: boolean;
  /** For the embedded server: its maintenance URL, to create the `annals` database on first use. */
  readonly adminUrl?: string;
  stop(): Promise<void>;
}

const EMBEDDED_DATABASE_NAME = 'annals';
const POOL_SIZE = 10;
const NO_RETRY: RetryPolicy = { retries: 0, initialDelayMs: 0, maxDelayMs: 0 };

async function ensureDatabaseExists(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} ENCODING 'UTF8'`);
  } finally {
    await client.end();
  }
}

/** `url` pointing at the database `name` on the same server. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function locateDatabase(config: Config, logger: Logger): Promise<DatabaseServer> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  const server = await startEmbeddedPostgres(config.dataDir, logger, {
    systemDir: config.embeddedPostgresDir,
    restart: { initialDelayMs: config.dbRetryDelayMs, maxDelayMs: config.dbRetryMaxDelayMs },
  });
  return {
    url: withDatabase(server.adminUrl, EMBEDDED_DATABASE_NAME),
    embedded: true,
    adminUrl: server.adminUrl,
    stop: () => server.stop(),
  };
}

async function connect(server: DatabaseServer, options: OpenOptions, logger: Logger): Promise<DataSource> {
  if (server.adminUrl) await ensureDatabaseExists(server.adminUrl, EMBEDDED_DATABASE_NAME);
  if (options.prepare) {
    const connectTimeoutMs = options.limits?.connectTimeoutMs;
    const maintenance = await createDataSource(server.url, 2, { limits: { connectTimeoutMs }, logger }).initialize();
    try {
      await options.prepare(maintenance);
    } finally {
      await maintenance.destroy().catch(() => undefined);
    }
  }
  return createDataSource(server.url, POOL_SIZE, { limits: options.limits, logger }).initialize();
}

/**
 * Connects to `DATABASE_URL`, or, without it, starts the embedded PostgreSQL under `DATA_DIR`
 * and connects to its `annals` database. Runs `options.prepare` first, retries while the database
 * is unreachable as `options.retry` allows, and stops the embedded server again if it gives up.
 * Schema and data are left as they are unless `prepare` changes them.
 */
export async function openDatabase(config: Config, logger: Logger, options: OpenOptions = {}): Promise<Database> {
  const server = await locateDatabase(config, logger);
  try {
    const dataSource = await retryWhileUnreachable(
      () => connect(server, options, logger),
      options.retry ?? NO_RETRY,
      logger,
      options.signal,
    );
    return {
      dataSource,
      embedded: server.embedded,
      close: async () => {
        try {
          await dataSource.destroy();
        } finally {
          await server.stop();
        }
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
