import net from 'node:net';
import { capturingLogger, useAppServer } from './helpers/app-server';
import { createTestDatabase, dropTestDatabase } from './helpers/database';

const CITATIONS_QUERY = '{ event(slug: "xi-putin-formal-talks") { slug citations { quote } } }';
const TWO_FAILING_FIELDS = `{
  a: event(slug: "xi-putin-formal-talks") { citations { quote } }
  b: event(slug: "xi-leaves-moscow") { citations { quote } }
}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** What must never reach a client in production: SQL, PostgreSQL or driver words, stack frames. */
const LEAKS = /SELECT|FROM |relation|citation"|42P01|postgres|pg-|stacktrace|node_modules|\bat .+\(|Did you mean/i;

interface Reply {
  status: number;
  requestId: string | null;
  text: string;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function post(base: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, requestId: response.headers.get('x-request-id'), text, body: JSON.parse(text) };
}

/** Sends `head` as the start of a raw HTTP request and returns the whole answer as text. */
function rawRequest(base: string, head: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(`${head}\r\nConnection: close\r\n\r\n`));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
  });
}

describe('an unexpected error over HTTP', () => {
  // This block's own database, with the citation table dropped to provoke failures nobody planned.
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
  });
  const log = capturingLogger();
  const production = useAppServer(() => ({ DATABASE_URL: url, NODE_ENV: 'production' }), log.logger);
  const development = useAppServer(() => ({ DATABASE_URL: url, NODE_ENV: 'development' }));
  beforeAll(async () => {
    await production.app.database.dataSource.query('DROP TABLE citation CASCADE');
  });
  afterAll(async () => {
    await dropTestDatabase(url);
  });

  it('carries the x-request-id of its response in extensions.requestId, and so does its log line', async () => {
    const reply = await post(production.base, { query: CITATIONS_QUERY });
    expect(reply.requestId).toMatch(UUID);
    expect({ data: reply.body.data, errors: reply.body.errors }).toEqual({
      data: { event: null },
      errors: [
        {
          message: 'Internal server error.',
          locations: [{ line: 1, column: 47 }],
          path: ['event', 'citations'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: reply.requestId },
        },
      ],
    });
    await new Promise((resolve) => setImmediate(resolve));
    const logged = log.lines.filter((line) => line.requestId === reply.requestId);
    expect(logged.map((line) => [line.level, line.msg])).toEqual([
      [50, 'unexpected error while resolving'],
      [30, 'request completed'],
    ]);
    expect(logged[0]).toMatchObject({
      path: ['event', 'citations'],
      err: { message: 'relation "citation" does not exist', code: '42P01' },
    });
  });

  it('carries the id the client sent in x-request-id', async () => {
    const reply = await post(production.base, { query: CITATIONS_QUERY }, { 'x-request-id': 'client-trace-7' });
    expect(reply.requestId).toBe('client-trace-7');
    expect(reply.body.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'client-trace-7' });
    expect(log.lines).toContainEqual(
      expect.objectContaining({ msg: 'unexpected error while resolving', requestId: 'client-trace-7' }),
    );
  });

  it('replaces an x-request-id that is not printable ASCII with one of its own', async () => {
    const reply = await post(production.base, { query: CITATIONS_QUERY }, { 'x-request-id': 'two words' });
    expect(reply.requestId).toMatch(UUID);
    expect(reply.body.errors?.[0]?.extensions?.requestId).toBe(reply.requestId);
  });

  it('gives each failing field the same request id, with nothing of the failure itself in production', async () => {
    const reply = await post(production.base, { query: TWO_FAILING_FIELDS });
    expect(reply.body.errors?.map((error) => [error.message, error.extensions])).toEqual([
      ['Internal server error.', { code: 'INTERNAL_SERVER_ERROR', requestId: reply.requestId }],
      ['Internal server error.', { code: 'INTERNAL_SERVER_ERROR', requestId: reply.requestId }],
    ]);
    expect(reply.text).not.toMatch(LEAKS);
  });

  it('leaks no SQL, driver text or stack over GET either', async () => {
    const response = await fetch(`${production.base}/graphql?query=${encodeURIComponent(CITATIONS_QUERY)}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({
      errors: [{ extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: response.headers.get('x-request-id') } }],
    });
    expect(text).not.toMatch(LEAKS);
  });

  it('shows the database message in development, with the request id as well', async () => {
    const reply = await post(development.base, { query: CITATIONS_QUERY });
    expect(reply.body.errors?.[0]).toMatchObject({
      message: 'relation "citation" does not exist',
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: reply.requestId, stacktrace: expect.any(Array) },
    });
  });
});

describe('client errors in production over HTTP', () => {
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
  });
  const production = useAppServer(() => ({ DATABASE_URL: url, NODE_ENV: 'production' }));
  afterAll(async () => {
    await dropTestDatabase(url);
  });

  it.each([
    ['a misspelt field', { query: '{ timelin { totalCount } }' }, 'Cannot query field "timelin" on type "Query".'],
    [
      'a misspelt argument',
      { query: '{ timeline(frist: 1) { totalCount } }' },
      'Unknown argument "frist" on field "Query.timeline".',
    ],
    [
      'a misspelt input field',
      { query: '{ timeline(filter: { kind: [MEETING] }) { totalCount } }' },
      'Field "kind" is not defined by type "TimelineFilter".',
    ],
    [
      'a misspelt enum value in the variables',
      {
        query: 'query ($kinds: [EventKind!]) { timeline(filter: { kinds: $kinds }) { totalCount } }',
        variables: { kinds: ['MEETNG'] },
      },
      'Variable "$kinds" got invalid value "MEETNG" at "kinds[0]"; Value "MEETNG" does not exist in "EventKind" enum.',
    ],
    [
      'a misspelt type in a variable definition',
      { query: 'query ($kinds: [EventKnd!]) { timeline(filter: { kinds: $kinds }) { totalCount } }' },
      'Unknown type "EventKnd".',
    ],
  ])('names %s without suggesting a schema member or showing a stack', async (_case, body, message) => {
    const reply = await post(production.base, body);
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.[0]?.message).toBe(message);
    expect(reply.text).not.toMatch(LEAKS);
  });

  it('names where a document stops parsing, without a stack', async () => {
    const reply = await post(production.base, { query: '{ timeline(' });
    expect(reply.status).toBe(400);
    expect({ errors: reply.body.errors }).toEqual({
      errors: [
        {
          message: 'Syntax Error: Expected Name, found <EOF>.',
          locations: [{ line: 1, column: 12 }],
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        },
      ],
    });
  });

  it('answers a request target that is not a URL with 400 BAD_REQUEST, and goes on serving', async () => {
    const answer = await rawRequest(production.base, 'GET //[ HTTP/1.0\r\nHost: x');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
      errors: [{ message: 'The request target is not a valid URL.', extensions: { code: 'BAD_REQUEST' } }],
    });
    expect((await fetch(`${production.base}/healthz`)).status).toBe(200);
  });
});
