import http, { type IncomingMessage } from 'node:http';
import { inspect } from 'node:util';
import { getIntrospectionQuery } from 'graphql';
import { createToken } from '../src/auth/token.queries';
import { CountingSqlClient } from '../src/db/sql-client';
import { clientAddress } from '../src/server/client-address';
import { pino } from 'pino';
import { ratePlan, SharedRateLimiter } from '../src/server/rate-limit';
import { createRateLimitStore } from '../src/server/rate-limit-store';
import { RequestRateLimiter } from '../src/server/request-rate-limit';
import { useAppServer } from './helpers/app-server';
import { useTestDatabase } from './helpers/database';

/** An incoming request as the limiter sees it: a peer address and headers. */
function incoming(remoteAddress: string | undefined, headers: Record<string, string> = {}): IncomingMessage {
  return { socket: { remoteAddress }, headers } as unknown as IncomingMessage;
}

const silent = pino({ level: 'silent' });

describe('ratePlan', () => {
  it('keeps the default 600 a minute with a burst of 300 as 10 a second plus 290 that refill in 30 s', () => {
    expect(ratePlan(600, 300)).toEqual({ points: 10, windowSeconds: 1, burstPoints: 290, burstSeconds: 30 });
  });

  it('picks the shortest whole-second window in which the rate is a whole number of requests', () => {
    expect([ratePlan(90, 10), ratePlan(7, 7), ratePlan(1, 3)]).toEqual([
      { points: 3, windowSeconds: 2, burstPoints: 7, burstSeconds: 7 },
      { points: 7, windowSeconds: 60, burstPoints: 0, burstSeconds: 60 },
      { points: 1, windowSeconds: 60, burstPoints: 2, burstSeconds: 180 },
    ]);
  });

  it('refuses a rate that is not positive or a burst below 1', () => {
    expect(() => ratePlan(0, 1)).toThrow(RangeError);
    expect(() => ratePlan(1, 0)).toThrow(RangeError);
  });
});

describe('SharedRateLimiter', () => {
  const memory = () => createRateLimitStore({ redisUrl: null, pool: null, keyPrefix: `t${Math.random()}` }, silent);

  it('lets a new client make `burst` requests at once and refuses the next, saying when to come back', async () => {
    const limiter = new SharedRateLimiter(ratePlan(60, 3), memory().limiter);
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.take('a'));
    expect(decisions).toEqual([
      { allowed: true, retryAfterSeconds: 0 },
      { allowed: true, retryAfterSeconds: 0 },
      { allowed: true, retryAfterSeconds: 0 },
      { allowed: false, retryAfterSeconds: 1 },
    ]);
  });

  it('keeps an allowance per client', async () => {
    const limiter = new SharedRateLimiter(ratePlan(1, 1), memory().limiter);
    const decisions = [await limiter.take('a'), await limiter.take('a'), await limiter.take('b')];
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, false, true]);
  });

  it('says how many seconds the next window is away at a slow rate', async () => {
    const limiter = new SharedRateLimiter(ratePlan(2, 1), memory().limiter);
    await limiter.take('a');
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });
});

