import { capturingLogger, useAppServer } from './helpers/app-server';
import { createTestDatabase, dropTestDatabase } from './helpers/database';
import { eventually, graphqlPost, keepAliveGet, RawConnection, type RawAnswer } from './helpers/raw-http';

const DEADLINE_MS = 500;
/**
 * How late a cut may come: Node checks the headers deadline every quarter of HEADERS_TIMEOUT_MS
 * (125 ms here); the rest is slack for a test machine busy with other suites.
 */
const MARGIN_MS = 1000;
const TYPENAME_BODY = JSON.stringify({ query: '{ __typename }' });

/** A request head that claims `bodyBytes` of JSON body, padded so that a byte at a time takes long. */
function postHead(path: string, bodyBytes: number): string {
  return (
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
    `content-length: ${bodyBytes}\r\nx-padding: ${'p'.repeat(200)}\r\n\r\n`
  );
}

interface ErrorBody {
  errors: { message: string; extensions: { code: string } }[];
}

/** The GraphQL-style error of a raw answer: its body parsed, plus the headers that matter here. */
function errorAnswer(answer: RawAnswer) {
  return {
    status: answer.status,
    connection: answer.headers.connection,
    retryAfter: answer.headers['retry-after'],
    hasRequestId: answer.headers['x-request-id'] !== undefined,
    body: JSON.parse(answer.body) as unknown,
  };
}

const headersTimedOut = {
  status: 408,
  connection: 'close',
  retryAfter: undefined,
  hasRequestId: true,
  body: {
    errors: [
      {
        message: `The request headers did not arrive within ${DEADLINE_MS} ms; the connection is closed.`,
        extensions: { code: 'HEADERS_TIMEOUT' },
      },
    ],
  },
};

const bodyTimedOut = {
  status: 408,
  connection: 'close',
  retryAfter: undefined,
  hasRequestId: true,
  body: {
    errors: [
      {
        message: `The request body did not arrive within ${DEADLINE_MS} ms of its headers; the connection is closed.`,
        extensions: { code: 'BODY_TIMEOUT' },
      },
    ],
  },
};

/** A client that sends its head a byte every `everyMs` (which would take seconds), and what it got. */
async function slowHeadClient(port: number, everyMs = 20) {
  const connection = await RawConnection.open(port);
  void connection.trickle(postHead('/graphql', 100), everyMs);
  const closed = await connection.closed;
  return { closed, answer: await connection.answer().catch(() => null) };
}

/** A client that sends its head at once and its body a byte every `everyMs`, and what it got. */
async function slowBodyClient(port: number, everyMs = 20) {
  const connection = await RawConnection.open(port);
  connection.write(postHead('/graphql', 1000));
  void connection.trickle(' '.repeat(1000), everyMs);
  const closed = await connection.closed;
  return { closed, answer: await connection.answer().catch(() => null) };
}

