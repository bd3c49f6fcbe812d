import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CountingSqlClient } from '../src/db/sql-client';
import { parsePersistedCommand, runPersistedCommand } from '../src/persisted/persisted-command';
import { startAppServer, useAppServer } from './helpers/app-server';
import { useTestDatabase } from './helpers/database';

const database = useTestDatabase();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const TRUSTED = 'query TrustedPage { timeline(first: 2) { edges { node { slug } } } }';
const OTHER = '{ timeline(first: 3) { edges { node { slug } } } }';

async function manifestFile(manifest: unknown): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'annals-manifest-')), 'persisted-documents.json');
  await writeFile(file, JSON.stringify(manifest));
  return file;
}

const run = async (...args: string[]) =>
  runPersistedCommand(new CountingSqlClient(database.pool), parsePersistedCommand(args));

function getByHash(base: string, hash: string) {
  const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });
  return fetch(`${base}/graphql?${new URLSearchParams({ extensions })}`, {
    headers: { 'apollo-require-preflight': 'true' },
  });
}

function post(base: string, body: unknown) {
  return fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const codeOf = async (response: Response) =>
  ((await response.json()) as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code;

describe('npm run persisted', () => {
  it("registers a client's manifest as trusted and lists it", async () => {
    const registered = await run('register', await manifestFile({ [sha256(TRUSTED)]: TRUSTED }));
    expect(registered).toEqual({ stdout: 'registered 1 trusted documents (1 new)\n', stderr: '', exitCode: 0 });
    const listed = await run('list');
    expect(listed.stdout).toContain(`${sha256(TRUSTED)}  trusted`);
  });

  it('registers nothing from a manifest with a hash that is not the SHA-256 of its document', async () => {
    const manifest = { [sha256(OTHER)]: OTHER, ['0'.repeat(40)]: '{ viewer { name } }' };
    const result = await run('register', await manifestFile(manifest));
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("not the SHA-256 of its document (set hashAlgorithm: 'sha256'");
    expect((await run('list')).stdout).not.toContain(sha256(OTHER));
  });

  it('removes a document and says which hashes were not registered', async () => {
    await run('register', await manifestFile({ [sha256(OTHER)]: OTHER }));
    expect(await run('remove', sha256(OTHER), 'f'.repeat(64))).toEqual({
      stdout: 'removed 1 documents\n',
      stderr: `not registered: ${'f'.repeat(64)}\n`,
      exitCode: 1,
    });
  });
});

describe('PERSISTED_QUERIES=trusted', () => {
  const server = useAppServer(() => ({
    DATABASE_URL: database.url,
    PERSISTED_QUERIES: 'trusted',
    RATE_LIMIT_PER_MINUTE: '0',
  }));
  beforeAll(async () => {
    await run('register', await manifestFile({ [sha256(TRUSTED)]: TRUSTED }));
  });

  it('runs a registered document sent by its hash alone or by its text', async () => {
    const byHash = await getByHash(server.base, sha256(TRUSTED));
    expect(byHash.status).toBe(200);
    const byText = await post(server.base, { query: TRUSTED });
    expect(await byText.json()).toEqual(await byHash.json());
  });

  it('refuses any other operation, and an attempt to register one, with 400 OPERATION_NOT_TRUSTED', async () => {
    const answers = [
      await post(server.base, { query: OTHER }),
      await getByHash(server.base, sha256(OTHER)),
      await post(server.base, {
        query: OTHER,
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256(OTHER) } },
      }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400]);
    expect(await Promise.all(answers.map(codeOf))).toEqual([
      'OPERATION_NOT_TRUSTED',
      'OPERATION_NOT_TRUSTED',
      'OPERATION_NOT_TRUSTED',
    ]);
    expect((await run('list')).stdout).not.toContain(sha256(OTHER));
  });
});

describe('automatic persisted queries', () => {
  it('are kept in PostgreSQL: a query registered before a restart is found by its hash after it', async () => {
    const query = '{ timeline(first: 4) { edges { node { slug } } } }';
    const env = { DATABASE_URL: database.url, RATE_LIMIT_PER_MINUTE: '0' };
    const first = await startAppServer(env);
    try {
      const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
      expect((await post(first.base, { query, extensions })).status).toBe(200);
    } finally {
      await first.app.close();
    }
    const second = await startAppServer(env);
    try {
      expect((await getByHash(second.base, sha256(query))).status).toBe(200);
    } finally {
      await second.app.close();
    }
  });
});
