import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, chown, cp, lstat, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { DEFAULT_EMBEDDED_POSTGRES_DIR } from '../../config';
import { type Logger } from '../../logger';
import { findFreePort } from '../embedded-postgres';
import { packagedBinaries, reachableBinaries } from '../postgres-binaries';
import { locateCluster, prepareClusterDir } from '../postgres-cluster-location';
import { endLeftovers, removeStaleLockFile } from '../postgres-processes';
import { initCluster, startPostgres, type ClusterSpec, type PostgresChild } from '../postgres-server';
import { serverUser, type ServerUser } from '../postgres-user';
import { backupStart, backupStop, createPhysicalSlot } from './base-backup.queries';

/** A primary and its streaming replicas on 127.0.0.1, from the embedded-postgres package's binaries. */
export interface LocalCluster {
  /** The primary's maintenance database, as the superuser. */
  readonly primaryUrl: string;
  /** Each replica's maintenance database, as the superuser (read-only: they are hot standbys). */
  readonly replicaUrls: readonly string[];
  /** Kills replica `index`'s postmaster with SIGKILL and waits until it has exited. */
  killReplica(index: number): Promise<void>;
  /** Starts replica `index` again on its port (after {@link killReplica}); it catches up by streaming. */
  startReplica(index: number): Promise<void>;
  /** Stops every server and removes the clusters. */
  stop(): Promise<void>;
}

/** How {@link startLocalCluster} lays the cluster out. */
export interface LocalClusterOptions {
  /** The folder holding one data directory per server (`primary`, `replica-1`, …); emptied first. */
  readonly dir: string;
  readonly replicas: number;
  readonly logger: Logger;
  /** As root, where binaries and clusters go when `postgres` cannot reach `dir` (see docs/operations.md). */
  readonly systemDir?: string;
}

/** Files of a running cluster a base backup leaves out (PostgreSQL's own list for pg_basebackup, the part that matters here). */
const NOT_COPIED = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'pg_wal',
  'pg_replslot',
  'pg_stat_tmp',
  'pg_dynshmem',
]);

async function chownTree(target: string, user: ServerUser): Promise<void> {
  await chown(target, user.uid, user.gid);
  if (!(await lstat(target)).isDirectory()) return;
  for (const entry of await readdir(target)) await chownTree(path.join(target, entry), user);
}

/** Settings a server of the cluster gets on top of the embedded defaults: enough for streaming to a few standbys. */
const PRIMARY_SETTINGS = ["wal_level = 'replica'", 'max_wal_senders = 10', 'max_replication_slots = 10'];

interface Server {
  readonly spec: ClusterSpec;
  readonly port: number;
  child: PostgresChild | null;
}

async function freshSpec(dataDir: string, user: ServerUser | null, systemDir: string, logger: Logger) {
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const binaries = await reachableBinaries(packagedBinaries(), user, systemDir, logger);
  const { clusterDir } = await locateCluster(dataDir, user, systemDir);
  await endLeftovers(clusterDir, logger);
  await rm(clusterDir, { recursive: true, force: true });
  return { binaries, clusterDir, user } satisfies ClusterSpec;
}

/**
 * Starts a fresh primary and `replicas` streaming hot standbys, each on a free port of 127.0.0.1.
 * Each replica is made from a base backup of the primary taken with `pg_backup_start()` /
 * `pg_backup_stop()` and a file copy (the package ships no pg_basebackup), then `standby.signal`,
 * `primary_conninfo` and a physical replication slot of its own, so the primary keeps the WAL it
 * still needs while it is down. As root the servers run as `postgres`, like the embedded one.
 */
