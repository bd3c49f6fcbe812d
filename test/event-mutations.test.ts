import { parseGlobalId, toGlobalId } from '../src/shared/global-id';
import { useTestDatabase } from './helpers/database';
import { errorCodes, useGraphQLAsJson } from './helpers/graphql';
import { useTokens } from './helpers/tokens';

const database = useTestDatabase();
const execute = useGraphQLAsJson(database);
const tokens = useTokens(database);

const EVENT_FIELDS = 'id slug status revision time { start end precision timeZone local } titles { lang text }';

const CREATE = `mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { ${EVENT_FIELDS}
  participants { role actor { slug } } citations { id quote source { slug } } } } }`;
const UPDATE = `mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { ${EVENT_FIELDS} tags } } }`;
const HISTORY = `query ($slug: String) { event(slug: $slug) { revision history { totalCount nodes { revision action author reason changes { field before after } } } } }`;

async function idOfSlug(type: 'event' | 'actor', slug: string): Promise<string> {
  const { data } = await execute(`query ($slug: String) { ${type}(slug: $slug) { id } }`, { slug });
  return data![type].id;
}

async function sourceId(slug: string): Promise<string> {
  const { data } = await execute(`{ search(query: "${slug}") { ... on Source { id slug } } }`);
  const hit = data!.search.find((source: { slug?: string }) => source.slug === slug);
  return hit.id;
}

/** Row counts of every table a write touches, and the data version: equal means nothing was written. */
async function databaseState(): Promise<Record<string, unknown>> {
  const tables = ['event', 'participation', 'citation', 'event_relation', 'actor', 'source', 'revision'];
  const history = tables.filter((table) => table !== 'revision').map((table) => `${table}_history`);
  const counts = [...tables, ...history].map((table) => `(SELECT count(*) FROM ${table})::int AS ${table}`).join(', ');
  const { rows } = await database.pool.query(`SELECT ${counts}, (SELECT version FROM data_version) AS data_version`);
  return rows[0] as Record<string, unknown>;
}

function newEvent(overrides: Record<string, unknown> = {}) {
  return {
    slug: 'xi-putin-joint-press-statements',
    kind: 'STATEMENT',
    status: 'OCCURRED',
    time: { start: '2023-03-20T21:00:00.000Z', precision: 'DAY', timeZone: 'Europe/Moscow', asWritten: '周二' },
    originalLanguage: 'en',
    titles: [
      { lang: 'en', text: 'Xi and Putin make statements to the press' },
      { lang: 'zh-Hans', text: '习近平与普京向媒体发表声明' },
    ],
    tags: ['xi-moscow-visit-2023'],
    placeSlug: 'moscow-kremlin',
    ...overrides,
  };
}

