import { Client } from 'pg';
import { type DataSource } from 'typeorm';
import { type Config } from '../config';
import { type Logger } from '../logger';
import { createDataSource } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';

/** The database Annals talks to: a live data source, and how to let go of it and its server. */
export interface Database {
  readonly dataSource: DataSource;
  /** Whether this is the embedded server (for logs and the README's claims). */
  readonly embedded: boolean;
  /** Closes the pool, then stops the embedded server if this process started it. */
  close(): Promise<void>;
}

const EMBEDDED_DATABASE_NAME = 'annals';

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

/**
 * Connects to `DATABASE_URL`, or, without it, starts the embedded PostgreSQL under `DATA_DIR`
 * and connects to its `annals` database. Schema and data are left as they are.
 */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  if (config.databaseUrl) {
    const dataSource = await createDataSource(config.databaseUrl).initialize();
    return { dataSource, embedded: false, close: () => dataSource.destroy() };
  }
  const server = await startEmbeddedPostgres(config.dataDir, logger);
  try {
    await ensureDatabaseExists(server.adminUrl, EMBEDDED_DATABASE_NAME);
    const dataSource = await createDataSource(withDatabase(server.adminUrl, EMBEDDED_DATABASE_NAME)).initialize();
    return {
      dataSource,
      embedded: true,
      close: async () => {
        await dataSource.destroy();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
