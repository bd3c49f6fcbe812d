import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_EMBEDDED_POSTGRES_DIR } from '../config';
import { type Logger } from '../logger';
import { EmbeddedPostgresError } from './embedded-postgres-error';
import { binariesIn, packagedBinaries, reachableBinaries } from './postgres-binaries';
import { locateCluster, prepareClusterDir } from './postgres-cluster-location';
import {
  endLeftovers,
  isServerOf,
  removeStaleLockFile,
  runningServer,
  stopServer,
  type RunningServer,
} from './postgres-processes';
import { initCluster, startPostgres, type ClusterSpec } from './postgres-server';
import { PostgresSupervisor, type WatchedServer } from './postgres-supervisor';
import { serverUser } from './postgres-user';
import { type RetryPolicy } from './startup-retry';

/** A running embedded PostgreSQL, kept running, and how to stop it. */
export interface EmbeddedPostgresHandle {
  /** Connection URL of the server's `postgres` maintenance database; the same across restarts. */
  readonly adminUrl: string;
  /** The cluster's folder (PGDATA): `<dataDir>/pg`, or under the system folder (see docs/operations.md). */
  readonly clusterDir: string;
  /**
   * Stops the server if this process started or adopted it (a server another live Annals process
   * runs is left running), in whatever state it is, and resolves once none of its processes is left.
   */
  stop(): Promise<void>;
}

/** How to start the embedded server; every option may be left out. */
export interface EmbeddedPostgresOptions {
  /** The TCP port to listen on (on 127.0.0.1); by default a free one the system picks. */
  readonly port?: number;
  /** See EMBEDDED_POSTGRES_DIR in docs/operations.md; {@link DEFAULT_EMBEDDED_POSTGRES_DIR} by default. */
  readonly systemDir?: string;
  /** Waits before restarting a server that died; DB_RETRY_DELAY_MS and DB_RETRY_MAX_DELAY_MS's defaults by default. */
  readonly restart?: Pick<RetryPolicy, 'initialDelayMs' | 'maxDelayMs'>;
  /** The folder with PostgreSQL's bin/, lib/ and share/; the embedded-postgres package's by default. */
  readonly nativeDir?: string;
}

/** DB_RETRY_DELAY_MS's and DB_RETRY_MAX_DELAY_MS's defaults (see config.ts). */
const DEFAULT_RESTART = { initialDelayMs: 1_000, maxDelayMs: 30_000 };

interface Credentials {
  user: string;
  password: string;
}

/** Lets the operating system pick a free TCP port on the loopback interface. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function readOrCreateCredentials(dataDir: string): Promise<Credentials> {
  const file = path.join(dataDir, 'embedded-postgres.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const credentials = { user: 'annals', password: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

function url(credentials: Credentials, port: number, database: string): string {
  return `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
}

/** Watches a postmaster this process did not start, by polling, until it is gone or `signal` is aborted. */
function watchForeign(server: RunningServer, clusterDir: string, signal: AbortSignal, owned: boolean): WatchedServer {
  const exited = (async () => {
    while (!signal.aborted && isServerOf(server.pid, clusterDir)) {
      await sleep(250, undefined, { signal }).catch(() => undefined);
    }
    return { code: null, signal: null };
  })();
  return {
    pid: server.pid,
    port: server.port,
    exited,
    stop: async () => (owned ? stopServer(server.pid, clusterDir) : null),
  };
}

/** Where a cluster is and how it is run: binaries, folder and user, as {@link startEmbeddedPostgres} found them. */
async function clusterSpec(
  dataDir: string,
  logger: Logger,
  systemDir: string,
  nativeDir: string | undefined,
): Promise<ClusterSpec> {
  await mkdir(dataDir, { recursive: true });
  const user = await serverUser();
  // The user postgres must pass through the data directory to reach a cluster kept inside it.
  if (user) await chmod(dataDir, (await stat(dataDir)).mode | 0o111);
  const packaged = nativeDir ? binariesIn(nativeDir, packagedBinaries().release) : packagedBinaries();
  const binaries = await reachableBinaries(packaged, user, systemDir, logger);
  const { clusterDir, relocated } = await locateCluster(dataDir, user, systemDir);
  if (binaries !== packaged || relocated) {
    logger.info(
      { binaries: binaries.nativeDir, clusterDir, dataDir, user: user?.name },
      'the postgres user cannot reach this checkout: PostgreSQL runs from copies outside it',
    );
  }
  return { binaries, clusterDir, user };
}

