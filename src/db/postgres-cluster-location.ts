import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres-error';
import { canReach, type ServerUser } from './postgres-user';
import { mkdirTraversable } from './traversable-dir';

/** Where a data directory's PostgreSQL cluster lives. */
export interface ClusterLocation {
  /** The cluster's own folder (PGDATA). */
  readonly clusterDir: string;
  /** True when it is outside the data directory, because `postgres` cannot reach that. */
  readonly relocated: boolean;
}

const isCluster = (clusterDir: string) => existsSync(path.join(clusterDir, 'PG_VERSION'));

/**
 * The folder, under `systemDir`, for the cluster of the data directory `dataDir`: named after it
 * and a hash of its path, so that two checkouts never share one.
 */
export function relocatedClusterDir(dataDir: string, systemDir: string): string {
  const name = path.basename(dataDir).replace(/^\.+/, '') || 'data';
  const hash = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12);
  return path.join(systemDir, 'clusters', `${name}-${hash}`, 'pg');
}

/** Makes the folder above a relocated cluster, root-owned and world-traversable, with a note of whose it is. */
async function prepareRelocated(clusterDir: string, dataDir: string): Promise<void> {
  const parent = path.dirname(clusterDir);
  await mkdirTraversable(parent);
  await writeFile(path.join(parent, 'data-dir'), `${path.resolve(dataDir)}\n`, { mode: 0o644 });
}

/**
 * Where the cluster of `dataDir` is: `<dataDir>/pg`, unless Annals runs as root and the user
 * `postgres` cannot reach that (a checkout in a private folder such as /root), in which case it is
 * {@link relocatedClusterDir} under `systemDir`. A cluster that already exists is always used where
 * it is; one in `<dataDir>/pg` that `postgres` cannot reach is an {@link EmbeddedPostgresError}
 * rather than a reason to start an empty one elsewhere.
 */
export async function locateCluster(
  dataDir: string,
  user: ServerUser | null,
  systemDir: string,
): Promise<ClusterLocation> {
  const local = path.join(dataDir, 'pg');
  if (!user) return { clusterDir: local, relocated: false };
  const localReachable = await canReach(user, dataDir, 'x');
  if (isCluster(local)) {
    if (localReachable) return { clusterDir: local, relocated: false };
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL data in ${local} cannot be reached by the user "${user.name}" (a folder above it is private); make the folders above ${dataDir} traversable (chmod o+x), or run Annals as another user.`,
    );
  }
  const relocated = relocatedClusterDir(dataDir, systemDir);
  if (localReachable && !isCluster(relocated)) return { clusterDir: local, relocated: false };
  await prepareRelocated(relocated, dataDir);
  if (!(await canReach(user, path.dirname(relocated), 'x'))) {
    throw new EmbeddedPostgresError(
      `The user "${user.name}" cannot reach ${path.dirname(relocated)}; make ${systemDir} and the folders above it traversable (chmod o+x), or set EMBEDDED_POSTGRES_DIR to a folder that is.`,
    );
  }
  return { clusterDir: relocated, relocated: true };
}

/** Creates `clusterDir` (mode 0700, as PostgreSQL wants it) owned by `user`, so that initdb can fill it. */
export async function prepareClusterDir(clusterDir: string, user: ServerUser | null): Promise<void> {
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  if (user) await chown(clusterDir, user.uid, user.gid);
}
