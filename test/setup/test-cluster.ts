import path from 'node:path';

/** Where the test setup keeps its embedded PostgreSQL when DATABASE_URL is not set. */
export const EMBEDDED_TEST_DATA_DIR = path.resolve(__dirname, '../../.annals-test');

/** Environment variables the global setup hands to the test workers. */
export const ENV = {
  adminUrl: 'ANNALS_TEST_ADMIN_URL',
  template: 'ANNALS_TEST_TEMPLATE',
  runId: 'ANNALS_TEST_RUN_ID',
} as const;

/** `url` pointing at another database on the same server. */
export { withDatabase as databaseUrl } from '../../src/db/database';