describe('deadlines for reading a request', () => {
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
  });
  const server = useAppServer(() => ({
    DATABASE_URL: url,
    HEADERS_TIMEOUT_MS: String(DEADLINE_MS),
    BODY_TIMEOUT_MS: String(DEADLINE_MS),
    MAX_CONNECTIONS_PER_CLIENT: '1000',
    RATE_LIMIT_PER_MINUTE: '0',
  }));
  afterAll(async () => {
    await dropTestDatabase(url);
  });
  const port = () => Number(new URL(server.base).port);

  it('answers a client that sends its headers a byte at a time with 408 HEADERS_TIMEOUT at HEADERS_TIMEOUT_MS, and closes the connection', async () => {
    const { closed, answer } = await slowHeadClient(port());
    expect(answer && errorAnswer(answer)).toEqual(headersTimedOut);
    expect(closed).toMatchObject({ ended: true });
    expect(closed.ms).toBeGreaterThanOrEqual(DEADLINE_MS - 20);
    expect(closed.ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
  });

  it('answers a client that sends its body a byte at a time with 408 BODY_TIMEOUT at BODY_TIMEOUT_MS after its headers, and closes the connection', async () => {
    const { closed, answer } = await slowBodyClient(port());
    expect(answer && errorAnswer(answer)).toEqual(bodyTimedOut);
    expect(closed).toMatchObject({ ended: true });
    expect(closed.ms).toBeGreaterThanOrEqual(DEADLINE_MS - 20);
    expect(closed.ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
  });

  it('cuts 200 slow clients at once, each with its 408 within its deadline plus the margin', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, async (_, index) => {
        const expected = index % 2 ? 'BODY_TIMEOUT' : 'HEADERS_TIMEOUT';
        const { answer, closed } = await (index % 2 ? slowBodyClient(port(), 100) : slowHeadClient(port(), 100));
        const code = answer && (JSON.parse(answer.body) as ErrorBody).errors[0]?.extensions.code;
        return { expected, code, ended: closed.ended, error: closed.error, ms: Math.round(closed.ms) };
      }),
    );
    const amiss = outcomes.filter(
      ({ expected, code, ended, ms }) => code !== expected || !ended || ms >= DEADLINE_MS + MARGIN_MS,
    );
    expect(amiss).toEqual([]);
  });

  it('closes a connection whose body nobody reads once the headers and body deadlines have passed', async () => {
    const connection = await RawConnection.open(port());
    connection.write(postHead('/nowhere', 1000));
    void connection.trickle(' '.repeat(1000), 20);
    expect((await connection.answer()).status).toBe(404);
    const closed = await connection.closed;
    expect(closed.ms).toBeLessThan(2 * DEADLINE_MS + MARGIN_MS);
    // The client got its answer before its body was in; a second, unasked-for answer would be read as the next one's.
    expect(connection.received.match(/^HTTP\/1\.1 /gm)).toHaveLength(1);
  });

  it.each([
    ['a request line that is not HTTP', 400, 'BAD_REQUEST', 'The request is not valid HTTP/1.1.', 'HELLO\r\n\r\n'],
    [
      'headers over 16 KB',
      431,
      'HEADERS_TOO_LARGE',
      'The request headers are too large.',
      `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nx-big: ${'b'.repeat(20_000)}\r\n\r\n`,
    ],
  ])('answers %s with a JSON %i %s, and closes the connection', async (_, status, code, message, request) => {
    const connection = await RawConnection.open(port());
    connection.write(request);
    const answer = await connection.answer();
    expect({
      status: answer.status,
      connection: answer.headers.connection,
      body: JSON.parse(answer.body) as unknown,
    }).toEqual({ status, connection: 'close', body: { errors: [{ message, extensions: { code } }] } });
    expect(await connection.closed).toMatchObject({ ended: true });
  });

  it('serves a body that arrives in pieces within BODY_TIMEOUT_MS', async () => {
    const connection = await RawConnection.open(port());
    const request = graphqlPost(TYPENAME_BODY);
    const headEnd = request.indexOf('\r\n\r\n') + 4;
    connection.write(request.slice(0, headEnd));
    for (const piece of [TYPENAME_BODY.slice(0, 10), TYPENAME_BODY.slice(10, 20), TYPENAME_BODY.slice(20)]) {
      await new Promise((resolve) => setTimeout(resolve, DEADLINE_MS / 5));
      connection.write(piece);
    }
    const answer = await connection.answer();
    expect({ status: answer.status, body: JSON.parse(answer.body) as unknown }).toMatchObject({
      status: 200,
      body: { data: { __typename: 'Query' } },
    });
    expect(connection.isClosed).toBe(false);
    connection.destroy();
  });
});

/** Connections kept open after one answered request, as a browser keeps them. */
async function keptAlive(port: number, localAddress: string, count: number): Promise<RawConnection[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const connection = await RawConnection.open(port, localAddress);
      connection.write(keepAliveGet('/healthz'));
      expect((await connection.answer()).status).toBe(200);
      return connection;
    }),
  );
}

/** A connection over a cap: what it was answered, how soon, and how it ended. */
async function refusedConnection(port: number, localAddress: string) {
  const connection = await RawConnection.open(port, localAddress);
  connection.write(keepAliveGet('/healthz'));
  const answer = await connection.answer();
  const answeredMs = performance.now() - connection.startedAt;
  return { answer: errorAnswer(answer), answeredMs, closed: await connection.closed };
}

