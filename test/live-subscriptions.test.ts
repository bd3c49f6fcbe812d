import WebSocket from 'ws';
import { counters } from '../src/shared/metrics';
import { useAppServer } from './helpers/app-server';
import { useTestDatabase } from './helpers/database';
import { collect, liveClient, type LiveClient } from './helpers/live-client';
import { eventually } from './helpers/server-process';
import { useTokens } from './helpers/tokens';

const CHANGES = `subscription ($filter: TimelineFilter, $after: String) {
  timelineChanges(filter: $filter, after: $after) {
    cursor action eventId recordedAt
    event { slug status tags revision participants { actor { slug } } }
    revision { revision action author reason }
  }
}`;

const database = useTestDatabase();
const tokens = useTokens(database);
const server = useAppServer(() => ({ DATABASE_URL: database.url, SOCKET_PING_INTERVAL_MS: '300' }));
const clients: LiveClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

function open(options: { authorization?: string; origin?: string } = {}): LiveClient {
  const client = liveClient(server.base, options);
  clients.push(client);
  return client;
}

async function graphql(query: string, variables: Record<string, unknown> = {}, authorization?: string) {
  const response = await fetch(`${server.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: any[] }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test data is inspected loosely
}

async function eventId(slug: string): Promise<string> {
  return (await graphql('query ($slug: String) { event(slug: $slug) { id } }', { slug })).data.event.id;
}

async function latestCursor(): Promise<string> {
  return (await graphql('{ latestChangeCursor }')).data.latestChangeCursor;
}

/** Tags the event through the API as the editor; one change, one revision. */
async function tag(slug: string, tags: string[], reason = 'live test'): Promise<void> {
  const result = await graphql(
    'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { revision } } }',
    { input: { id: await eventId(slug), tags, reason } },
    tokens.editor.authorization,
  );
  expect(result.errors).toBeUndefined();
}

async function setStatus(slug: string, status: string): Promise<void> {
  const result = await graphql(
    'mutation ($input: SetEventStatusInput!) { setEventStatus(input: $input) { event { status } } }',
    { input: { id: await eventId(slug), status } },
    tokens.editor.authorization,
  );
  expect(result.errors).toBeUndefined();
}

describe('timelineChanges', () => {
  it("sends a change made by an editor's mutation, with the event as of the change and its revision", async () => {
    const changes = collect(open(), CHANGES, { after: await latestCursor() });
    await tag('xi-putin-formal-talks', ['live-1']);
    const [change] = await changes.until(1);
    expect(change).toEqual({
      data: {
        timelineChanges: {
          cursor: expect.any(String),
          action: 'UPDATED',
          eventId: await eventId('xi-putin-formal-talks'),
          recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          event: expect.objectContaining({ slug: 'xi-putin-formal-talks', tags: ['live-1'] }),
          revision: { revision: expect.any(Number), action: 'UPDATE', author: 'test-editor', reason: 'live test' },
        },
      },
    });
  });

  it('gives a client that missed 20 changes exactly those 20 in commit order when it resumes with after, then live ones', async () => {
    const first = open();
    const before = collect(first, CHANGES, { after: await latestCursor() });
    await tag('xi-putin-informal-talks', ['seen']);
    const [seen] = await before.until(1);
    await first.close();

    const slugs = [
      'xi-putin-informal-talks',
      'xi-putin-formal-talks',
      'icc-arrest-warrant-putin',
      'xi-state-visit-to-russia-2023',
    ];
    const missed: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const slug = slugs[i % slugs.length]!;
      await tag(slug, [`missed-${i}`]);
      missed.push(`${slug}:missed-${i}`);
    }
    const resumed = collect(open(), CHANGES, { after: seen!.data!.timelineChanges.cursor });
    const replayed = await resumed.until(20);
    const key = (result: (typeof replayed)[number]) =>
      `${result.data!.timelineChanges.event.slug}:${result.data!.timelineChanges.event.tags[0]}`;
    expect(replayed.map(key)).toEqual(missed);
    const cursors = replayed.map((result) => result.data!.timelineChanges.recordedAt);
    expect([...cursors].sort()).toEqual(cursors);

    await tag('xi-putin-formal-talks', ['live-after-resume']);
    const all = await resumed.until(21);
    expect(key(all[20]!)).toBe('xi-putin-formal-talks:live-after-resume');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(resumed.results).toHaveLength(21);
  });

  it('sends an event that stops matching the filter once, so the client can remove it, and nothing after', async () => {
    const planned = collect(open(), CHANGES, { filter: { statuses: ['PLANNED'] }, after: await latestCursor() });
    await setStatus('xi-putin-formal-talks', 'OCCURRED');
    const [left] = await planned.until(1);
    expect(left!.data!.timelineChanges.event).toMatchObject({ slug: 'xi-putin-formal-talks', status: 'OCCURRED' });
    await tag('xi-putin-formal-talks', ['no-longer-planned']);
    await setStatus('xi-putin-informal-talks', 'PLANNED');
    const [, next] = await planned.until(2);
    expect(next!.data!.timelineChanges.event).toMatchObject({ slug: 'xi-putin-informal-talks', status: 'PLANNED' });
  });

  it('sends only the changes to events a search matches, through any name of their actors', async () => {
    const blinken = collect(open(), CHANGES, { filter: { search: '布林肯' }, after: await latestCursor() });
    await tag('xi-leaves-moscow', ['unrelated']);
    await tag('blinken-diplomatic-cover-statement', ['retagged']);
    const [change] = await blinken.until(1);
    expect(change!.data!.timelineChanges.event).toMatchObject({
      slug: 'blinken-diplomatic-cover-statement',
      tags: expect.arrayContaining(['retagged']),
    });
  });

  it('loses no change when the listening connection drops: it connects again and reads on from the last change', async () => {
    const changes = collect(open(), CHANGES, { after: await latestCursor() });
    await tag('xi-putin-formal-talks', ['before-the-drop']);
    await changes.until(1);
    const { rows } = await database.pool.query<{ ended: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
        WHERE datname = current_database() AND query LIKE 'LISTEN %'`,
    );
    expect(rows).toEqual([{ ended: true }]);
    for (let i = 0; i < 5; i += 1) await tag('xi-putin-formal-talks', [`while-down-${i}`]);
    const received = await changes.until(6);
    expect(received.map((result) => result.data!.timelineChanges.event.tags[0])).toEqual([
      'before-the-drop',
      ...[0, 1, 2, 3, 4].map((i) => `while-down-${i}`),
    ]);
  });

  it('refuses a cursor the log does not hold with CURSOR_EXPIRED, and one it never issued with BAD_USER_INPUT', async () => {
    const live = open();
    const unknown = Buffer.from('change:2020-01-01T00:00:00.000000Z/999999', 'utf8').toString('base64url');
    expect(await collect(live, CHANGES, { after: unknown }).failed()).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'CURSOR_EXPIRED', argument: 'after' }) }),
    ]);
    expect(await collect(live, CHANGES, { after: 'not-a-cursor' }).failed()).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'after' }) }),
    ]);
  });

  it('reads each change once for all subscribers of one selection: as many statements for 30 subscribers as for 1', async () => {
    async function statementsFor(subscribers: number, tags: string[]): Promise<number> {
      const live = open();
      const after = await latestCursor();
      const subscriptions = Array.from({ length: subscribers }, () => collect(live, CHANGES, { after }));
      await eventually(() => server.app.server.listenerCount('upgrade') > 0 && true);
      // Every subscription has caught up from its cursor once no statement has been sent for 300 ms.
      for (let last = -1; last !== counters.sqlStatements;) {
        last = counters.sqlStatements;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      const start = counters.sqlStatements;
      await tag('xi-putin-formal-talks', tags);
      await Promise.all(subscriptions.map((subscription) => subscription.until(1)));
      const used = counters.sqlStatements - start;
      await live.close();
      return used;
    }
    // The first write of a token warms what is kept per token (its rate-limit bucket's look-up).
    await statementsFor(1, ['warm-up']);
    const one = await statementsFor(1, ['count-1']);
    const thirty = await statementsFor(30, ['count-30']);
    expect(thirty).toBe(one);
  });
});

