import { Client } from 'pg';
import { ENV } from './test-cluster';

/** Drops every database this run created, then stops the embedded server if the setup started one. */
export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env[ENV.adminUrl];
  const runId = process.env[ENV.runId];
  if (adminUrl && runId) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
        `annals_test_${runId}_%`,
      ]);
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  await globalThis.annalsEmbeddedPostgres?.stop();
}