describe('createEvent', () => {
  it('records an event with its participants and citations as revision 1, by the token that wrote it', async () => {
    const [putin, xi, rfi] = [
      await idOfSlug('actor', 'vladimir-putin'),
      await idOfSlug('actor', 'xi-jinping'),
      await sourceId('rfi-2023-03-21-xi-moscow'),
    ];
    const input = newEvent({
      participants: [
        { actorId: putin, role: 'SPEAKER' },
        { actorId: xi, role: 'SPEAKER', note: ' speaks second ' },
      ],
      citations: [{ sourceId: rfi, quote: '两国元首共同会见记者' }],
      reason: 'Reported the same day.',
    });
    const { data, errors } = await execute(CREATE, { input }, tokens.editor);
    expect(errors).toBeUndefined();
    expect(data!.createEvent.event).toMatchObject({
      slug: 'xi-putin-joint-press-statements',
      status: 'OCCURRED',
      revision: 1,
      time: {
        start: '2023-03-20T21:00:00.000Z',
        end: null,
        precision: 'DAY',
        timeZone: 'Europe/Moscow',
        local: '2023-03-21',
      },
      participants: [
        { role: 'SPEAKER', actor: { slug: 'vladimir-putin' } },
        { role: 'SPEAKER', actor: { slug: 'xi-jinping' } },
      ],
      citations: [
        { id: expect.any(String), quote: '两国元首共同会见记者', source: { slug: 'rfi-2023-03-21-xi-moscow' } },
      ],
    });
    const history = (await execute(HISTORY, { slug: 'xi-putin-joint-press-statements' })).data!.event.history;
    expect(history.totalCount).toBe(1);
    expect(history.nodes[0]).toMatchObject({
      revision: 1,
      action: 'CREATE',
      author: 'test-editor',
      reason: 'Reported the same day.',
    });
    expect(history.nodes[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'status', before: null, after: 'OCCURRED' },
        { field: 'place', before: null, after: 'moscow-kremlin' },
        { field: 'participants', before: null, after: { actor: xi, role: 'SPEAKER', note: 'speaks second' } },
      ]),
    );
  });

  it('refuses a slug that is taken with CONFLICT on input.slug, writing nothing', async () => {
    const before = await databaseState();
    const { errors } = await execute(CREATE, { input: newEvent({ slug: 'icc-arrest-warrant-putin' }) }, tokens.editor);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', argument: 'input.slug' });
    expect(await databaseState()).toEqual(before);
  });

  it.each([
    ['a malformed slug', { slug: 'Not A Slug' }, 'input.slug'],
    ['an unknown language tag', { originalLanguage: 'english!' }, 'input.originalLanguage'],
    ['titles without the original language', { originalLanguage: 'ru' }, 'input.titles'],
    ['a blank title', { titles: [{ lang: 'en', text: '   ' }] }, 'input.titles[0].text'],
    ['an overlong title', { titles: [{ lang: 'en', text: 'x'.repeat(301) }] }, 'input.titles[0].text'],
    [
      'an invalid time zone',
      { time: { start: '2023-03-21T00:00:00Z', precision: 'DAY', timeZone: 'Mars/Olympus' } },
      'input.time.timeZone',
    ],
    [
      'a start that is not the start of its day in the zone',
      { time: { start: '2023-03-21T10:00:00Z', precision: 'DAY', timeZone: 'Europe/Moscow' } },
      'input.time.start',
    ],
    [
      'an end before the start',
      {
        time: {
          start: '2023-03-20T21:00:00Z',
          end: '2023-03-19T21:00:00Z',
          precision: 'DAY',
          timeZone: 'Europe/Moscow',
        },
      },
      'input.time.end',
    ],
    ['a duplicated tag', { tags: ['a', 'a'] }, 'input.tags[1]'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_case, overrides, argument) => {
    const before = await databaseState();
    const { errors } = await execute(
      CREATE,
      { input: newEvent({ slug: 'refused-event', ...overrides }) },
      tokens.editor,
    );
    expect(errors).toHaveLength(1);
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(await databaseState()).toEqual(before);
  });

  it('refuses an enum value that does not exist before running', async () => {
    const { errors } = await execute(
      CREATE,
      { input: newEvent({ slug: 'refused-event', kind: 'PARTY' }) },
      tokens.editor,
    );
    expect(errorCodes({ errors })).toEqual(['BAD_USER_INPUT']);
  });

  it('names the participant whose actor does not exist, with NOT_FOUND', async () => {
    const putin = await idOfSlug('actor', 'vladimir-putin');
    const missing = toGlobalId('Actor', '999999');
    const before = await databaseState();
    const { errors } = await execute(
      CREATE,
      {
        input: newEvent({
          slug: 'refused-event',
          participants: [
            { actorId: putin, role: 'HOST' },
            { actorId: missing, role: 'GUEST' },
          ],
        }),
      },
      tokens.editor,
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'input.participants[1].actorId' });
    expect(await databaseState()).toEqual(before);
  });

  it('needs a token: UNAUTHENTICATED without one, and nothing is written', async () => {
    const before = await databaseState();
    const { errors, data } = await execute(CREATE, { input: newEvent({ slug: 'unauthenticated-event' }) });
    expect(data).toBeNull();
    expect(errorCodes({ errors })).toEqual(['UNAUTHENTICATED']);
    expect(await databaseState()).toEqual(before);
  });
});