describe('clientAddress', () => {
  it('is the peer address, ignoring X-Forwarded-For, when no proxy is trusted', () => {
    expect(clientAddress(incoming('192.0.2.1', { 'x-forwarded-for': '203.0.113.9' }), 0)).toBe('192.0.2.1');
  });

  it('is the entry the trusted proxies saw, counting from the right of X-Forwarded-For', () => {
    const req = incoming('10.0.0.2', { 'x-forwarded-for': '198.51.100.66, 203.0.113.9, 10.0.0.1' });
    expect([1, 2, 3, 4].map((proxies) => clientAddress(req, proxies))).toEqual([
      '10.0.0.1',
      '203.0.113.9',
      '198.51.100.66',
      '198.51.100.66',
    ]);
  });

  it('is the peer address behind a trusted proxy that sent no X-Forwarded-For', () => {
    expect(clientAddress(incoming('10.0.0.2'), 1)).toBe('10.0.0.2');
  });

  it('counts an entry that is not an IP address as the peer', () => {
    expect(clientAddress(incoming('10.0.0.2', { 'x-forwarded-for': 'unknown' }), 1)).toBe('10.0.0.2');
  });

  it('drops the port some proxies append', () => {
    const v4 = incoming('10.0.0.2', { 'x-forwarded-for': '203.0.113.9:51234' });
    const v6 = incoming('10.0.0.2', { 'x-forwarded-for': '[2001:db8::1]:51234' });
    expect([clientAddress(v4, 1), clientAddress(v6, 1)]).toEqual(['203.0.113.9', '2001:db8:0:0::/64']);
  });

  it('counts an IPv4-mapped IPv6 peer as its IPv4 address', () => {
    expect(clientAddress(incoming('::ffff:192.0.2.1'), 0)).toBe('192.0.2.1');
  });

  it('counts IPv6 addresses by their /64 network', () => {
    expect(
      ['2001:db8:1:2:aaaa::1', '2001:db8:1:2::ffff', '2001:0db8:0001:0003::1', '::1', 'fe80::1%eth0'].map((peer) =>
        clientAddress(incoming(peer), 0),
      ),
    ).toEqual(['2001:db8:1:2::/64', '2001:db8:1:2::/64', '2001:db8:1:3::/64', '0:0:0:0::/64', 'fe80:0:0:0::/64']);
  });
});

const database = useTestDatabase();

describe('RequestRateLimiter', () => {
  const settings = { rateLimitPerMinute: 1, rateLimitBurst: 2, trustProxy: 0 };

  it('keeps no raw token, only its hash', async () => {
    const { token } = await createToken(new CountingSqlClient(database.pool), { name: 'kept-hashed', role: 'EDITOR' });
    const store = createRateLimitStore({ redisUrl: null, pool: database.pool, keyPrefix: 'hashed' }, silent);
    const limiter = new RequestRateLimiter(settings, database.pool, store);
    await limiter.admit(incoming('192.0.2.1', { authorization: `Bearer ${token}` }));
    await limiter.admit(incoming('192.0.2.1', { authorization: 'Bearer annals_made-up' }));
    const held = inspect(limiter, { depth: 10, maxArrayLength: null, maxStringLength: null });
    expect(held).toMatch(/token:[\w-]{43}/);
    expect(held).not.toContain(token);
    expect(held).not.toContain('annals_made-up');
  });
});

const PLAYGROUND_FILES = ['react.js', 'react-dom.js', 'graphiql.js', 'init.js', 'graphiql.css'];
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const QUERY = '{ event(slug: "icc-arrest-warrant-putin") { slug } }';

interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
  body: unknown;
}

