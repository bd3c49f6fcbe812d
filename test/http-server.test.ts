import { type AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { createTestDatabase, dropTestDatabase, useTestDatabase } from './helpers/database';
import { refuses } from './helpers/raw-http';

const logger = pino({ level: 'silent' });

interface RunningApp {
  app: App;
  /** http://127.0.0.1:<port> */
  base: string;
}

/** Builds the real app on `databaseUrl` (as `npm start` would) and listens on a free port. */
async function startApp(
  databaseUrl: string,
  nodeEnv: 'test' | 'development' | 'production' = 'test',
): Promise<RunningApp> {
  const app = await createApp(
    loadConfig({ DATABASE_URL: databaseUrl, NODE_ENV: nodeEnv, LOG_LEVEL: 'silent' }),
    logger,
  );
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

/** Starts an app for the tests of the enclosing block and closes it after them. */
function useApp(databaseUrl: () => string, nodeEnv?: 'test' | 'development' | 'production'): RunningApp {
  const running = {} as RunningApp;
  beforeAll(async () => {
    Object.assign(running, await startApp(databaseUrl(), nodeEnv));
  });
  afterAll(async () => {
    await running.app?.close();
  });
  return running;
}

/** A response reduced to what the tests compare: status, the headers asked for, and the body. */
async function reply(response: Response, headers: string[] = ['content-type']) {
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text) as unknown;
  return {
    status: response.status,
    headers: Object.fromEntries(headers.map((name) => [name, response.headers.get(name)])),
    body,
  };
}

const JSON_TYPE = 'application/json; charset=utf-8';
/** Outside production (NODE_ENV=test here) Apollo adds a stacktrace to every error. */
const STACKTRACE = expect.arrayContaining([expect.any(String)]);
/** What a browser sends when it navigates to a page. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const ICC_QUERY = '{ event(slug: "icc-arrest-warrant-putin") { slug kind } }';
/** What every GraphQL response reports in `extensions.cost`: the operation's cost and the default limit. */
const cost = (requested: number) => ({ cost: { requested, limit: 500_000 } });
const ICC_DATA = {
  data: { event: { slug: 'icc-arrest-warrant-putin', kind: 'LEGAL_ACTION' } },
  extensions: cost(1),
};

function postGraphQL(base: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('the HTTP server', () => {
  const database = useTestDatabase();
  const server = useApp(() => database.url);

  it('answers a GraphQL POST with a JSON body', async () => {
    expect(await reply(await postGraphQL(server.base, { query: ICC_QUERY }))).toEqual({
      status: 200,
      headers: { 'content-type': JSON_TYPE },
      body: ICC_DATA,
    });
  });

  it('passes variables and the operation name of a POST', async () => {
    const body = {
      query: 'query A { __typename } query B($slug: String!) { event(slug: $slug) { slug } }',
      operationName: 'B',
      variables: { slug: 'xi-leaves-moscow' },
    };
    expect(await reply(await postGraphQL(server.base, body))).toEqual({
      status: 200,
      headers: { 'content-type': JSON_TYPE },
      body: { data: { event: { slug: 'xi-leaves-moscow' } }, extensions: cost(1) },
    });
  });

  it('answers a GraphQL GET that carries apollo-require-preflight', async () => {
    const response = await fetch(`${server.base}/graphql?query=${encodeURIComponent(ICC_QUERY)}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await reply(response)).toEqual({ status: 200, headers: { 'content-type': JSON_TYPE }, body: ICC_DATA });
  });

  it('answers a GraphQL GET that carries a JSON content type', async () => {
    const response = await fetch(`${server.base}/graphql?query=${encodeURIComponent(ICC_QUERY)}`, {
      headers: { 'content-type': 'application/json' },
    });
    expect(await reply(response)).toEqual({ status: 200, headers: { 'content-type': JSON_TYPE }, body: ICC_DATA });
  });

  it('blocks a GraphQL GET a browser could send cross-site, as a possible CSRF', async () => {
    const response = await fetch(`${server.base}/graphql?query=${encodeURIComponent(ICC_QUERY)}`);
    expect(await reply(response)).toEqual({
      status: 400,
      headers: { 'content-type': JSON_TYPE },
      body: {
        errors: [
          {
            message:
              "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a 'content-type' header (with a type that is not one of application/x-www-form-urlencoded, multipart/form-data, text/plain) or provide a non-empty value for one of the following headers: x-apollo-operation-name, apollo-require-preflight\n",
            extensions: { code: 'BAD_REQUEST', stacktrace: STACKTRACE },
          },
        ],
      },
    });
  });

  it('blocks a text/plain POST, which a browser form could send cross-site', async () => {
    const response = await postGraphQL(server.base, JSON.stringify({ query: ICC_QUERY }), {
      'content-type': 'text/plain',
    });
    expect(await reply(response)).toMatchObject({
      status: 400,
      body: { errors: [{ extensions: { code: 'BAD_REQUEST' } }] },
    });
  });

  it('answers a body that is not JSON with 400 and a GraphQL-style BAD_REQUEST error', async () => {
    expect(await reply(await postGraphQL(server.base, '{"query": "{ __typename }"'))).toEqual({
      status: 400,
      headers: { 'content-type': JSON_TYPE },
      body: { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] },
    });
  });

  it('answers a POST of an empty JSON object with 400 and BAD_REQUEST', async () => {
    expect(await reply(await postGraphQL(server.base, {}))).toEqual({
      status: 400,
      headers: { 'content-type': JSON_TYPE },
      body: {
        errors: [
          {
            message: 'POST body missing, invalid Content-Type, or JSON object has no keys.',
            extensions: { code: 'BAD_REQUEST', stacktrace: STACKTRACE },
          },
        ],
      },
    });
  });

  it('answers a body over a megabyte with 413', async () => {
    const response = await postGraphQL(server.base, { query: `{ __typename }${' '.repeat(1_000_001)}` });
    expect(await reply(response)).toEqual({
      status: 413,
      headers: { 'content-type': JSON_TYPE },
      body: { errors: [{ message: 'Request body exceeds 1000000 bytes.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] },
    });
  });

  it('reads a 5 MB body to its end before answering 413, so the client gets the answer and never a reset', async () => {
    const body = JSON.stringify({ query: `{ __typename }${' '.repeat(5_000_000)}` });
    const outcomes = new Map<string, number>();
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const outcome = await fetch(`${server.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }).then(
        async (response) =>
          `${response.status} ${response.headers.get('connection')} ${(await response.text()).length > 0}`,
        (error: Error) => String((error.cause as { code?: string } | undefined)?.code ?? error.message),
      );
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect(Object.fromEntries(outcomes)).toEqual({ '413 close true': 40 });
  }, 60_000);

  it('answers a document that does not parse with 400 and GRAPHQL_PARSE_FAILED', async () => {
    expect(await reply(await postGraphQL(server.base, { query: '{ event(' }))).toEqual({
      status: 400,
      headers: { 'content-type': JSON_TYPE },
      body: {
        errors: [
          {
            message: 'Syntax Error: Expected Name, found <EOF>.',
            locations: [{ line: 1, column: 9 }],
            extensions: { code: 'GRAPHQL_PARSE_FAILED', stacktrace: STACKTRACE },
          },
        ],
        extensions: cost(0),
      },
    });
  });

  it('answers a client error raised by a resolver with 200 and BAD_USER_INPUT', async () => {
    expect(await reply(await postGraphQL(server.base, { query: '{ node(id: "nope") { id } }' }))).toEqual({
      status: 200,
      headers: { 'content-type': JSON_TYPE },
      body: {
        data: { node: null },
        errors: [
          {
            message: '"nope" is not a valid global id.',
            locations: [{ line: 1, column: 3 }],
            path: ['node'],
            extensions: { code: 'BAD_USER_INPUT', argument: 'id', stacktrace: STACKTRACE },
          },
        ],
        extensions: cost(1),
      },
    });
  });

  it('answers an unknown persisted query hash with PERSISTED_QUERY_NOT_FOUND', async () => {
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } });
    const response = await fetch(`${server.base}/graphql?extensions=${encodeURIComponent(extensions)}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await reply(response)).toEqual({
      status: 200,
      headers: { 'content-type': JSON_TYPE },
      body: {
        errors: [
          {
            message: 'PersistedQueryNotFound',
            extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', stacktrace: STACKTRACE },
          },
        ],
        extensions: cost(0),
      },
    });
  });

  it('serves the playground page to a browser, with scripts and styles from the server itself', async () => {
    const response = await fetch(`${server.base}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    const page = await reply(response);
    expect(page).toMatchObject({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
    const html = page.body as string;
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]*)"/g)].map((match) => match[1]);
    const styles = [...html.matchAll(/<link\b[^>]*\bhref="([^"]*)"/g)].map((match) => match[1]);
    expect(scripts).toEqual([
      '/playground/react.js',
      '/playground/react-dom.js',
      '/playground/graphiql.js',
      '/playground/graphql-ws.js',
      '/playground/init.js',
    ]);
    expect(styles).toEqual(['/playground/graphiql.css']);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it.each([
    ['react.js', 'text/javascript; charset=utf-8'],
    ['react-dom.js', 'text/javascript; charset=utf-8'],
    ['graphiql.js', 'text/javascript; charset=utf-8'],
    ['init.js', 'text/javascript; charset=utf-8'],
    ['graphiql.css', 'text/css; charset=utf-8'],
  ])('serves /playground/%s with status 200 as %s', async (file, contentType) => {
    const response = await fetch(`${server.base}/playground/${file}`);
    const asset = await reply(response, ['content-type', 'cache-control']);
    expect({ ...asset, body: undefined }).toEqual({
      status: 200,
      headers: { 'content-type': contentType, 'cache-control': 'public, max-age=86400' },
      body: undefined,
    });
    expect((asset.body as string).length).toBeGreaterThan(100);
  });

  it('answers an unknown playground file with a 404 JSON error', async () => {
    expect(await reply(await fetch(`${server.base}/playground/../../package.json`))).toMatchObject({ status: 404 });
    expect(await reply(await fetch(`${server.base}/playground/evil.js`))).toEqual({
      status: 404,
      headers: { 'content-type': JSON_TYPE },
      body: { errors: [{ message: 'No such playground file.', extensions: { code: 'NOT_FOUND' } }] },
    });
  });

  it('gives the GraphQL answer, not the playground, to a browser GET with a query', async () => {
    const response = await fetch(`${server.base}/graphql?query=${encodeURIComponent(ICC_QUERY)}`, {
      headers: { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true' },
    });
    expect(await reply(response)).toEqual({ status: 200, headers: { 'content-type': JSON_TYPE }, body: ICC_DATA });
  });

  it.each(['/timeline', '/'])(
    'serves the timeline viewer at %s under a Content-Security-Policy, and its files from /viewer/',
    async (page) => {
      const response = await fetch(`${server.base}${page}`, { redirect: 'manual' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await response.text();
      for (const [, file] of html.matchAll(/(?:src|href)="(\/viewer\/[^"]+)"/g)) {
        const asset = await fetch(`${server.base}${file}`);
        expect({ file, status: asset.status }).toEqual({ file, status: 200 });
        await asset.arrayBuffer();
      }
      expect((await fetch(`${server.base}/viewer/../package.json`)).status).toBe(404);
    },
  );

  it('says it is alive at /healthz', async () => {
    expect(await reply(await fetch(`${server.base}/healthz`))).toEqual({
      status: 200,
      headers: { 'content-type': JSON_TYPE },
      body: { status: 'ok' },
    });
  });

  it('says it is ready at /readyz while the database answers', async () => {
    expect(await reply(await fetch(`${server.base}/readyz`))).toEqual({
      status: 200,
      headers: { 'content-type': JSON_TYPE },
      body: { status: 'ready' },
    });
  });

  it('answers an unknown path with a 404 JSON error', async () => {
    expect(await reply(await fetch(`${server.base}/api/events`))).toEqual({
      status: 404,
      headers: { 'content-type': JSON_TYPE },
      body: {
        errors: [{ message: 'Nothing at /api/events; the API is at /graphql.', extensions: { code: 'NOT_FOUND' } }],
      },
    });
  });

  it('gives every response a fresh x-request-id', async () => {
    const responses = await Promise.all([
      fetch(`${server.base}/healthz`),
      fetch(`${server.base}/nowhere`),
      postGraphQL(server.base, { query: '{ __typename }' }),
    ]);
    const ids = responses.map((response) => response.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(3);
  });

  it('keeps the x-request-id a client sends, cut to 64 characters', async () => {
    const echoed = await fetch(`${server.base}/healthz`, { headers: { 'x-request-id': 'trace-42' } });
    const long = await fetch(`${server.base}/healthz`, { headers: { 'x-request-id': 'x'.repeat(100) } });
    expect([echoed.headers.get('x-request-id'), long.headers.get('x-request-id')]).toEqual([
      'trace-42',
      'x'.repeat(64),
    ]);
  });
});

describe('the HTTP server when its database goes away', () => {
  let url: string;
  // Jest runs beforeAll hooks in the order they are declared: the database exists before the app starts.
  beforeAll(async () => {
    url = await createTestDatabase();
  });
  const server = useApp(() => url);
  afterAll(async () => {
    await dropTestDatabase(url);
  });

  it('stays alive but not ready, and answers queries with 503 SERVICE_UNAVAILABLE and Retry-After', async () => {
    expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
    await dropTestDatabase(url);

    expect(await reply(await fetch(`${server.base}/readyz`))).toEqual({
      status: 503,
      headers: { 'content-type': JSON_TYPE },
      body: { status: 'database unavailable' },
    });
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
    const response = await postGraphQL(server.base, { query: ICC_QUERY });
    expect(response.headers.get('retry-after')).toBe('1');
    const answer = await reply(response);
    expect(answer).toMatchObject({
      status: 503,
      body: {
        errors: [{ path: ['event'], locations: [{ line: 1, column: 3 }], extensions: { code: 'SERVICE_UNAVAILABLE' } }],
      },
    });
    expect((answer.body as { errors: unknown[] }).errors).toHaveLength(1);
  });
});

describe('the HTTP server in production', () => {
  // Its own database, with the citation table dropped to provoke an unexpected failure.
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
  });
  const production = useApp(() => url, 'production');
  const development = useApp(() => url, 'development');
  beforeAll(async () => {
    await production.app.database.dataSource.query('DROP TABLE citation CASCADE');
  });
  afterAll(async () => {
    await dropTestDatabase(url);
  });

  const CITATIONS_QUERY = '{ event(slug: "xi-putin-formal-talks") { slug citations { quote } } }';

  it('hides an unexpected failure behind INTERNAL_SERVER_ERROR, without stacktrace or SQL', async () => {
    const response = await postGraphQL(production.base, { query: CITATIONS_QUERY });
    const answer = await reply(response);
    expect(answer).toEqual({
      status: 200,
      headers: { 'content-type': JSON_TYPE },
      body: {
        data: { event: null },
        errors: [
          {
            message: 'Internal server error.',
            locations: [{ line: 1, column: 47 }],
            path: ['event', 'citations'],
            extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: response.headers.get('x-request-id') },
          },
        ],
        extensions: cost(21),
      },
    });
    const text = JSON.stringify(answer.body);
    expect(text).not.toMatch(/stacktrace|SELECT|relation "citation"|node_modules/);
  });

  it('gives no "Did you mean" suggestion in a validation error', async () => {
    const answer = await reply(await postGraphQL(production.base, { query: '{ timelin { edges { cursor } } }' }));
    expect(answer).toEqual({
      status: 400,
      headers: { 'content-type': JSON_TYPE },
      body: {
        errors: [
          {
            message: 'Cannot query field "timelin" on type "Query".',
            locations: [{ line: 1, column: 3 }],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
        extensions: cost(0),
      },
    });
  });

  it('shows the message and stacktrace of the same failure in development', async () => {
    const answer = await reply(await postGraphQL(development.base, { query: CITATIONS_QUERY }));
    expect(answer).toEqual({
      status: 200,
      headers: { 'content-type': JSON_TYPE },
      body: {
        data: { event: null },
        errors: [
          {
            message: 'relation "citation" does not exist',
            locations: [{ line: 1, column: 47 }],
            path: ['event', 'citations'],
            extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String), stacktrace: STACKTRACE },
          },
        ],
        extensions: cost(21),
      },
    });
  });

  it('suggests the field meant in development', async () => {
    const answer = await reply(await postGraphQL(development.base, { query: '{ timelin { edges { cursor } } }' }));
    expect(answer).toMatchObject({
      status: 400,
      body: { errors: [{ message: 'Cannot query field "timelin" on type "Query". Did you mean "timeline"?' }] },
    });
  });
});

describe('closing the app', () => {
  const database = useTestDatabase();

  it('stops answering on its port and releases the database', async () => {
    const { app, base } = await startApp(database.url);
    expect((await postGraphQL(base, { query: '{ __typename }' })).status).toBe(200);

    await app.close();
    expect(app.server.listening).toBe(false);
    expect(await refuses(Number(new URL(base).port))).toBe(true);
    // fetch may try the connection of the request above first: the app closed it, idle, on closing.
    await expect(fetch(`${base}/healthz`)).rejects.toMatchObject({ message: 'fetch failed' });
    expect(app.database.dataSource.isInitialized).toBe(false);
  });
});