describe('a write that fails half-way', () => {
  beforeAll(async () => {
    await database.pool.query(`
      CREATE FUNCTION fail_on_marked_quote() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.quote = 'FAIL HERE' THEN RAISE EXCEPTION 'injected failure'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER citation_fail_on_marked_quote BEFORE INSERT ON citation FOR EACH ROW EXECUTE FUNCTION fail_on_marked_quote();
    `);
  });
  afterAll(async () => {
    await database.pool.query(
      `DROP TRIGGER citation_fail_on_marked_quote ON citation; DROP FUNCTION fail_on_marked_quote;`,
    );
  });

  it('leaves the database exactly as it was: no event, participation, citation, revision or history', async () => {
    const rfi = await sourceId('rfi-2023-03-21-xi-moscow');
    const putin = await idOfSlug('actor', 'vladimir-putin');
    const before = await databaseState();
    const { errors } = await execute(
      CREATE,
      {
        input: newEvent({
          slug: 'half-written-event',
          participants: [{ actorId: putin, role: 'HOST' }],
          citations: [
            { sourceId: rfi, quote: 'first, written' },
            { sourceId: rfi, quote: 'FAIL HERE' },
          ],
        }),
      },
      tokens.editor,
    );
    expect(errorCodes({ errors })).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(await databaseState()).toEqual(before);
    expect((await execute(`{ event(slug: "half-written-event") { id } }`)).data!.event).toBeNull();
  });

  it('rolls back a status change whose citation fails, keeping the old status and revision', async () => {
    const talks = await idOfSlug('event', 'russia-criminal-case-against-icc');
    const rfi = await sourceId('rfi-2023-03-21-xi-moscow');
    const before = await databaseState();
    const { errors } = await execute(
      `mutation ($input: SetEventStatusInput!) { setEventStatus(input: $input) { event { status } } }`,
      { input: { id: talks, status: 'CANCELLED', citation: { sourceId: rfi, quote: 'FAIL HERE' } } },
      tokens.editor,
    );
    expect(errorCodes({ errors })).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(await databaseState()).toEqual(before);
    expect((await execute(HISTORY, { slug: 'russia-criminal-case-against-icc' })).data!.event).toMatchObject({
      revision: 1,
    });
  });
});

