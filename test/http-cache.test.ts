import { createHash } from 'node:crypto';
import { type AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { poolOf } from '../src/db/data-source';
import { useTestDatabase } from './helpers/database';

interface RunningApp {
  app: App;
  base: string;
}

/** Starts the real app on the test database for the enclosing block, with extra environment. */
function useApp(databaseUrl: () => string, env: NodeJS.ProcessEnv = {}): RunningApp {
  const running = {} as RunningApp;
  beforeAll(async () => {
    const config = loadConfig({ DATABASE_URL: databaseUrl(), NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
    const app = await createApp(config, pino({ level: 'silent' }));
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    Object.assign(running, { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` });
  });
  afterAll(async () => {
    await running.app?.close();
  });
  return running;
}

const PREFLIGHT = { 'apollo-require-preflight': 'true' };
const TITLE_QUERY = '{ event(slug: "icc-arrest-warrant-putin") { title(lang: "en") } }';
const SLUG_QUERY = 'query Event($slug: String!, $lang: String) { event(slug: $slug) { slug title(lang: $lang) } }';
const VERSION_READ = 'SELECT version FROM data_version';

/** A GET of /graphql with `params` in the given order, preflight header included unless overridden. */
function get(base: string, params: [string, string][], headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/graphql?${new URLSearchParams(params).toString()}`, { headers: { ...PREFLIGHT, ...headers } });
}

function persisted(query: string): string {
  const sha256Hash = createHash('sha256').update(query).digest('hex');
  return JSON.stringify({ persistedQuery: { version: 1, sha256Hash } });
}

/** Status, the caching headers and the body text of a response. */
async function cachingOf(response: Response) {
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    cacheControl: response.headers.get('cache-control'),
    vary: response.headers.get('vary'),
    body: await response.text(),
  };
}

describe('HTTP caching of GraphQL GET requests', () => {
  const database = useTestDatabase();
  const server = useApp(() => database.url);

  /** The SQL statements the app's pool receives while `work` runs. */
  async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
    const spy = jest.spyOn(poolOf(server.app.database.dataSource), 'query');
    try {
      await work();
      // The rate limiter counts in the same primary's rate_limit table; only the cache's statements matter here.
      return spy.mock.calls
        .map(([text]) => (typeof text === 'string' ? text : (text as { text: string }).text))
        .filter((text) => !text.includes('"rate_limit"'));
    } finally {
      spy.mockRestore();
    }
  }

  it('gives a successful GET a weak ETag, Cache-Control and Vary: Accept', async () => {
    const answer = await cachingOf(await get(server.base, [['query', TITLE_QUERY]]));
    expect(answer).toEqual({
      status: 200,
      etag: expect.stringMatching(/^W\/"[A-Za-z0-9_-]{43}"$/),
      cacheControl: 'public, no-cache',
      vary: 'Accept',
      body: expect.stringContaining('"title"'),
    });
  });

  it('answers a GET whose ETag the client holds with 304, an empty body and only the version read', async () => {
    const first = await cachingOf(await get(server.base, [['query', TITLE_QUERY]]));
    let revalidated: Awaited<ReturnType<typeof cachingOf>> | undefined;
    const statements = await statementsDuring(async () => {
      revalidated = await cachingOf(await get(server.base, [['query', TITLE_QUERY]], { 'if-none-match': first.etag! }));
    });
    expect(revalidated).toEqual({
      status: 304,
      etag: first.etag,
      cacheControl: 'public, no-cache',
      vary: 'Accept',
      body: '',
    });
    expect(statements).toEqual([VERSION_READ]);
  });

  it('runs the operation when the ETag the client holds is another one', async () => {
    const statements = await statementsDuring(async () => {
      const response = await get(server.base, [['query', TITLE_QUERY]], { 'if-none-match': 'W/"stale", "other"' });
      expect(response.status).toBe(200);
    });
    expect(statements[0]).toBe(VERSION_READ);
    expect(statements.length).toBeGreaterThan(1);
  });

  it('matches If-None-Match weakly, among several tags', async () => {
    const { etag } = await cachingOf(await get(server.base, [['query', TITLE_QUERY]]));
    const strong = etag!.replace(/^W\//, '');
    const response = await get(server.base, [['query', TITLE_QUERY]], { 'if-none-match': `"stale", ${strong}` });
    expect(response.status).toBe(304);
  });

  it('changes the ETag after a write to the data, and answers the old one with 200 and the new data', async () => {
    const before = await cachingOf(await get(server.base, [['query', TITLE_QUERY]]));
    await database.pool.query(
      `UPDATE event SET titles = titles || '{"en": "ICC warrant (edited)"}' WHERE slug = 'icc-arrest-warrant-putin'`,
    );
    const after = await cachingOf(await get(server.base, [['query', TITLE_QUERY]], { 'if-none-match': before.etag! }));
    expect(after).toMatchObject({ status: 200, cacheControl: 'public, no-cache' });
    expect(after.etag).not.toBe(before.etag);
    expect(JSON.parse(after.body)).toEqual({
      data: { event: { title: 'ICC warrant (edited)' } },
      extensions: { cost: { requested: 1, limit: 500_000 } },
    });
  });

  it.each([
    ['place', 'UPDATE place SET latitude = latitude'],
    ['actor', 'UPDATE actor SET aliases = aliases'],
    ['source', 'UPDATE source SET author = author'],
    ['participation', 'UPDATE participation SET note = note'],
    ['citation', 'UPDATE citation SET note = note'],
    ['event_relation', 'UPDATE event_relation SET type = type'],
  ])('changes the ETag after a statement on %s', async (_table, sql) => {
    const before = (await get(server.base, [['query', TITLE_QUERY]])).headers.get('etag');
    await database.pool.query(sql);
    const after = (await get(server.base, [['query', TITLE_QUERY]])).headers.get('etag');
    expect(after).not.toBe(before);
  });

  it('serves an automatic persisted query by hash with the same ETag as the query text', async () => {
    const extensions = persisted(SLUG_QUERY);
    const variables = JSON.stringify({ slug: 'xi-leaves-moscow' });
    const registered = await cachingOf(
      await get(server.base, [
        ['query', SLUG_QUERY],
        ['variables', variables],
        ['extensions', extensions],
      ]),
    );
    expect(registered).toMatchObject({ status: 200, cacheControl: 'public, no-cache' });

    const byHash = await cachingOf(
      await get(server.base, [
        ['extensions', extensions],
        ['variables', variables],
      ]),
    );
    expect(byHash).toEqual(registered);
    expect(JSON.parse(byHash.body)).toMatchObject({ data: { event: { slug: 'xi-leaves-moscow' } } });

    const revalidated = await get(
      server.base,
      [
        ['extensions', extensions],
        ['variables', variables],
      ],
      { 'if-none-match': registered.etag! },
    );
    expect(revalidated.status).toBe(304);
  });

  it('registers a persisted query by POST, then serves it by GET with an ETag', async () => {
    const query = '{ event(slug: "xi-putin-formal-talks") { slug } }';
    const extensions = persisted(query);
    const posted = await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions: JSON.parse(extensions) as unknown }),
    });
    expect(posted.status).toBe(200);
    const byHash = await cachingOf(await get(server.base, [['extensions', extensions]]));
    expect(byHash).toMatchObject({
      status: 200,
      etag: expect.stringMatching(/^W\//),
      cacheControl: 'public, no-cache',
      body: '{"data":{"event":{"slug":"xi-putin-formal-talks"}},"extensions":{"cost":{"requested":1,"limit":500000}}}\n',
    });
  });

  it('gives different variables different ETags, whatever the order of parameters and JSON keys', async () => {
    const etagOf = async (params: [string, string][]) => (await get(server.base, params)).headers.get('etag');
    const moscow = await etagOf([
      ['query', SLUG_QUERY],
      ['operationName', 'Event'],
      ['variables', '{"slug":"xi-leaves-moscow","lang":"en"}'],
    ]);
    const reordered = await etagOf([
      ['variables', '{ "lang": "en", "slug": "xi-leaves-moscow" }'],
      ['operationName', 'Event'],
      ['query', SLUG_QUERY],
    ]);
    const talks = await etagOf([
      ['query', SLUG_QUERY],
      ['operationName', 'Event'],
      ['variables', '{"slug":"xi-putin-formal-talks","lang":"en"}'],
    ]);
    expect(moscow).toMatch(/^W\//);
    expect(reordered).toBe(moscow);
    expect(talks).not.toBe(moscow);
  });

  it('gives each Accept its own ETag, since the content type depends on it', async () => {
    const json = await get(server.base, [['query', TITLE_QUERY]], { accept: 'application/json' });
    const graphql = await get(server.base, [['query', TITLE_QUERY]], { accept: 'application/graphql-response+json' });
    expect(graphql.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(graphql.headers.get('etag')).not.toBe(json.headers.get('etag'));
  });

  it.each([
    ['an error raised by a resolver', [['query', '{ node(id: "nope") { id } }']], 200],
    ['a validation error', [['query', '{ timelin { totalCount } }']], 400],
    ['an unknown persisted query', [['extensions', persisted('{ unknown }')]], 200],
    [
      'invalid variables JSON',
      [
        ['query', SLUG_QUERY],
        ['variables', '{slug'],
      ],
      400,
    ],
  ] as [string, [string, string][], number][])(
    'does not let a response with %s be stored',
    async (_label, params, status) => {
      const answer = await cachingOf(await get(server.base, params));
      expect(answer).toMatchObject({ status, etag: null, cacheControl: 'no-store', vary: null });
      expect(JSON.parse(answer.body)).toHaveProperty('errors');
    },
  );

  it('answers a POST with no-store and no ETag, even with If-None-Match', async () => {
    const { etag } = await cachingOf(await get(server.base, [['query', TITLE_QUERY]]));
    const statements = await statementsDuring(async () => {
      const answer = await cachingOf(
        await fetch(`${server.base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'if-none-match': etag! },
          body: JSON.stringify({ query: TITLE_QUERY }),
        }),
      );
      expect(answer).toMatchObject({ status: 200, etag: null, cacheControl: 'no-store' });
    });
    expect(statements).not.toContain(VERSION_READ);
  });

  it('blocks a GET without a preflight header as CSRF even when it carries a current ETag', async () => {
    const { etag } = await cachingOf(await get(server.base, [['query', TITLE_QUERY]]));
    const response = await fetch(`${server.base}/graphql?query=${encodeURIComponent(TITLE_QUERY)}`, {
      headers: { 'if-none-match': etag! },
    });
    expect(await cachingOf(response)).toMatchObject({ status: 400, etag: null, cacheControl: 'no-store' });
  });

  it('accepts content-type: application/json instead of apollo-require-preflight', async () => {
    const { etag } = await cachingOf(await get(server.base, [['query', TITLE_QUERY]]));
    const response = await fetch(`${server.base}/graphql?query=${encodeURIComponent(TITLE_QUERY)}`, {
      headers: { 'content-type': 'application/json', 'if-none-match': etag! },
    });
    expect(response.status).toBe(304);
  });
});

describe('HTTP caching with CACHE_MAX_AGE', () => {
  const database = useTestDatabase();
  const server = useApp(() => database.url, { CACHE_MAX_AGE: '60' });

  it('lets caches reuse a response for CACHE_MAX_AGE seconds, then revalidate', async () => {
    const answer = await cachingOf(await get(server.base, [['query', TITLE_QUERY]]));
    expect(answer).toMatchObject({ status: 200, cacheControl: 'public, max-age=60, must-revalidate', vary: 'Accept' });
    const revalidated = await get(server.base, [['query', TITLE_QUERY]], { 'if-none-match': answer.etag! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('cache-control')).toBe('public, max-age=60, must-revalidate');
  });
});
