import { randomBytes } from 'node:crypto';
import { Client, type Pool } from 'pg';
import { type DataSource } from 'typeorm';
import { createDataSource, poolOf } from '../../src/db/data-source';
import { databaseUrl, ENV } from '../setup/test-cluster';

/** A database of one's own, cloned from the migrated and seeded template. */
export interface TestDatabase {
  readonly url: string;
  readonly dataSource: DataSource;
  readonly pool: Pool;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the tests through jest so that test/setup/global-setup.ts runs.`);
  return value;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: required(ENV.adminUrl) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh database named for this run; `fromTemplate: false` gives an empty one. */
export async function createTestDatabase({ fromTemplate = true } = {}): Promise<string> {
  const name = `annals_test_${required(ENV.runId)}_${randomBytes(4).toString('hex')}`;
  const template = fromTemplate ? required(ENV.template) : 'template0';
  await admin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template} ENCODING 'UTF8'`));
  return databaseUrl(required(ENV.adminUrl), name);
}

/** Drops a database made by {@link createTestDatabase}, disconnecting anyone still on it. */
export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/**
 * Gives the calling test file its own seeded database for all its tests (created in beforeAll,
 * dropped in afterAll). Read the returned object's properties inside tests, not at load time.
 */
export function useTestDatabase({ fromTemplate = true } = {}): TestDatabase {
  const handle = {} as { url: string; dataSource: DataSource; pool: Pool };
  beforeAll(async () => {
    handle.url = await createTestDatabase({ fromTemplate });
    handle.dataSource = await createDataSource(handle.url, 4).initialize();
    handle.pool = poolOf(handle.dataSource);
  });
  afterAll(async () => {
    await handle.dataSource?.destroy();
    if (handle.url) await dropTestDatabase(handle.url);
  });
  return handle;
}
