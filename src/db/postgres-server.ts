import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Logger } from '../logger';
import { EmbeddedPostgresError } from './embedded-postgres-error';
import { type PostgresBinaries } from './postgres-binaries';
import { readPidFile, shutDown, type Shutdown } from './postgres-processes';
import { type ServerUser } from './postgres-user';

/** How a PostgreSQL process ended: its exit code, or the signal that ended it. */
export interface ServerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A postmaster this process started. */
export interface PostgresChild {
  readonly pid: number;
  /** Settles once the postmaster has exited, also when that happened before it was asked. */
  readonly exited: Promise<ServerExit>;
  /** Stops it (see shutDown in postgres-processes.ts); resolves at once when it has exited already. */
  stop(): Promise<Shutdown | null>;
}

/** The longest a server may take to accept connections (crash recovery included) before it is given up. */
const READY_TIMEOUT_MS = 60_000;
/** Lines of a child's output kept for the error when it fails. */
const KEPT_LINES = 20;

interface Spawned {
  readonly child: ChildProcess;
  readonly exited: Promise<ServerExit>;
  hasExited(): boolean;
  /** The last lines it printed, for an error message. */
  tail(): string;
}

/**
 * Spawns `file` as `user` with its output logged at debug. Never emits an unhandled 'error': a
 * spawn failure (EACCES, ENOENT) settles `exited` like an exit and is kept for {@link Spawned.tail}.
 */
function spawnLogged(
  file: string,
  args: readonly string[],
  user: ServerUser | null,
  logger: Logger,
  options: { detached?: boolean } = {},
): Spawned {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      logger.debug({ postgres: line.trim() }, 'embedded postgres');
      lines.push(line.trim());
      if (lines.length > KEPT_LINES) lines.shift();
    }
  };
  const child = spawn(file, args, {
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    detached: options.detached ?? false,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let done = false;
  const exited = new Promise<ServerExit>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      lines.push(`${error.code ?? 'error'}: ${error.message}`);
      if (child.pid !== undefined) return;
      done = true;
      resolve({ code: null, signal: null });
    });
  });
  return { child, exited, hasExited: () => done, tail: () => lines.join(' | ') };
}

function spawnFailure(what: string, file: string, spawned: Spawned, user: ServerUser | null): EmbeddedPostgresError {
  const as = user ? ` as the user "${user.name}"` : '';
  return new EmbeddedPostgresError(
    `${what} (${file}${as}) failed: ${spawned.tail() || 'no output'}; run with LOG_LEVEL=debug to see its whole log.`,
  );
}

/** Where initdb reads the superuser's password from: a file only `user` (or this process's user) can read. */
async function writePasswordFile(password: string, user: ServerUser | null): Promise<string> {
  const file = path.join(os.tmpdir(), `annals-pgpass-${randomBytes(8).toString('hex')}`);
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  if (user) await chown(file, user.uid, user.gid);
  return file;
}

/** What a cluster is made with and run from. */
export interface ClusterSpec {
  readonly binaries: PostgresBinaries;
  readonly clusterDir: string;
  /** Who runs it: null for this process's own user. */
  readonly user: ServerUser | null;
}

/**
 * Creates a new cluster in `spec.clusterDir` (which must exist, owned by its user) with the
 * superuser `credentials`, password authentication (SCRAM), UTF-8 and the C.UTF-8 locale.
 */
export async function initCluster(
  spec: ClusterSpec,
  credentials: { user: string; password: string },
  logger: Logger,
): Promise<void> {
  const passwordFile = await writePasswordFile(credentials.password, spec.user);
  try {
    const spawned = spawnLogged(
      spec.binaries.initdb,
      [
        `--pgdata=${spec.clusterDir}`,
        '--auth=scram-sha-256',
        `--username=${credentials.user}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C.UTF-8',
      ],
      spec.user,
      logger,
    );
    const { code } = await spawned.exited;
    if (code !== 0) throw spawnFailure('initdb', spec.binaries.initdb, spawned, spec.user);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/**
 * Starts the postmaster of `spec.clusterDir` on 127.0.0.1:`port` (no Unix socket) and resolves
 * once it accepts connections, as its postmaster.pid says. Rejects with an
 * {@link EmbeddedPostgresError} when it cannot be spawned, exits first, or is not ready within 60 s
 * (it is stopped then); aborting `signal` stops it and rejects with the signal's reason.
 */
export async function startPostgres(
  spec: ClusterSpec,
  port: number,
  logger: Logger,
  signal?: AbortSignal,
): Promise<PostgresChild> {
  const spawned = spawnLogged(
    spec.binaries.postgres,
    [
      ['-D', spec.clusterDir],
      ['-p', String(port)],
      ['-c', 'listen_addresses=127.0.0.1'],
      ['-c', 'unix_socket_directories='],
      // Before crash recovery PostgreSQL syncs the data directory. The default opens and fsyncs every
      // file, seconds for a cluster of some size; one syncfs() does the same for the dead process's
      // writes still in the page cache (the case here: the server died, not the machine). Linux only.
      os.platform() === 'linux' ? ['-c', 'recovery_init_sync_method=syncfs'] : [],
    ].flat(),
    spec.user,
    logger,
    // Its own process group, so that a terminal's Ctrl-C reaches Annals only, which stops PostgreSQL after HTTP.
    { detached: true },
  );
  const { child } = spawned;
  const handle: PostgresChild = {
    pid: child.pid ?? -1,
    exited: spawned.exited,
    stop: async () =>
      spawned.hasExited()
        ? null
        : shutDown(
            (name) => child.kill(name),
            () => spawned.hasExited(),
          ),
  };
  for (const deadline = performance.now() + READY_TIMEOUT_MS; ;) {
    if (spawned.hasExited()) throw spawnFailure('PostgreSQL', spec.binaries.postgres, spawned, spec.user);
    if (signal?.aborted) {
      logger.info({ postgresPid: handle.pid, shutdown: await handle.stop() }, 'stopped the PostgreSQL being started');
      throw signal.reason;
    }
    const pidFile = await readPidFile(spec.clusterDir);
    // A hot standby reports `standby` once it accepts read-only connections.
    const accepting = pidFile?.status === 'ready' || pidFile?.status === 'standby';
    if (pidFile && pidFile.pid === child.pid && accepting) return handle;
    if (performance.now() > deadline) {
      await handle.stop();
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL in ${spec.clusterDir} did not accept connections within ${READY_TIMEOUT_MS / 1000} s: ${spawned.tail() || 'no output'}; run with LOG_LEVEL=debug to see its log.`,
      );
    }
    await sleep(25);
  }
}