describe('updateEvent', () => {
  it('changes only the fields given and lists each change in the history', async () => {
    const id = await idOfSlug('event', 'xi-leaves-moscow');
    const { data, errors } = await execute(
      UPDATE,
      { input: { id, expectedRevision: 1, tags: ['xi-moscow-visit-2023', 'departure'], reason: 'Tagging' } },
      tokens.editor,
    );
    expect(errors).toBeUndefined();
    expect(data!.updateEvent.event).toMatchObject({
      revision: 2,
      status: 'PLANNED',
      tags: ['xi-moscow-visit-2023', 'departure'],
    });
    const history = (await execute(HISTORY, { slug: 'xi-leaves-moscow' })).data!.event.history;
    expect(history.nodes[0]).toEqual({
      revision: 2,
      action: 'UPDATE',
      author: 'test-editor',
      reason: 'Tagging',
      changes: [{ field: 'tags', before: expect.any(Array), after: ['xi-moscow-visit-2023', 'departure'] }],
    });
  });

  it('records no revision for a change that changes nothing', async () => {
    const id = await idOfSlug('event', 'xi-leaves-moscow');
    const { data } = await execute(
      UPDATE,
      { input: { id, tags: ['xi-moscow-visit-2023', 'departure'] } },
      tokens.editor,
    );
    expect(data!.updateEvent.event.revision).toBe(2);
  });

  it('answers a stale expectedRevision with CONFLICT and the current revision', async () => {
    const id = await idOfSlug('event', 'xi-leaves-moscow');
    const { errors } = await execute(
      UPDATE,
      { input: { id, expectedRevision: 1, status: 'CANCELLED' } },
      tokens.editor,
    );
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      currentRevision: 2,
      argument: 'input.expectedRevision',
    });
  });

  it('lets exactly one of many concurrent updates from the same revision win; the others get CONFLICT', async () => {
    const id = await idOfSlug('event', 'kyiv-cautiously-welcomes-peace-proposal');
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        execute(UPDATE, { input: { id, expectedRevision: 1, tags: [`attempt-${index}`] } }, tokens.editor),
      ),
    );
    const winners = attempts.filter((attempt) => !attempt.errors);
    expect(winners).toHaveLength(1);
    expect(attempts.filter((attempt) => errorCodes(attempt)[0] === 'CONFLICT')).toHaveLength(7);
    const history = (await execute(HISTORY, { slug: 'kyiv-cautiously-welcomes-peace-proposal' })).data!.event;
    expect(history.revision).toBe(2);
    expect(history.history.nodes[0].changes[0].after).toEqual(winners[0]!.data!.updateEvent.event.tags);
  });

  it('loses no write when concurrent updates without expectedRevision change different fields', async () => {
    const id = await idOfSlug('event', 'us-fears-ceasefire-call');
    const results = await Promise.all([
      execute(UPDATE, { input: { id, tags: ['ceasefire'] } }, tokens.editor),
      execute(UPDATE, { input: { id, kind: 'ANNOUNCEMENT' } }, tokens.editor),
      execute(
        UPDATE,
        { input: { id, summaries: [{ lang: 'en', text: 'Washington fears a ceasefire call.' }] } },
        tokens.editor,
      ),
    ]);
    expect(results.map((result) => result.errors)).toEqual([undefined, undefined, undefined]);
    const { data } = await execute(
      `{ event(slug: "us-fears-ceasefire-call") { revision kind tags summary(lang: "en") history { totalCount } } }`,
    );
    expect(data!.event).toEqual({
      revision: 4,
      kind: 'ANNOUNCEMENT',
      tags: ['ceasefire'],
      summary: 'Washington fears a ceasefire call.',
      history: { totalCount: 4 },
    });
  });

  it('refuses null for a field that cannot be empty', async () => {
    const id = await idOfSlug('event', 'xi-leaves-moscow');
    const { errors } = await execute(UPDATE, { input: { id, kind: null } }, tokens.editor);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.kind' });
  });

  it('answers an unknown event with NOT_FOUND and a wrong kind of id with BAD_USER_INPUT', async () => {
    const unknown = toGlobalId('Event', '999999');
    const actor = await idOfSlug('actor', 'vladimir-putin');
    expect(
      (await execute(UPDATE, { input: { id: unknown, kind: 'OTHER' } }, tokens.editor)).errors?.[0]?.extensions,
    ).toMatchObject({ code: 'NOT_FOUND', argument: 'input.id' });
    expect(
      (await execute(UPDATE, { input: { id: actor, kind: 'OTHER' } }, tokens.editor)).errors?.[0]?.extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.id' });
  });
});