export async function startLocalCluster(options: LocalClusterOptions): Promise<LocalCluster> {
  const { logger } = options;
  const systemDir = options.systemDir ?? DEFAULT_EMBEDDED_POSTGRES_DIR;
  const user = await serverUser();
  const credentials = { user: 'annals', password: randomBytes(18).toString('base64url') };
  const urlOf = (port: number) =>
    `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/postgres`;
  const servers: Server[] = [];
  const stopAll = async () => {
    for (const server of [...servers].reverse()) await server.child?.stop();
    for (const server of servers) await rm(server.spec.clusterDir, { recursive: true, force: true });
  };
  try {
    const primarySpec = await freshSpec(path.join(options.dir, 'primary'), user, systemDir, logger);
    await prepareClusterDir(primarySpec.clusterDir, user);
    await initCluster(primarySpec, credentials, logger);
    await appendFile(path.join(primarySpec.clusterDir, 'postgresql.auto.conf'), `${PRIMARY_SETTINGS.join('\n')}\n`);
    const primaryPort = await findFreePort();
    const primary: Server = { spec: primarySpec, port: primaryPort, child: null };
    servers.push(primary);
    primary.child = await startPostgres(primarySpec, primaryPort, logger);
    for (let index = 1; index <= options.replicas; index += 1) {
      const spec = await freshSpec(path.join(options.dir, `replica-${index}`), user, systemDir, logger);
      await baseBackup(urlOf(primaryPort), primarySpec.clusterDir, spec.clusterDir, `replica_${index}`, user);
      await appendFile(
        path.join(spec.clusterDir, 'postgresql.auto.conf'),
        [
          `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=${credentials.user} password=${credentials.password} application_name=replica_${index}'`,
          `primary_slot_name = 'replica_${index}'`,
          'hot_standby = on',
          // Queries on the standby hold back the primary's vacuum instead of being cancelled by it.
          'hot_standby_feedback = on',
          '',
        ].join('\n'),
      );
      await writeFile(path.join(spec.clusterDir, 'standby.signal'), '');
      if (user) await chownTree(spec.clusterDir, user);
      const server: Server = { spec, port: await findFreePort(), child: null };
      servers.push(server);
      server.child = await startPostgres(spec, server.port, logger);
    }
    logger.info(
      { primary: primaryPort, replicas: servers.slice(1).map((server) => server.port) },
      'local cluster started',
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  const replica = (index: number) => {
    const server = servers[index + 1];
    if (!server) throw new RangeError(`No replica ${index}.`);
    return server;
  };
  return {
    primaryUrl: urlOf(servers[0]!.port),
    replicaUrls: servers.slice(1).map((server) => urlOf(server.port)),
    killReplica: async (index) => {
      const server = replica(index);
      if (!server.child) return;
      process.kill(server.child.pid, 'SIGKILL');
      await server.child.exited;
      server.child = null;
    },
    startReplica: async (index) => {
      const server = replica(index);
      if (server.child) return;
      await endLeftovers(server.spec.clusterDir, logger);
      await removeStaleLockFile(server.spec.clusterDir, logger);
      server.child = await startPostgres(server.spec, server.port, logger);
    },
    stop: stopAll,
  };
}

/** Copies the running primary in `from` into `to` between pg_backup_start and pg_backup_stop, with its backup_label. */
async function baseBackup(
  primaryUrl: string,
  from: string,
  to: string,
  slot: string,
  user: ServerUser | null,
): Promise<void> {
  const client = new Client({ connectionString: primaryUrl });
  await client.connect();
  try {
    await createPhysicalSlot(client, slot);
    await backupStart(client, `annals ${slot}`);
    await cp(from, to, {
      recursive: true,
      filter: (source) => !NOT_COPIED.has(path.relative(from, source)) || source === from,
    });
    const label = await backupStop(client);
    for (const empty of ['pg_wal/archive_status', 'pg_replslot', 'pg_stat_tmp', 'pg_dynshmem']) {
      await mkdir(path.join(to, empty), { recursive: true, mode: 0o700 });
    }
    await writeFile(path.join(to, 'backup_label'), label);
    if (!existsSync(path.join(to, 'PG_VERSION'))) throw new Error(`The copy of ${from} in ${to} is incomplete.`);
  } finally {
    await client.end();
  }
  if (user) await chown(to, user.uid, user.gid);
}
