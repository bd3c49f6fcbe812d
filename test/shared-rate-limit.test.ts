import { randomInt } from 'node:crypto';
import { useAppServer, type AppServer } from './helpers/app-server';
import { useTestDatabase } from './helpers/database';

const database = useTestDatabase();
const QUERY = '{ event(slug: "icc-arrest-warrant-putin") { slug } }';

/** 60 a minute is one request per 1 s window; the burst of 10 is what a client gets at once. */
const LIMITS = { RATE_LIMIT_PER_MINUTE: '60', RATE_LIMIT_BURST: '10', TRUST_PROXY: '1' };

/** A client address no other test or run uses, sent as the address the trusted proxy saw. */
const newClient = () => `198.18.${randomInt(256)}.${randomInt(256)}`;

function post(base: string, client: string) {
  return fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
    body: JSON.stringify({ query: QUERY }),
  });
}

/**
 * Sends `count` requests from one client, alternating between the instances, and returns how many
 * were let through, and the most the limit allows in the time they took: the burst, plus one per
 * 1 s window begun meanwhile.
 */
async function alternate(instances: AppServer[], count: number): Promise<{ allowed: number; most: number }> {
  const client = newClient();
  const startedAt = Date.now();
  let allowed = 0;
  for (let i = 0; i < count; i++) {
    const response = await post(instances[i % instances.length]!.base, client);
    await response.arrayBuffer();
    if (response.status === 200) allowed += 1;
    else expect(response.status).toBe(429);
  }
  return { allowed, most: 10 + Math.ceil((Date.now() - startedAt) / 1000) };
}

describe.each([
  ['PostgreSQL', () => ({})],
  ['Redis', () => ({ REDIS_URL: 'redis://127.0.0.1:6379' })],
])('rate limits counted in %s', (_store, store) => {
  const env = () => ({ DATABASE_URL: database.url, ...LIMITS, ...store() });
  const a = useAppServer(env);
  const b = useAppServer(env);

  it('hold across two instances: together they let through what one would, to within one window', async () => {
    const { allowed, most } = await alternate([a, b], 30);
    expect(allowed).toBeGreaterThanOrEqual(10);
    expect(allowed).toBeLessThanOrEqual(most);
  });
});

describe('rate limits with Redis unreachable', () => {
  const env = () => ({ DATABASE_URL: database.url, ...LIMITS, REDIS_URL: 'redis://127.0.0.1:1' });
  const a = useAppServer(env);
  const b = useAppServer(env);

  it('fail open to limits per instance: requests are served, each instance holding the client to the burst', async () => {
    const { allowed } = await alternate([a, b], 40);
    expect(allowed).toBeGreaterThanOrEqual(20);
    expect(allowed).toBeLessThanOrEqual(20 + 2 * 3);
  });
});
