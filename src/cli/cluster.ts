import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { loadConfig } from '../config';
import { startLocalCluster } from '../db/cluster/local-cluster';
import { withDatabase } from '../db/database';
import { createLogger } from '../logger';

/**
 * `npm run cluster -- [--replicas 1] [--instances 2] [--port 4000]`: a fresh local primary with
 * streaming replicas (in ./.annals-cluster, data not kept) and app instances on consecutive ports,
 * all stopped by Ctrl-C. The instances migrate and seed the primary themselves.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      replicas: { type: 'string', default: '1' },
      instances: { type: 'string', default: '2' },
      port: { type: 'string', default: '4000' },
    },
  });
  const [replicas, instances, port] = [Number(values.replicas), Number(values.instances), Number(values.port)];
  const logger = createLogger(loadConfig());
  const cluster = await startLocalCluster({ dir: path.resolve('.annals-cluster'), replicas, logger });
  const admin = new Client({ connectionString: cluster.primaryUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE annals ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();
  const children: ChildProcess[] = [];
  for (let i = 0; i < instances; i += 1) {
    children.push(
      spawn(process.execPath, [path.resolve(__dirname, '../index.js')], {
        stdio: 'inherit',
        env: {
          ...process.env,
          PORT: String(port + i),
          DATABASE_URL: withDatabase(cluster.primaryUrl, 'annals'),
          DATABASE_REPLICA_URLS: cluster.replicaUrls.map((url) => withDatabase(url, 'annals')).join(','),
        },
      }),
    );
  }
  logger.info(
    { instances: children.map((_, i) => `http://localhost:${port + i}/graphql`), primary: cluster.primaryUrl },
    'cluster running; Ctrl-C stops it',
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error('annals cluster: failed:', error);
  process.exit(1);
});