describe('participants, citations and relations', () => {
  const ADD = `mutation ($input: AddParticipantInput!) { addParticipant(input: $input) { event { revision participants { role actor { slug } } } } }`;
  const REMOVE = `mutation ($input: RemoveParticipantInput!) { removeParticipant(input: $input) { event { revision participants { role actor { slug } } } } }`;
  const LINK = `mutation ($input: EventLinkInput!) { linkEvents(input: $input) { event { revision related { type event { slug } } } relatedEvent { revision related { type event { slug } } } } }`;

  it('adds and removes a participant, each as one revision of the event', async () => {
    const event = await idOfSlug('event', 'xi-leaves-moscow');
    const blinken = await idOfSlug('actor', 'antony-blinken');
    const before = (await execute(HISTORY, { slug: 'xi-leaves-moscow' })).data!.event.revision;
    const added = await execute(ADD, { input: { eventId: event, actorId: blinken, role: 'MENTIONED' } }, tokens.editor);
    expect(added.errors).toBeUndefined();
    expect(added.data!.addParticipant.event.revision).toBe(before + 1);
    expect(added.data!.addParticipant.event.participants).toContainEqual({
      role: 'MENTIONED',
      actor: { slug: 'antony-blinken' },
    });
    const again = await execute(ADD, { input: { eventId: event, actorId: blinken, role: 'MENTIONED' } }, tokens.editor);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    const removed = await execute(
      REMOVE,
      { input: { eventId: event, actorId: blinken, role: 'MENTIONED' } },
      tokens.editor,
    );
    expect(removed.data!.removeParticipant.event.revision).toBe(before + 2);
    expect(removed.data!.removeParticipant.event.participants).not.toContainEqual({
      role: 'MENTIONED',
      actor: { slug: 'antony-blinken' },
    });
    const actions = (await execute(HISTORY, { slug: 'xi-leaves-moscow' })).data!.event.history.nodes.map(
      (node: { action: string }) => node.action,
    );
    expect(actions.slice(0, 2)).toEqual(['REMOVE_PARTICIPANT', 'ADD_PARTICIPANT']);
  });

  it('links two events in either direction and shows the relation from both sides', async () => {
    const [mao, treaty] = [
      await idOfSlug('event', 'mao-visit-to-moscow-1949'),
      await idOfSlug('event', 'sino-soviet-treaty-1950'),
    ];
    await execute(
      `mutation ($input: EventLinkInput!) { unlinkEvents(input: $input) { event { slug } } }`,
      { input: { eventId: treaty, type: 'PART_OF', relatedEventId: mao } },
      tokens.editor,
    );
    const { data, errors } = await execute(
      LINK,
      { input: { eventId: mao, type: 'HAS_PART', relatedEventId: treaty } },
      tokens.editor,
    );
    expect(errors).toBeUndefined();
    expect(data!.linkEvents.event.related).toContainEqual({
      type: 'HAS_PART',
      event: { slug: 'sino-soviet-treaty-1950' },
    });
    expect(data!.linkEvents.relatedEvent.related).toContainEqual({
      type: 'PART_OF',
      event: { slug: 'mao-visit-to-moscow-1949' },
    });
    const self = await execute(LINK, { input: { eventId: mao, type: 'FOLLOWS', relatedEventId: mao } }, tokens.editor);
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.relatedEventId' });
  });

  it('removes a citation by its global id', async () => {
    const { data } = await execute(`{ event(slug: "xi-putin-joint-press-statements") { citations { id } revision } }`);
    const [citation] = data!.event.citations;
    const removed = await execute(
      `mutation ($input: RemoveCitationInput!) { removeCitation(input: $input) { event { revision citations { id } } } }`,
      { input: { id: citation.id, expectedRevision: data!.event.revision } },
      tokens.editor,
    );
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.removeCitation.event).toEqual({ revision: data!.event.revision + 1, citations: [] });
    expect((await execute(`query ($id: ID!) { node(id: $id) { id } }`, { id: citation.id })).data!.node).toBeNull();
  });
});

describe('deleteEvent', () => {
  const DELETE = `mutation ($input: DeleteEventInput!) { deleteEvent(input: $input) { deletedEventId } }`;

  it('is FORBIDDEN to an editor', async () => {
    const id = await idOfSlug('event', 'xi-putin-joint-press-statements');
    const { errors } = await execute(DELETE, { input: { id } }, tokens.editor);
    expect(errorCodes({ errors })).toEqual(['FORBIDDEN']);
  });

  it('deletes for an admin; the event reappears as of before the deletion, with its history', async () => {
    const id = await idOfSlug('event', 'xi-putin-joint-press-statements');
    const { data, errors } = await execute(
      DELETE,
      { input: { id, reason: 'Duplicate of the formal talks' } },
      tokens.admin,
    );
    expect(errors).toBeUndefined();
    expect(data!.deleteEvent.deletedEventId).toBe(id);
    expect((await execute(`query ($id: ID!) { node(id: $id) { id } }`, { id })).data!.node).toBeNull();
    const { rows } = await database.pool.query(
      `SELECT revision, action, author, recorded_at FROM revision WHERE subject_type = 'EVENT' AND subject_id = $1 ORDER BY revision DESC LIMIT 1`,
      [parseGlobalId(id)!.id],
    );
    expect(rows[0]).toMatchObject({ action: 'DELETE', author: 'test-admin' });
    const asOf = new Date((rows[0].recorded_at as Date).getTime() - 1);
    const then = await execute(
      `query ($id: ID!, $asOf: DateTime) { node(id: $id, asOf: $asOf) { ... on Event { slug history { nodes { action } } } } }`,
      { id, asOf },
    );
    expect(then.errors).toBeUndefined();
    expect(then.data!.node.slug).toBe('xi-putin-joint-press-statements');
    expect(then.data!.node.history.nodes.map((node: { action: string }) => node.action)).not.toContain('DELETE');
  });
});
