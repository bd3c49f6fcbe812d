import { createHash } from 'node:crypto';
import { type AddressInfo } from 'node:net';
import { type GraphQLFormattedError } from 'graphql';
import { pino } from 'pino';
import { createApp, type App } from '../src/app';
import { generateToken, hashToken, roleAllows } from '../src/auth/api-token';
import { RequestAuth } from '../src/auth/request-auth';
import { parseTokenCommand, runTokenCommand } from '../src/auth/token-command';
import {
  createToken,
  DuplicateTokenNameError,
  findActiveToken,
  listTokens,
  revokeToken,
} from '../src/auth/token.queries';
import { loadConfig } from '../src/config';
import { CountingSqlClient } from '../src/db/sql-client';
import { useTestDatabase } from './helpers/database';
import { errorCodes, useGraphQL } from './helpers/graphql';

const database = useTestDatabase();
const execute = useGraphQL(database);

function sql(): CountingSqlClient {
  return new CountingSqlClient(database.pool);
}

let names = 0;
/** A token name no other test uses. */
function uniqueName(label: string): string {
  names += 1;
  return `${label} ${names}`;
}

describe('API tokens', () => {
  it('are stored only as their SHA-256 hash; the plaintext appears nowhere in api_token', async () => {
    const name = uniqueName('hash');
    const created = await createToken(sql(), { name, role: 'EDITOR' });
    const rows = await sql().query<{ tokenHash: Buffer; row: string; containsToken: boolean }>(
      `SELECT token_hash AS "tokenHash", t::text AS row,
              position(convert_to($2, 'UTF8') IN t.token_hash) > 0 AS "containsToken"
         FROM api_token t WHERE name = $1`,
      [name, created.token],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash.equals(createHash('sha256').update(created.token).digest())).toBe(true);
    expect(rows[0]!.row).not.toContain(created.token);
    expect(rows[0]!.row).not.toContain(created.token.slice('annals_'.length));
    expect(rows[0]!.containsToken).toBe(false);
  });

  it('are random: annals_ and 32 bytes in base64url, never repeated', async () => {
    const tokens = Array.from({ length: 200 }, generateToken);
    for (const token of tokens) expect(token).toMatch(/^annals_[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
    const [a, b] = await Promise.all([
      createToken(sql(), { name: uniqueName('random'), role: 'EDITOR' }),
      createToken(sql(), { name: uniqueName('random'), role: 'EDITOR' }),
    ]);
    expect(a.token).not.toBe(b.token);
  });

  it('hash to the SHA-256 digest of their text', () => {
    expect(hashToken('annals_x').toString('hex')).toBe(createHash('sha256').update('annals_x').digest('hex'));
  });

  it('refuse a second active token with the same name', async () => {
    const name = uniqueName('duplicate');
    await createToken(sql(), { name, role: 'EDITOR' });
    await expect(createToken(sql(), { name, role: 'ADMIN' })).rejects.toThrow(DuplicateTokenNameError);
  });

  it('are no longer found once revoked, and revoke only once', async () => {
    const name = uniqueName('revoke');
    const created = await createToken(sql(), { name, role: 'ADMIN' });
    expect(await findActiveToken(sql(), created.token)).toEqual({ id: expect.any(String), name, role: 'ADMIN' });
    expect(await revokeToken(sql(), name)).toBe(true);
    expect(await findActiveToken(sql(), created.token)).toBeNull();
    expect(await revokeToken(sql(), name)).toBe(false);
  });

  it('let a revoked token name be used again, with only the new token valid', async () => {
    const name = uniqueName('reuse');
    const first = await createToken(sql(), { name, role: 'EDITOR' });
    await revokeToken(sql(), name);
    const second = await createToken(sql(), { name, role: 'ADMIN' });
    expect(await findActiveToken(sql(), first.token)).toBeNull();
    expect(await findActiveToken(sql(), second.token)).toMatchObject({ name, role: 'ADMIN' });
  });

  it('are listed with name, role and dates but never a hash', async () => {
    const name = uniqueName('list');
    await createToken(sql(), { name, role: 'EDITOR' });
    await revokeToken(sql(), name);
    const listed = await listTokens(sql());
    expect(listed.find((token) => token.name === name)).toEqual({
      name,
      role: 'EDITOR',
      createdAt: expect.any(Date),
      revokedAt: expect.any(Date),
    });
    for (const token of listed) expect(Object.keys(token).sort()).toEqual(['createdAt', 'name', 'revokedAt', 'role']);
  });

  it('are unknown when nothing matches, without error', async () => {
    expect(await findActiveToken(sql(), generateToken())).toBeNull();
  });
});

describe('roles', () => {
  it('let ADMIN do what EDITOR may, but not the reverse', () => {
    expect(roleAllows('ADMIN', 'EDITOR')).toBe(true);
    expect(roleAllows('ADMIN', 'ADMIN')).toBe(true);
    expect(roleAllows('EDITOR', 'EDITOR')).toBe(true);
    expect(roleAllows('EDITOR', 'ADMIN')).toBe(false);
  });
});

describe('the token command', () => {
  it('parses create, revoke and list', () => {
    expect(parseTokenCommand(['create', '--role', 'editor', '--name', 'Jane Doe'])).toEqual({
      kind: 'create',
      role: 'EDITOR',
      name: 'Jane Doe',
    });
    expect(parseTokenCommand(['create', '--name=ops', '--role=ADMIN'])).toEqual({
      kind: 'create',
      role: 'ADMIN',
      name: 'ops',
    });
    expect(parseTokenCommand(['revoke', 'ops'])).toEqual({ kind: 'revoke', name: 'ops' });
    expect(parseTokenCommand(['list'])).toEqual({ kind: 'list' });
    expect(parseTokenCommand(['--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], 'A command is needed.'],
    [['rotate'], 'Unknown command "rotate".'],
    [['create', '--name', 'x'], 'create needs --role editor|admin.'],
    [['create', '--role', 'editor'], 'create needs --name <who>.'],
    [['create', '--role', 'owner', '--name', 'x'], 'Unknown role "owner"; use editor or admin.'],
    [['create', '--role', 'editor', '--name'], '--name needs a value.'],
    [['create', '--role', 'editor', '--name', '  '], 'A token name must not be empty.'],
    [['create', '--role', 'editor', '--name', 'x'.repeat(101)], 'A token name has at most 100 characters.'],
    [['create', '--role', 'editor', '--role', 'admin', '--name', 'x'], '--role is given twice.'],
    [['create', '--role', 'editor', '--name', 'x', 'extra'], 'Unexpected argument "extra" for create.'],
    [['revoke'], 'revoke takes exactly one token name.'],
    [['revoke', 'a', 'b'], 'revoke takes exactly one token name.'],
    [['list', 'all'], 'list takes no arguments.'],
  ])('refuses %j with a usage error', (args, message) => {
    expect(() => parseTokenCommand(args)).toThrow(expect.objectContaining({ name: 'TokenUsageError', message }));
  });

  it('prints a created token once, says it will not be shown again and how to send it', async () => {
    const name = uniqueName('cli');
    const result = await runTokenCommand(sql(), { kind: 'create', role: 'EDITOR', name });
    const token = /annals_[A-Za-z0-9_-]{43}/.exec(result.stdout)![0];
    expect(result).toMatchObject({ stderr: '', exitCode: 0 });
    expect(result.stdout).toContain('will not be shown again');
    expect(result.stdout).toContain(`Authorization: Bearer ${token}`);
    expect(await findActiveToken(sql(), token)).toMatchObject({ name, role: 'EDITOR' });
  });

  it('reports a duplicate name and an unknown revoke on stderr with exit code 1', async () => {
    const name = uniqueName('cli duplicate');
    await runTokenCommand(sql(), { kind: 'create', role: 'EDITOR', name });
    const duplicate = await runTokenCommand(sql(), { kind: 'create', role: 'ADMIN', name });
    expect(duplicate).toEqual({ stdout: '', stderr: expect.stringContaining('is already named'), exitCode: 1 });
    const unknown = await runTokenCommand(sql(), { kind: 'revoke', name: uniqueName('nobody') });
    expect(unknown).toEqual({ stdout: '', stderr: expect.stringContaining('No active token'), exitCode: 1 });
  });

  it('revokes and lists without printing any token or hash', async () => {
    const name = uniqueName('cli list');
    const created = await runTokenCommand(sql(), { kind: 'create', role: 'ADMIN', name });
    const token = /annals_[A-Za-z0-9_-]{43}/.exec(created.stdout)![0];
    expect(await runTokenCommand(sql(), { kind: 'revoke', name })).toMatchObject({ exitCode: 0 });
    const listed = await runTokenCommand(sql(), { kind: 'list' });
    expect(listed.stdout).toMatch(new RegExp(`^${name}\\tADMIN\\tcreated \\S+\\trevoked \\S+$`, 'm'));
    expect(listed.stdout).not.toContain('annals_');
    expect(listed.stdout).not.toContain(hashToken(token).toString('hex'));
  });
});

describe('RequestAuth', () => {
  let editor: string;
  let admin: string;
  let revoked: string;
  beforeAll(async () => {
    editor = (await createToken(sql(), { name: 'auth editor', role: 'EDITOR' })).token;
    admin = (await createToken(sql(), { name: 'auth admin', role: 'ADMIN' })).token;
    revoked = (await createToken(sql(), { name: 'auth revoked', role: 'ADMIN' })).token;
    await revokeToken(sql(), 'auth revoked');
  });

  it('sends no SQL for a request that never asks who it is', async () => {
    const counting = sql();
    new RequestAuth(`Bearer ${editor}`, counting);
    expect(counting.statements).toBe(0);
    const query = '{ event(slug: "icc-arrest-warrant-putin") { slug } }';
    const anonymous = await execute(query);
    const authorized = await execute(query, {}, { authorization: `Bearer ${editor}` });
    expect(authorized).toEqual(anonymous);
  });

  it('looks the token up at most once per request', async () => {
    const counting = sql();
    const auth = new RequestAuth(`Bearer ${editor}`, counting);
    await auth.viewer();
    await auth.requireRole('EDITOR');
    await auth.requireRole('EDITOR');
    expect(counting.statements).toBe(1);
  });

  it('gives the author of a valid token', async () => {
    const auth = new RequestAuth(`Bearer ${editor}`, sql());
    const author = { tokenId: expect.stringMatching(/^\d+$/), name: 'auth editor', role: 'EDITOR' };
    expect(await auth.viewer()).toEqual(author);
    expect(await auth.requireRole('EDITOR')).toEqual(author);
  });

  it('accepts the Bearer scheme in any case', async () => {
    expect(await new RequestAuth(`bearer ${editor}`, sql()).viewer()).toMatchObject({ name: 'auth editor' });
  });

  it('refuses a write without a header as UNAUTHENTICATED, saying how to get a token', async () => {
    const auth = new RequestAuth(undefined, sql());
    expect(await auth.viewer()).toBeNull();
    await expect(auth.requireRole('EDITOR')).rejects.toMatchObject({
      message: expect.stringContaining('`Authorization: Bearer <token>`'),
      extensions: { code: 'UNAUTHENTICATED' },
    });
    await expect(auth.requireRole('EDITOR')).rejects.toMatchObject({
      message: expect.stringContaining('npm run token -- create'),
    });
  });

  it.each([
    ['a header that is not Bearer', () => `Basic ${Buffer.from('a:b').toString('base64')}`, 'must be `Bearer <token>`'],
    ['a Bearer header without a token', () => 'Bearer ', 'must be `Bearer <token>`'],
    ['an unknown token', () => `Bearer ${generateToken()}`, 'unknown or has been revoked'],
    ['a revoked token', () => `Bearer ${revoked}`, 'unknown or has been revoked'],
  ])('refuses %s as UNAUTHENTICATED', async (_case, header, message) => {
    const auth = new RequestAuth(header(), sql());
    const refusal = { message: expect.stringContaining(message), extensions: { code: 'UNAUTHENTICATED' } };
    await expect(auth.viewer()).rejects.toMatchObject(refusal);
    await expect(auth.requireRole('EDITOR')).rejects.toMatchObject(refusal);
  });

  it('refuses an EDITOR token what needs ADMIN as FORBIDDEN, naming both roles', async () => {
    await expect(new RequestAuth(`Bearer ${editor}`, sql()).requireRole('ADMIN')).rejects.toMatchObject({
      message: 'This needs the ADMIN role; the token "auth editor" has the EDITOR role.',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('lets an ADMIN token do what needs EDITOR', async () => {
    expect(await new RequestAuth(`Bearer ${admin}`, sql()).requireRole('EDITOR')).toMatchObject({
      name: 'auth admin',
      role: 'ADMIN',
    });
  });

  it('answers viewer in-process with the token given to the context', async () => {
    expect(await execute('{ viewer { name role } }', {}, { authorization: `Bearer ${admin}` })).toEqual({
      data: { viewer: { name: 'auth admin', role: 'ADMIN' } },
      sqlStatements: 1,
    });
  });
});

describe('the viewer query and mutations over HTTP', () => {
  let app: App;
  let base: string;
  let valid: string;
  let revoked: string;
  beforeAll(async () => {
    app = await createApp(
      loadConfig({ DATABASE_URL: database.url, NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
      pino({ level: 'silent' }),
    );
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    valid = (await createToken(sql(), { name: 'http editor', role: 'EDITOR' })).token;
    revoked = (await createToken(sql(), { name: 'http revoked', role: 'ADMIN' })).token;
    await revokeToken(sql(), 'http revoked');
  });
  afterAll(async () => {
    await app?.close();
  });

  async function viewer(headers: Record<string, string> = {}) {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ viewer { name role } }' }),
    });
    return (await response.json()) as { data?: unknown; errors?: GraphQLFormattedError[] };
  }

  it('returns the name and role of a valid Bearer token', async () => {
    expect(await viewer({ authorization: `Bearer ${valid}` })).toEqual({
      data: { viewer: { name: 'http editor', role: 'EDITOR' } },
      extensions: { cost: { requested: 1, limit: 500_000 } },
    });
  });

  it('refuses a revoked token as UNAUTHENTICATED', async () => {
    const result = await viewer({ authorization: `Bearer ${revoked}` });
    expect(result.data).toEqual({ viewer: null });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });

  it('returns null without an Authorization header', async () => {
    expect(await viewer()).toEqual({ data: { viewer: null }, extensions: { cost: { requested: 1, limit: 500_000 } } });
  });

  it('never marks a response to a request with a token as cacheable', async () => {
    const query = encodeURIComponent('{ viewer { name } }');
    const response = await fetch(`${base}/graphql?query=${query}`, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${valid}` },
    });
    expect(await response.json()).toEqual({
      data: { viewer: { name: 'http editor' } },
      extensions: { cost: { requested: 1, limit: 500_000 } },
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
  });

  async function mutate(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response data is inspected loosely
    const body = (await response.json()) as { data?: any; errors?: GraphQLFormattedError[] };
    return { status: response.status, body };
  }

  const UPDATE = `mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { slug revision tags } } }`;
  const DELETE = `mutation ($input: DeleteEventInput!) { deleteEvent(input: $input) { deletedEventId } }`;

  async function eventId(slug: string): Promise<string> {
    const { body } = await mutate(`query ($slug: String) { event(slug: $slug) { id } }`, { slug });
    return body.data.event.id as string;
  }

  it('refuses a mutation without an Authorization header as UNAUTHENTICATED and changes nothing', async () => {
    const id = await eventId('xi-leaves-moscow');
    const { status, body } = await mutate(UPDATE, { input: { id, tags: ['unauthenticated'] } });
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(errorCodes(body)).toEqual(['UNAUTHENTICATED']);
    const { body: after } = await mutate(`{ event(slug: "xi-leaves-moscow") { revision tags } }`, {});
    expect(after.data.event.tags).not.toContain('unauthenticated');
  });

  it('applies a mutation sent with an EDITOR token and records the token name as the author', async () => {
    const id = await eventId('xi-leaves-moscow');
    const { body } = await mutate(UPDATE, { input: { id, tags: ['over-http'] } }, { authorization: `Bearer ${valid}` });
    expect(body).toEqual({
      data: { updateEvent: { event: { slug: 'xi-leaves-moscow', revision: 2, tags: ['over-http'] } } },
      extensions: { cost: { requested: 2, limit: 500_000 }, lsn: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/) },
    });
    const { body: history } = await mutate(
      `{ event(slug: "xi-leaves-moscow") { history(first: 1) { nodes { author action } } } }`,
      {},
    );
    expect(history.data.event.history.nodes).toEqual([{ author: 'http editor', action: 'UPDATE' }]);
  });

  it('refuses a deletion with an EDITOR token as FORBIDDEN, and with a revoked token as UNAUTHENTICATED', async () => {
    const id = await eventId('xi-leaves-moscow');
    expect(errorCodes((await mutate(DELETE, { input: { id } }, { authorization: `Bearer ${valid}` })).body)).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes((await mutate(DELETE, { input: { id } }, { authorization: `Bearer ${revoked}` })).body)).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect((await mutate(`{ event(slug: "xi-leaves-moscow") { slug } }`, {})).body.data.event).toEqual({
      slug: 'xi-leaves-moscow',
    });
  });
});
