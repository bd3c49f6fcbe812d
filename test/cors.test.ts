import { useAppServer } from './helpers/app-server';
import { useTestDatabase } from './helpers/database';
import { useTokens } from './helpers/tokens';

const NEWSROOM = 'http://127.0.0.1:4611';
const ELSEWHERE = 'http://127.0.0.1:4612';
const VIEWER = JSON.stringify({ query: '{ viewer { name } }' });

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

async function send(url: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, init);
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}

/** A browser's preflight for a JSON POST with a token from `origin`. */
function preflight(base: string, origin: string, path = '/graphql'): Promise<Answer> {
  return send(`${base}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    },
  });
}

function post(base: string, origin: string | undefined, authorization?: string): Promise<Answer> {
  return send(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(origin === undefined ? {} : { origin }),
      ...(authorization === undefined ? {} : { authorization }),
    },
    body: VIEWER,
  });
}

describe('CORS with CORS_ORIGINS listing an origin', () => {
  const database = useTestDatabase();
  const tokens = useTokens(database);
  const server = useAppServer(() => ({ DATABASE_URL: database.url, CORS_ORIGINS: NEWSROOM }));

  it('answers a preflight from a listed origin with 204 before CSRF prevention, naming methods, headers and max age', async () => {
    const answer = await preflight(server.base, NEWSROOM);
    expect(answer).toMatchObject({
      status: 204,
      body: '',
      headers: expect.objectContaining({
        'access-control-allow-origin': NEWSROOM,
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-max-age': '600',
        vary: 'Origin',
      }),
    });
    expect(answer.headers['access-control-allow-headers']!.split(', ')).toEqual(
      expect.arrayContaining(['content-type', 'authorization', 'apollo-require-preflight']),
    );
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('answers a preflight from any other origin 403 CORS_ORIGIN_NOT_ALLOWED without an Allow-Origin', async () => {
    const answer = await preflight(server.base, ELSEWHERE);
    expect(answer.status).toBe(403);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(JSON.parse(answer.body)).toEqual({
      errors: [
        {
          message: `Pages from ${ELSEWHERE} may not use this API; the server's CORS_ORIGINS does not list that origin.`,
          extensions: { code: 'CORS_ORIGIN_NOT_ALLOWED' },
        },
      ],
    });
  });

  it('answers preflights the same way on routes other than /graphql', async () => {
    expect((await preflight(server.base, NEWSROOM, '/export/timeline.json')).status).toBe(204);
    expect((await preflight(server.base, ELSEWHERE, '/export/timeline.json')).status).toBe(403);
  });

  it('lets a listed origin read the answer to a token-bearing request, and exposes x-request-id', async () => {
    const answer = await post(server.base, NEWSROOM, tokens.editor.authorization);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).data).toEqual({ viewer: { name: 'test-editor' } });
    expect(answer.headers).toMatchObject({ 'access-control-allow-origin': NEWSROOM, vary: 'Origin' });
    expect(answer.headers['access-control-expose-headers']).toContain('x-request-id');
  });

  it('refuses a token-bearing request from an origin not listed with 403 CORS_ORIGIN_NOT_ALLOWED', async () => {
    const answer = await post(server.base, ELSEWHERE, tokens.editor.authorization);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).errors[0].extensions).toEqual({ code: 'CORS_ORIGIN_NOT_ALLOWED' });
  });

  it('answers a tokenless request from an origin not listed without Allow-Origin, so a browser keeps it from the page', async () => {
    const answer = await post(server.base, ELSEWHERE);
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(answer.headers.vary).toBe('Origin');
  });

  it('keeps Vary: Accept of a cacheable GET next to Vary: Origin', async () => {
    const answer = await send(
      `${server.base}/graphql?query=${encodeURIComponent('{ timeline(first: 1) { totalCount } }')}`,
      {
        headers: { origin: NEWSROOM, 'apollo-require-preflight': 'true' },
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.vary).toBe('Origin, Accept');
  });
});

describe('CORS without CORS_ORIGINS', () => {
  const database = useTestDatabase();
  const tokens = useTokens(database);
  const server = useAppServer(() => ({ DATABASE_URL: database.url }));

  it('refuses every other origin, preflight and token-bearing request alike', async () => {
    expect((await preflight(server.base, NEWSROOM)).status).toBe(403);
    expect((await post(server.base, NEWSROOM, tokens.editor.authorization)).status).toBe(403);
  });

  it("serves the server's own origin and clients that send no Origin, without CORS headers", async () => {
    for (const origin of [server.base, undefined]) {
      const answer = await post(server.base, origin, tokens.editor.authorization);
      expect(answer.status).toBe(200);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      expect(answer.headers.vary).toBeUndefined();
    }
  });
});

describe('CORS with CORS_ORIGINS=*', () => {
  const database = useTestDatabase();
  const server = useAppServer(() => ({ DATABASE_URL: database.url, CORS_ORIGINS: '*' }));

  it('allows a preflight from any origin and echoes that origin', async () => {
    const answer = await preflight(server.base, ELSEWHERE);
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe(ELSEWHERE);
  });
});
