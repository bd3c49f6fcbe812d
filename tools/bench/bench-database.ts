import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, type Pool } from 'pg';
import { createDataSource } from '../../src/db/data-source';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { withDatabase } from '../../src/db/database';
import { migrateUp } from '../../src/db/migrate';
import { type Logger } from '../../src/logger';
import { generateDataset } from './dataset';
import { postmasterOf } from './process-stats';
import { reviseDataset } from './revisions';
import { openToolPool } from './tool-pool';

/** Where the bench keeps its own embedded PostgreSQL when DATABASE_URL is not set. */
export const EMBEDDED_BENCH_DATA_DIR = path.resolve(__dirname, '../../../.annals-bench');

/** The bench's database: its own, on DATABASE_URL's server or an embedded one. */
export interface BenchDatabase {
  readonly url: string;
  readonly pool: Pool;
  /** The server's postmaster when it runs on this machine, so its CPU can be read; null otherwise. */
  readonly postmasterPid: number | null;
  close(): Promise<void>;
}

/** Identifies the generator, revisions and schema that made a dataset, so a changed one is regenerated. */
function datasetSignature(events: number, revisions: number): string {
  const hash = createHash('sha256');
  for (const file of ['dataset.js', 'revisions.js']) hash.update(readFileSync(path.join(__dirname, file)));
  const migrations = path.join(__dirname, '../../migrations');
  for (const file of readdirSync(migrations)
    .filter((name) => name.endsWith('.js'))
    .sort()) {
    hash.update(readFileSync(path.join(migrations, file)));
  }
  return `annals-bench events=${events} revisions=${revisions} dataset=${hash.digest('hex').slice(0, 16)}`;
}

/** Runs one statement on the server's maintenance database `adminUrl`. */
export async function adminQuery<Row>(adminUrl: string, text: string, params: unknown[] = []): Promise<Row[]> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as Row[];
  } finally {
    await client.end();
  }
}

async function generateInto(
  adminUrl: string,
  name: string,
  events: number,
  revisions: number,
  logger: Logger,
): Promise<void> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(adminUrl, `CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  const url = withDatabase(adminUrl, name);
  const dataSource = await createDataSource(url, 2).initialize();
  try {
    await migrateUp(dataSource);
  } finally {
    await dataSource.destroy();
  }
  const pool = openToolPool({ connectionString: url, max: 2 });
  try {
    const startedAt = performance.now();
    await generateDataset(pool, events, (message) => logger.info(message));
    const revisedAt = performance.now();
    await reviseDataset(pool, revisions, (message) => logger.info(message));
    if (revisions > 1) {
      logger.info(
        `revised ${events} events to revision ${revisions} in ${((performance.now() - revisedAt) / 1000).toFixed(1)} s`,
      );
    }
    await pool.query('VACUUM (ANALYZE)');
    logger.info(`generated ${events} events in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  } finally {
    await pool.end();
  }
  await adminQuery(adminUrl, `COMMENT ON DATABASE ${name} IS '${datasetSignature(events, revisions)}'`);
}

/**
 * Makes sure the server of `adminUrl` holds the database `annals_bench_<events>` with the dataset
 * of this generator, `revisions` and schema, generating it unless it is there already; returns its
 * name. It never touches any other database.
 */
export async function ensureBenchDataset(
  adminUrl: string,
  events: number,
  revisions: number,
  logger: Logger,
): Promise<string> {
  const name = `annals_bench_${events}`;
  const [existing] = await adminQuery<{ signature: string | null }>(
    adminUrl,
    `SELECT shobj_description(oid, 'pg_database') AS signature FROM pg_database WHERE datname = $1`,
    [name],
  );
  if (existing?.signature === datasetSignature(events, revisions)) logger.info(`reusing the dataset in ${name}`);
  else {
    logger.info(`generating ${events} events at revision ${revisions} into ${name}`);
    await generateInto(adminUrl, name, events, revisions, logger);
  }
  return name;
}

/**
 * Opens the database `annals_bench_<events>` (see {@link ensureBenchDataset}) on DATABASE_URL's
 * server, which only names the server, or on the bench's own embedded PostgreSQL.
 */
export async function openBenchDatabase(events: number, revisions: number, logger: Logger): Promise<BenchDatabase> {
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres(EMBEDDED_BENCH_DATA_DIR, logger);
  const adminUrl = embedded?.adminUrl ?? process.env.DATABASE_URL!;
  const name = await ensureBenchDataset(adminUrl, events, revisions, logger);
  const url = withDatabase(adminUrl, name);
  const pool = openToolPool({ connectionString: url, max: 4, options: '-c TimeZone=UTC -c jit=off' });
  const [backend] = (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
  return {
    url,
    pool,
    postmasterPid: postmasterOf(backend!.pid),
    close: async () => {
      await pool.end();
      await embedded?.stop();
    },
  };
}
