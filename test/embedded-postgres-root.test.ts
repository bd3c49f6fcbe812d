import { existsSync, lstatSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { EmbeddedPostgresError } from '../src/db/embedded-postgres-error';
import { packagedBinaries } from '../src/db/postgres-binaries';
import { relocatedClusterDir } from '../src/db/postgres-cluster-location';
import { capturingLogger } from './helpers/app-server';
import { freePort, postgresProcessesUnder, spawnServer } from './helpers/server-process';

async function query<Row>(url: string, text: string): Promise<Row[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as Row[];
  } finally {
    await client.end();
  }
}

// PostgreSQL runs as the user `postgres` only when Annals runs as root, as it does in CI.
const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

asRoot('the embedded PostgreSQL started as root from a folder only root can enter', () => {
  /** Mode 0700, as /root is: the user `postgres` cannot pass through it. */
  let privateDir: string;
  /** Stands for /var/lib/annals. */
  let systemDir: string;
  /** The package's binaries, reached through the private folder as from a checkout in /root. */
  let nativeDir: string;
  beforeAll(async () => {
    privateDir = await mkdtemp(path.join(os.tmpdir(), 'annals-private-'));
    await chmod(privateDir, 0o700);
    nativeDir = path.join(privateDir, 'node_modules-native');
    await symlink(packagedBinaries().nativeDir, nativeDir);
    const systemParent = await mkdtemp(path.join(os.tmpdir(), 'annals-system-'));
    await chmod(systemParent, 0o755);
    systemDir = path.join(systemParent, 'var-lib-annals');
  });
  afterAll(async () => {
    await rm(privateDir, { recursive: true, force: true });
    await rm(path.dirname(systemDir), { recursive: true, force: true });
  });

  it('runs copies of the binaries and a cluster kept outside it, says where, and keeps the data across restarts', async () => {
    const dataDir = path.join(privateDir, 'checkout', '.annals');
    const { logger, lines } = capturingLogger();
    const first = await startEmbeddedPostgres(dataDir, logger, { systemDir, nativeDir });
    const clusterDir = relocatedClusterDir(dataDir, systemDir);
    try {
      expect(first.clusterDir).toBe(clusterDir);
      expect(clusterDir).toMatch(new RegExp(`^${systemDir}/clusters/annals-[0-9a-f]{12}/pg$`));
      await query(first.adminUrl, `CREATE TABLE kept (note text); INSERT INTO kept VALUES ('before the restart')`);
      expect(await query(first.adminUrl, 'SHOW data_directory')).toEqual([{ data_directory: clusterDir }]);
    } finally {
      await first.stop();
    }
    expect(postgresProcessesUnder(clusterDir)).toEqual([]);
    const copy = path.join(systemDir, `postgres-${packagedBinaries().release}`);
    expect(existsSync(path.join(copy, 'bin', 'postgres'))).toBe(true);
    expect(lstatSync(copy).isDirectory()).toBe(true);
    expect(
      lines.find((line) => line.msg === 'copied the PostgreSQL binaries where the postgres user can reach them'),
    ).toMatchObject({ from: nativeDir, to: copy });
    expect(lines.find((line) => line.binaries !== undefined)).toMatchObject({
      msg: 'the postgres user cannot reach this checkout: PostgreSQL runs from copies outside it',
      binaries: copy,
      clusterDir,
      dataDir,
    });

    const second = await startEmbeddedPostgres(dataDir, logger, { systemDir, nativeDir });
    try {
      expect(second.clusterDir).toBe(clusterDir);
      expect(await query(second.adminUrl, 'SELECT note FROM kept')).toEqual([{ note: 'before the restart' }]);
    } finally {
      await second.stop();
    }
    expect(postgresProcessesUnder(clusterDir)).toEqual([]);
  }, 120_000);

  it('gives another data directory a cluster of its own', async () => {
    const one = relocatedClusterDir(path.join(privateDir, 'one', '.annals'), systemDir);
    const two = relocatedClusterDir(path.join(privateDir, 'two', '.annals'), systemDir);
    expect(one).not.toBe(two);
  });

  it('refuses, in one line naming the cause and the fix, a cluster already inside the private folder', async () => {
    const dataDir = path.join(privateDir, 'older-checkout', '.annals');
    await mkdir(path.join(dataDir, 'pg'), { recursive: true });
    await writeFile(path.join(dataDir, 'pg', 'PG_VERSION'), '18\n');
    const { logger } = capturingLogger();
    const failure = await startEmbeddedPostgres(dataDir, logger, { systemDir, nativeDir }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(EmbeddedPostgresError);
    expect((failure as Error).message).toBe(
      `The embedded PostgreSQL data in ${dataDir}/pg cannot be reached by the user "postgres" (a folder above it is private); make the folders above ${dataDir} traversable (chmod o+x), or run Annals as another user.`,
    );
  });

  it('makes npm start exit 1 with that one line, no stack trace and no unhandled error', async () => {
    const dataDir = path.join(privateDir, 'older-checkout', '.annals');
    const server = spawnServer({
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_DIR: systemDir,
    });
    const exit = await server.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 1, signal: null });
    const failures = server.lines().filter((line) => (line.level as number) >= 50);
    expect(failures).toEqual([
      expect.objectContaining({
        level: 60,
        msg: expect.stringMatching(/^start-up failed: The embedded PostgreSQL data in .* \(chmod o\+x\), .*\.$/),
      }),
    ]);
    expect(failures[0]).not.toHaveProperty('err');
    expect(server.output()).not.toMatch(/^\s+at |Unhandled|node:events/m);
    expect(server.messages()).toContain('stopped');
  }, 30_000);
});