/**
 * Starts the server of `spec` on `port`, initialising the cluster first unless it is a `restart`,
 * or watches the one already running on the cluster: shared with the live Annals process that
 * runs it, or adopted (and stopped like its own) when it was orphaned by a killed one.
 */
async function launch(
  spec: ClusterSpec,
  credentials: Credentials,
  port: number,
  logger: Logger,
  signal: AbortSignal,
  restart: boolean,
): Promise<WatchedServer> {
  const { clusterDir } = spec;
  const running = await runningServer(clusterDir);
  if (running) {
    if (running.port !== port) {
      throw new EmbeddedPostgresError(
        `Another PostgreSQL runs on ${clusterDir} on port ${running.port}, not ${port}; stop it (kill -INT ${running.pid}).`,
      );
    }
    const fields = { postgresPid: running.pid, port: running.port, clusterDir };
    if (running.orphaned) {
      logger.warn(fields, 'adopting an embedded PostgreSQL left running by a process that was killed');
    } else {
      logger.info(fields, 'sharing the embedded PostgreSQL another Annals process runs here');
    }
    return watchForeign(running, clusterDir, signal, running.orphaned);
  }
  await endLeftovers(clusterDir, logger);
  await removeStaleLockFile(clusterDir, logger);
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    if (restart) {
      throw new EmbeddedPostgresError(`The cluster in ${clusterDir} is gone; restart Annals to create a new one.`);
    }
    logger.info({ clusterDir }, 'initialising the embedded PostgreSQL data directory');
    await prepareClusterDir(clusterDir, spec.user);
    await initCluster(spec, credentials, logger);
  }
  const child = await startPostgres(spec, port, logger, signal);
  if (!restart) logger.info({ port, clusterDir, postgresPid: child.pid }, 'embedded PostgreSQL started');
  return { pid: child.pid, port, exited: child.exited, stop: () => child.stop() };
}

/**
 * Starts (initialising on first use) a PostgreSQL server from the `embedded-postgres` package's
 * binaries, with its data under `dataDir` kept across restarts, and keeps it running: if it dies it
 * is restarted on the same port (see postgres-supervisor.ts). As root it runs as the user
 * `postgres`; when that user cannot reach the binaries or `dataDir` (a checkout in a private folder
 * such as /root), they are copied to, and the cluster kept in, `options.systemDir`. A server another
 * live process runs on the cluster is shared and left running by {@link EmbeddedPostgresHandle.stop};
 * one orphaned by a killed process is adopted and stopped like its own. A failure the operator must
 * fix is an {@link EmbeddedPostgresError} whose message says what to do.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  logger: Logger,
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgresHandle> {
  const spec = await clusterSpec(
    dataDir,
    logger,
    options.systemDir ?? DEFAULT_EMBEDDED_POSTGRES_DIR,
    options.nativeDir,
  );
  const credentials = await readOrCreateCredentials(dataDir);
  const port = (await runningServer(spec.clusterDir))?.port ?? options.port ?? (await findFreePort());
  const supervisor = await PostgresSupervisor.start({
    clusterDir: spec.clusterDir,
    logger,
    restart: options.restart ?? DEFAULT_RESTART,
    launch: (signal, restart) => launch(spec, credentials, port, logger, signal, restart),
  });
  return { adminUrl: url(credentials, port, 'postgres'), clusterDir: spec.clusterDir, stop: () => supervisor.stop() };
}
