import { once } from 'node:events';
import { spawnTypeScript } from './typescript-process';

/** An embedded PostgreSQL run by a helper process, for tests that stop and start a database. */
export interface PostgresProcess {
  /** Connection URL of the server's `postgres` maintenance database. */
  readonly adminUrl: string;
  /** Stops the server (a fast shutdown) and waits until its helper process has exited. */
  stop(): Promise<void>;
}

/**
 * The helper: starts the server with src/db/embedded-postgres.ts, prints its URL, and stops it on
 * SIGTERM or when the test process goes away (its stdin closes). A process of its own, so that a
 * test can stop and start the database as an independent server, not one its app supervises.
 */
const HELPER = `
const { pino } = require('pino');
const { startEmbeddedPostgres } = require('./src/db/embedded-postgres.ts');
const logger = pino({ level: 'silent' });
startEmbeddedPostgres(process.env.PG_DATA_DIR, logger, { port: Number(process.env.PG_PORT) }).then(
  (handle) => {
    let stopping;
    const stop = () => (stopping ??= handle.stop().then(() => process.exit(0)));
    process.on('SIGTERM', stop);
    process.stdin.on('end', stop);
    process.stdin.resume();
    process.stdout.write(JSON.stringify({ adminUrl: handle.adminUrl }) + '\\n');
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
`;

/** Starts (initialising on first use) an embedded PostgreSQL with its data in `dataDir`, on `port`. */
export async function startPostgresProcess(dataDir: string, port: number): Promise<PostgresProcess> {
  const child = spawnTypeScript(HELPER, { PG_DATA_DIR: dataDir, PG_PORT: String(port) });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = once(child, 'exit');
  const adminUrl = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const line = output.split('\n').find((text) => text.startsWith('{"adminUrl"'));
      if (line) resolve((JSON.parse(line) as { adminUrl: string }).adminUrl);
    });
    child.once('exit', (code) => reject(new Error(`the PostgreSQL helper exited with ${code}:\n${output}`)));
  });
  return {
    adminUrl,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
