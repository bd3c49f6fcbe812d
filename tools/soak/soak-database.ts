import { randomBytes } from 'node:crypto';
import { createToken } from '../../src/auth/token.queries';
import { adminQuery, EMBEDDED_BENCH_DATA_DIR, ensureBenchDataset } from '../bench/bench-database';
import { withDatabase } from '../../src/db/database';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { CountingSqlClient } from '../../src/db/sql-client';
import { type Logger } from '../../src/logger';
import { toGlobalId } from '../../src/shared/global-id';
import { readSoakInputs } from './soak-inputs';
import { type SoakInputs } from './soak-requests';
import { type SoakWriteInputs } from './soak-writes';
import { openToolPool } from '../bench/tool-pool';

/** The database name the server gives its embedded PostgreSQL's data (see db/database.ts). */
const APP_DATABASE = 'annals';

/** An embedded cluster, stopped, ready for a server that runs it itself, and what the load needs of it. */
export interface EmbeddedSoakDatabase {
  /** The DATA_DIR to start the server with. */
  readonly dataDir: string;
  readonly inputs: SoakInputs;
  readonly writes: SoakWriteInputs;
}

/**
 * Prepares the bench's embedded cluster for a soak that kills it: the server's database becomes a
 * fresh copy of the bench dataset of `events` (generated once, then reused), with an EDITOR token
 * for the writes. The cluster is stopped again, so that the server starts and supervises it.
 */
export async function prepareEmbeddedSoakDatabase(
  events: number,
  revisions: number,
  logger: Logger,
): Promise<EmbeddedSoakDatabase> {
  const server = await startEmbeddedPostgres(EMBEDDED_BENCH_DATA_DIR, logger);
  try {
    const template = await ensureBenchDataset(server.adminUrl, events, revisions, logger);
    await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${APP_DATABASE} WITH (FORCE)`);
    await adminQuery(server.adminUrl, `CREATE DATABASE ${APP_DATABASE} TEMPLATE ${template}`);
    const pool = openToolPool({ connectionString: withDatabase(server.adminUrl, APP_DATABASE), max: 2 });
    try {
      const inputs = await readSoakInputs(pool, events);
      const runId = randomBytes(4).toString('hex');
      const { token } = await createToken(new CountingSqlClient(pool), { name: `soak-${runId}`, role: 'EDITOR' });
      const { rows } = await pool.query<{ id: string }>('SELECT id::text AS id FROM source ORDER BY id LIMIT 1');
      if (!rows[0]) throw new Error('the bench dataset has no source to cite');
      return {
        dataDir: EMBEDDED_BENCH_DATA_DIR,
        inputs,
        writes: { authorization: `Bearer ${token}`, sourceId: toGlobalId('Source', rows[0].id), runId },
      };
    } finally {
      await pool.end();
    }
  } finally {
    await server.stop();
  }
}