describe('eventChanged', () => {
  it('sends the event each time it changes and null once it is deleted', async () => {
    const id = await eventId('kremlin-on-putin-2024-candidacy');
    const changes = collect(open(), 'subscription ($id: ID!) { eventChanged(id: $id) { slug tags } }', { id });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await tag('russian-presidential-election-2024', ['other-event']);
    await tag('kremlin-on-putin-2024-candidacy', ['followed']);
    const deleted = await graphql(
      'mutation ($input: DeleteEventInput!) { deleteEvent(input: $input) { deletedEventId } }',
      { input: { id } },
      tokens.admin.authorization,
    );
    expect(deleted.errors).toBeUndefined();
    expect(await changes.until(2)).toEqual([
      { data: { eventChanged: { slug: 'kremlin-on-putin-2024-candidacy', tags: ['followed'] } } },
      { data: { eventChanged: null } },
    ]);
  });
});

describe('the socket', () => {
  it('authenticates connection_init with a bearer token: viewer and mutations work over it', async () => {
    const live = open({ authorization: tokens.editor.authorization });
    const viewer = collect(live, '{ viewer { name role } }');
    expect(await viewer.until(1)).toEqual([{ data: { viewer: { name: 'test-editor', role: 'EDITOR' } } }]);
  });

  it('closes a socket whose connection_init carries an unknown token with 4403 and the reason', async () => {
    const live = open({ authorization: 'Bearer annals_not-a-token' });
    collect(live, '{ viewer { name } }');
    expect(await live.closed).toEqual({ code: 4403, reason: 'The bearer token is unknown or has been revoked.' });
  });

  it('holds subscriptions to the query limits and cost, with their codes, before anything runs', async () => {
    const live = open();
    const deep = collect(
      live,
      'subscription { timelineChanges { event { related { event { related { event { related { event { related { event { related { event { related { event { related { event { slug } } } } } } } } } } } } } } } } }',
    );
    expect(await deep.failed()).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_DEEP' }) }),
    ]);
    const invalid = collect(live, 'subscription { timelineChanges { nope } }');
    expect(await invalid.failed()).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }) }),
    ]);
  });

  it('refuses a subscription over HTTP with a clear error', async () => {
    const result = await graphql('subscription { timelineChanges { cursor } }');
    expect(result.errors?.[0].message).toMatch(/WebSocket/);
  });

  it('cuts a client that does not answer pings', async () => {
    const socket = new WebSocket(`${server.base.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', {
      autoPong: false,
    });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    const started = performance.now();
    expect(await closed).toBe(1006);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