function tooMany(message: string) {
  return {
    status: 503,
    connection: 'close',
    retryAfter: '1',
    hasRequestId: true,
    body: { errors: [{ message, extensions: { code: 'TOO_MANY_CONNECTIONS', retryAfter: 1 } }] },
  };
}
const PER_CLIENT = 'Too many open connections from your address; close one or try again shortly.';
const IN_TOTAL = 'Annals has too many open connections; try again shortly.';

/** A GET on a fresh connection from `localAddress`, closed afterwards. */
async function getOnce(port: number, localAddress: string, path: string): Promise<RawAnswer> {
  const connection = await RawConnection.open(port, localAddress);
  connection.write(keepAliveGet(path));
  try {
    return await connection.answer();
  } finally {
    connection.destroy();
  }
}

describe('connection caps', () => {
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
  });
  const log = capturingLogger();
  const server = useAppServer(
    () => ({ DATABASE_URL: url, MAX_CONNECTIONS: '4', MAX_CONNECTIONS_PER_CLIENT: '2', LOG_LEVEL: 'warn' }),
    log.logger,
  );
  afterAll(async () => {
    await dropTestDatabase(url);
  });
  const port = () => Number(new URL(server.base).port);
  const openConnections: RawConnection[] = [];
  afterEach(async () => {
    for (const connection of openConnections.splice(0)) connection.destroy();
    // Let the server see the closes before the next test counts.
    await new Promise((resolve) => setTimeout(resolve, 50));
  });

  it('refuses a connection over MAX_CONNECTIONS_PER_CLIENT at once with 503 TOO_MANY_CONNECTIONS, closes it cleanly, and takes one again once a slot is free', async () => {
    const first = await keptAlive(port(), '127.0.0.1', 2);
    openConnections.push(...first);
    const refused = await refusedConnection(port(), '127.0.0.1');
    expect(refused.answer).toEqual(tooMany(PER_CLIENT));
    expect(refused.answeredMs).toBeLessThan(200);
    expect(refused.closed).toMatchObject({ ended: true, error: null });

    openConnections.push(...(await keptAlive(port(), '127.0.0.2', 1)));

    await first[0]!.end();
    await eventually(async () => (await getOnce(port(), '127.0.0.1', '/healthz')).status === 200, 2000);
  });

  it('refuses a connection over MAX_CONNECTIONS with 503 TOO_MANY_CONNECTIONS whatever its address, and takes one again once a slot is free', async () => {
    const held = [...(await keptAlive(port(), '127.0.0.1', 2)), ...(await keptAlive(port(), '127.0.0.2', 2))];
    openConnections.push(...held);
    const refused = await refusedConnection(port(), '127.0.0.3');
    expect(refused.answer).toEqual(tooMany(IN_TOTAL));
    expect(refused.answeredMs).toBeLessThan(200);
    expect(refused.closed).toMatchObject({ ended: true, error: null });

    await held[3]!.end();
    await eventually(async () => (await getOnce(port(), '127.0.0.3', '/healthz')).status === 200, 2000);
  });

  it('counts refused connections in /metrics and logs a burst of them at warn as one line', async () => {
    const metric = async () => {
      const text = (await getOnce(port(), '127.0.0.9', '/metrics')).body;
      return Number(/^annals_connections_refused_total (\d+)$/m.exec(text)?.[1]);
    };
    const before = await metric();
    openConnections.push(...(await keptAlive(port(), '127.0.0.4', 2)));
    const burst = await Promise.all(Array.from({ length: 10 }, () => refusedConnection(port(), '127.0.0.4')));
    expect(burst.map(({ answer }) => answer.status)).toEqual(Array.from({ length: 10 }, () => 503));
    expect((await metric()) - before).toBe(10);

    const refusalLines = log.lines.filter(({ msg }) => msg === 'refused connections over a cap');
    // The first refusal of the block is logged at once; the rest of the 10 s window is summed up when it ends.
    expect(refusalLines).toEqual([
      expect.objectContaining({
        level: 40,
        count: 1,
        reasons: { MAX_CONNECTIONS_PER_CLIENT: 1 },
        addresses: ['127.0.0.1'],
      }),
    ]);
  });
});
