import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { pino } from 'pino';
import { createDataSource } from '../../src/db/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../src/db/embedded-postgres';
import { migrateUp } from '../../src/db/migrate';
import { loadBundledSeed } from '../../src/seed/rfi-seed';
import { databaseUrl, EMBEDDED_TEST_DATA_DIR, ENV } from './test-cluster';

declare global {
  var annalsEmbeddedPostgres: EmbeddedPostgresHandle | undefined;
}

/**
 * Prepares a real PostgreSQL for the run: DATABASE_URL's server, else an embedded one. A template
 * database is migrated and seeded once; each test file clones it (see test/helpers/database.ts).
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const handle = await startEmbeddedPostgres(EMBEDDED_TEST_DATA_DIR, pino({ level: 'warn' }));
    globalThis.annalsEmbeddedPostgres = handle;
    adminUrl = handle.adminUrl;
  }
  const runId = randomBytes(4).toString('hex');
  const template = `annals_test_${runId}_template`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${template} ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  const dataSource = await createDataSource(databaseUrl(adminUrl, template), 2).initialize();
  try {
    await migrateUp(dataSource);
    await loadBundledSeed(dataSource);
    // Statistics, as any served database has them: without, plans would depend on whether
    // autovacuum reached the template before a test file cloned it.
    await dataSource.query('ANALYZE');
  } finally {
    await dataSource.destroy();
  }
  process.env[ENV.adminUrl] = adminUrl;
  process.env[ENV.template] = template;
  process.env[ENV.runId] = runId;
}