/** POSTs `body` to /graphql from the local address `from` (any of 127.0.0.0/8). */
function postFrom(base: string, from: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: hostname,
        port,
        path: '/graphql',
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers as Record<string, string | undefined>,
            body: JSON.parse(text),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

function post(base: string, headers: Record<string, string> = {}): Promise<Answer> {
  return postFrom(base, '127.0.0.1', { query: QUERY }, headers);
}

/** Sends queries from 127.0.0.1 until one is refused, and returns the statuses. */
async function exhaust(base: string, headers: Record<string, string> = {}): Promise<number[]> {
  const statuses: number[] = [];
  while (statuses.at(-1) !== 429 && statuses.length < 1_000) statuses.push((await post(base, headers)).status);
  return statuses;
}

describe('rate limiting over HTTP', () => {
  const server = useAppServer(() => ({
    DATABASE_URL: database.url,
    NODE_ENV: 'production',
    RATE_LIMIT_PER_MINUTE: '1',
    RATE_LIMIT_BURST: '3',
  }));
  let editorAuthorization: string;
  beforeAll(async () => {
    const { token } = await createToken(new CountingSqlClient(database.pool), { name: 'rate-limited', role: 'EDITOR' });
    editorAuthorization = `Bearer ${token}`;
  });

  it('answers the request after a burst with 429 RATE_LIMITED, retryAfter and a Retry-After header', async () => {
    expect(await exhaust(server.base)).toEqual([200, 200, 200, 429]);
    const refused = await post(server.base);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(55);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused).toEqual({
      status: 429,
      headers: expect.objectContaining({
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'retry-after': String(retryAfter),
        'x-request-id': expect.any(String),
      }),
      body: {
        errors: [
          {
            message: `Too many requests; try again in ${retryAfter} seconds.`,
            extensions: { code: 'RATE_LIMITED', retryAfter },
          },
        ],
      },
    });
  });

  it('still serves the playground, its files, health, readiness and metrics to a client over its limit', async () => {
    await exhaust(server.base);
    const page = await fetch(`${server.base}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    const files = await Promise.all(PLAYGROUND_FILES.map((file) => fetch(`${server.base}/playground/${file}`)));
    const probes = await Promise.all(['/healthz', '/readyz', '/metrics'].map((path) => fetch(server.base + path)));
    expect([page, ...files, ...probes].map((response) => response.status)).toEqual(Array(9).fill(200));
  });

  it('does not limit a client at another address', async () => {
    await exhaust(server.base);
    expect((await postFrom(server.base, '127.0.0.2', { query: QUERY })).status).toBe(200);
  });

  it('gives an active token a bucket of its own, apart from its address', async () => {
    await exhaust(server.base);
    const withToken = await exhaust(server.base, { authorization: editorAuthorization });
    expect(withToken).toEqual([200, 200, 200, 429]);
    expect((await post(server.base)).status).toBe(429);
  });

  it('charges a made-up token to its address', async () => {
    await exhaust(server.base);
    expect((await post(server.base, { authorization: 'Bearer annals_made-up' })).status).toBe(429);
  });
});

describe('rate limiting behind a trusted proxy', () => {
  const server = useAppServer(() => ({
    DATABASE_URL: database.url,
    RATE_LIMIT_PER_MINUTE: '1',
    RATE_LIMIT_BURST: '1',
    TRUST_PROXY: '1',
  }));

  it('counts clients by the X-Forwarded-For entry the proxy added', async () => {
    const from = (address: string) => post(server.base, { 'x-forwarded-for': `198.51.100.1, ${address}` });
    expect([(await from('203.0.113.7')).status, (await from('203.0.113.7')).status]).toEqual([200, 429]);
    expect((await from('203.0.113.8')).status).toBe(200);
  });
});

describe('rate limiting without a trusted proxy', () => {
  const server = useAppServer(() => ({
    DATABASE_URL: database.url,
    RATE_LIMIT_PER_MINUTE: '1',
    RATE_LIMIT_BURST: '1',
  }));

  it('ignores X-Forwarded-For, which any client can write', async () => {
    expect((await post(server.base, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(200);
    expect((await post(server.base, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(429);
  });
});

describe('the default rate limits', () => {
  const server = useAppServer(() => ({ DATABASE_URL: database.url, NODE_ENV: 'production' }));

  it('let a playground session through: the page, its files, introspection and a hundred queries', async () => {
    const page = await fetch(`${server.base}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    const files = await Promise.all(PLAYGROUND_FILES.map((file) => fetch(`${server.base}/playground/${file}`)));
    const introspection = await postFrom(server.base, '127.0.0.1', { query: getIntrospectionQuery() });
    const queries = await Promise.all(Array.from({ length: 100 }, () => post(server.base)));
    expect([page, ...files, introspection, ...queries].map((response) => response.status)).toEqual(
      Array(107).fill(200),
    );
  });
});

describe('RATE_LIMIT_PER_MINUTE=0', () => {
  const server = useAppServer(() => ({
    DATABASE_URL: database.url,
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_BURST: '1',
  }));

  it('turns rate limiting off', async () => {
    const statuses = await Promise.all(Array.from({ length: 20 }, async () => (await post(server.base)).status));
    expect(statuses).toEqual(Array(20).fill(200));
  });
});
