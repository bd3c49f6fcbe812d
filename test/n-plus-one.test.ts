import { CountingSqlClient } from '../src/db/sql-client';
import { createLoaders } from '../src/graphql/loaders';
import { toGlobalId } from '../src/shared/global-id';
import { useTestDatabase } from './helpers/database';
import { useGraphQL } from './helpers/graphql';

const database = useTestDatabase();
const execute = useGraphQL(database);

const SYNTHETIC_EVENTS = 100;

/**
 * 100 events tagged "synthetic", one a day from 2030-01-02, each with 3 participants (a host all
 * of them share, and two actors of its own), 2 citations of sources of its own (each with one of
 * those actors as speaker, attributed to one of 10 outlets that also publish the sources), a place
 * out of 10 and a FOLLOWS relation to the previous event (the first follows the last, so that
 * every event has a stored relation and a derived one).
 */
async function insertSyntheticEvents(): Promise<void> {
  await database.dataSource.query(`
    INSERT INTO actor (slug, kind, names, original_language)
    SELECT format('synthetic-actor-%s', n), 'PERSON', jsonb_build_object('en', format('Synthetic actor %s', n)), 'en'
      FROM generate_series(1, 2 * ${SYNTHETIC_EVENTS}) AS n;
    INSERT INTO actor (slug, kind, names, original_language) VALUES ('synthetic-host', 'GOVERNMENT', '{"en": "Synthetic host"}', 'en');
    INSERT INTO actor (slug, kind, names, original_language)
    SELECT format('synthetic-outlet-%s', n), 'MEDIA_OUTLET', jsonb_build_object('en', format('Synthetic outlet %s', n)), 'en'
      FROM generate_series(1, 10) AS n;
    INSERT INTO place (slug, names, original_language, time_zone)
    SELECT format('synthetic-place-%s', n), jsonb_build_object('en', format('Synthetic place %s', n)), 'en', 'UTC'
      FROM generate_series(1, 10) AS n;
    INSERT INTO source (slug, kind, title, url, publisher_id, language)
    SELECT format('synthetic-source-%s', n), 'NEWS_ARTICLE', format('Synthetic source %s', n), format('https://example.com/%s', n),
           (SELECT id FROM actor WHERE slug = format('synthetic-outlet-%s', 1 + n % 10)), 'en'
      FROM generate_series(1, 2 * ${SYNTHETIC_EVENTS}) AS n;
    INSERT INTO event (slug, kind, status, start_at, precision, time_zone, place_id, tags, original_language, titles)
    SELECT format('synthetic-event-%s', n), 'MEETING', 'OCCURRED', timestamptz '2030-01-01T00:00:00Z' + n * interval '1 day', 'DAY', 'UTC',
           (SELECT id FROM place WHERE slug = format('synthetic-place-%s', 1 + n % 10)), '{synthetic}', 'en',
           jsonb_build_object('en', format('Synthetic event %s', n))
      FROM generate_series(1, ${SYNTHETIC_EVENTS}) AS n;
    INSERT INTO participation (event_id, actor_id, role, position)
    SELECT e.id, a.id, 'HOST', 0 FROM event e, actor a WHERE e.slug LIKE 'synthetic-event-%' AND a.slug = 'synthetic-host';
    INSERT INTO participation (event_id, actor_id, role, position)
    SELECT (SELECT id FROM event WHERE slug = format('synthetic-event-%s', n)),
           (SELECT id FROM actor WHERE slug = format('synthetic-actor-%s', 2 * (n - 1) + k)),
           CASE k WHEN 1 THEN 'GUEST' ELSE 'PARTICIPANT' END::participant_role, k
      FROM generate_series(1, ${SYNTHETIC_EVENTS}) AS n, generate_series(1, 2) AS k;
    INSERT INTO citation (event_id, source_id, attributed_to_id, speaker_id, quote, position)
    SELECT (SELECT id FROM event WHERE slug = format('synthetic-event-%s', n)),
           (SELECT id FROM source WHERE slug = format('synthetic-source-%s', 2 * (n - 1) + k)),
           (SELECT id FROM actor WHERE slug = format('synthetic-outlet-%s', 1 + (n + k) % 10)),
           (SELECT id FROM actor WHERE slug = format('synthetic-actor-%s', 2 * (n - 1) + k)),
           format('Quote %s of event %s', k, n), k
      FROM generate_series(1, ${SYNTHETIC_EVENTS}) AS n, generate_series(1, 2) AS k;
    INSERT INTO event_relation (from_event_id, type, to_event_id)
    SELECT (SELECT id FROM event WHERE slug = format('synthetic-event-%s', n)), 'FOLLOWS',
           (SELECT id FROM event WHERE slug = format('synthetic-event-%s', CASE n WHEN 1 THEN ${SYNTHETIC_EVENTS} ELSE n - 1 END))
      FROM generate_series(1, ${SYNTHETIC_EVENTS}) AS n;
  `);
}

/** Database ids of the synthetic events, in time order (index 0 is synthetic event 1). */
let eventIds: string[];

beforeAll(async () => {
  await insertSyntheticEvents();
  const rows = (await database.dataSource.query(
    `SELECT id FROM event WHERE 'synthetic' = ANY(tags) ORDER BY start_at`,
  )) as {
    id: string;
  }[];
  eventIds = rows.map((row) => row.id);
});

const EVENT_DETAILS = `
  title
  participants { role actor { name } }
  citations { quote source { title publisher { name } } speaker { name } attributedTo { name } }
  sources { title }
  related { type event { title } }
  place { name }
`;

interface DetailedEvent {
  title: string;
  participants: { role: string; actor: { name: string } }[];
  citations: {
    quote: string;
    source: { title: string; publisher: { name: string } };
    speaker: { name: string };
    attributedTo: { name: string };
  }[];
  sources: { title: string }[];
  related: { type: string; event: { title: string } }[];
  place: { name: string };
}

/** Synthetic event n (1-based) as EVENT_DETAILS selects it. */
function expectedEvent(n: number): DetailedEvent {
  const previous = n === 1 ? SYNTHETIC_EVENTS : n - 1;
  const next = n === SYNTHETIC_EVENTS ? 1 : n + 1;
  const source = (k: number) => 2 * (n - 1) + k;
  // Relations come ordered by the other event's time.
  const related = [
    { n: previous, relation: { type: 'FOLLOWS', event: { title: `Synthetic event ${previous}` } } },
    { n: next, relation: { type: 'FOLLOWED_BY', event: { title: `Synthetic event ${next}` } } },
  ].sort((a, b) => a.n - b.n);
  return {
    title: `Synthetic event ${n}`,
    participants: [
      { role: 'HOST', actor: { name: 'Synthetic host' } },
      { role: 'GUEST', actor: { name: `Synthetic actor ${source(1)}` } },
      { role: 'PARTICIPANT', actor: { name: `Synthetic actor ${source(2)}` } },
    ],
    citations: [1, 2].map((k) => ({
      quote: `Quote ${k} of event ${n}`,
      source: {
        title: `Synthetic source ${source(k)}`,
        publisher: { name: `Synthetic outlet ${1 + (source(k) % 10)}` },
      },
      speaker: { name: `Synthetic actor ${source(k)}` },
      attributedTo: { name: `Synthetic outlet ${1 + ((n + k) % 10)}` },
    })),
    sources: [{ title: `Synthetic source ${source(1)}` }, { title: `Synthetic source ${source(2)}` }],
    related: related.map((entry) => entry.relation),
    place: { name: `Synthetic place ${1 + (n % 10)}` },
  };
}

/** 1..count */
function firstNumbers(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 1);
}

/**
 * The statements a fully selected page of events costs, whatever its size: the page itself with
 * its participants' actors and its citations' sources (planned from the selection), one batch
 * each of relations and places, then the related events, and the actors the citations and
 * sources name (speakers, attributions, publishers).
 */
const STATEMENTS_PER_DETAILED_PAGE = 5;

describe('a timeline page with every relation of its events selected', () => {
  const TIMELINE = `query Timeline($first: Int!) {
    timeline(first: $first, filter: { tags: ["synthetic"] }) {
      edges { node { ${EVENT_DETAILS} } }
    }
  }`;

  it.each([10, 100])('returns %i events in the same fixed number of SQL statements', async (first) => {
    const result = await execute(TIMELINE, { first });
    expect(result).toEqual({
      data: { timeline: { edges: firstNumbers(first).map((n) => ({ node: expectedEvent(n) })) } },
      errors: undefined,
      sqlStatements: STATEMENTS_PER_DETAILED_PAGE,
    });
    expect(result.sqlStatements).toBeLessThanOrEqual(10);
  });

  it('stays at that number when several such pages are requested at once', async () => {
    const results = await Promise.all(firstNumbers(4).map(() => execute(TIMELINE, { first: 100 })));
    expect(results.map((result) => [result.errors, result.data?.timeline.edges.length, result.sqlStatements])).toEqual(
      results.map(() => [undefined, 100, STATEMENTS_PER_DETAILED_PAGE]),
    );
  });
});

describe("the same page as of an instant, and with each event's history", () => {
  const TIMELINE_AS_OF = `query TimelineAsOf($first: Int!, $asOf: DateTime) {
    timeline(first: $first, filter: { tags: ["synthetic"] }, asOf: $asOf) {
      edges { node { ${EVENT_DETAILS} } }
    }
  }`;

  it.each([10, 100])('returns %i events as of now in as many statements as the current page', async (first) => {
    const result = await execute(TIMELINE_AS_OF, { first, asOf: new Date() });
    expect(result).toEqual({
      data: { timeline: { edges: firstNumbers(first).map((n) => ({ node: expectedEvent(n) })) } },
      errors: undefined,
      sqlStatements: STATEMENTS_PER_DETAILED_PAGE,
    });
  });

  it.each([10, 100])(
    'reads the history of %i events in one statement more, and their counts in one more',
    async (first) => {
      const result = await execute(
        `query ($first: Int!) { timeline(first: $first, filter: { tags: ["synthetic"] }) {
        nodes { slug history(first: 2) { totalCount nodes { revision action } } } } }`,
        { first },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.timeline.nodes).toHaveLength(first);
      expect(result.sqlStatements).toBe(3);
    },
  );
});

describe("an actor's nested timeline with every relation selected", () => {
  const ACTOR_TIMELINE = `query ActorTimeline($first: Int!) {
    actor(slug: "synthetic-host") {
      name
      timeline(first: $first) { edges { node { ${EVENT_DETAILS} } } }
    }
  }`;

  it.each([10, 100])('returns %i events with one statement more than the timeline, for the actor', async (first) => {
    const result = await execute(ACTOR_TIMELINE, { first });
    expect(result).toEqual({
      data: {
        actor: {
          name: 'Synthetic host',
          timeline: { edges: firstNumbers(first).map((n) => ({ node: expectedEvent(n) })) },
        },
      },
      errors: undefined,
      sqlStatements: STATEMENTS_PER_DETAILED_PAGE + 1,
    });
  });
});

describe('a list of actors, each with its own timeline page', () => {
  const ACTORS_WITH_TIMELINES = `query ActorsWithTimelines($actors: Int!) {
    actors(first: $actors) {
      nodes {
        slug
        timeline(first: 3, order: REVERSE_CHRONOLOGICAL) {
          pageInfo { hasNextPage }
          nodes { slug participants { actor { slug } } }
        }
      }
    }
  }`;

  it('takes the same number of statements for 2 actors as for 20: their pages come in one batch', async () => {
    const [few, many] = [
      await execute(ACTORS_WITH_TIMELINES, { actors: 2 }),
      await execute(ACTORS_WITH_TIMELINES, { actors: 20 }),
    ];
    expect([few.errors, many.errors]).toEqual([undefined, undefined]);
    expect(many.data!.actors.nodes).toHaveLength(20);
    expect(few.sqlStatements).toBe(2);
    expect(many.sqlStatements).toBe(few.sqlStatements);
  });

  it('gives each actor the same page as asking for that actor alone', async () => {
    const listed = await execute(ACTORS_WITH_TIMELINES, { actors: 20 });
    for (const actor of listed.data!.actors.nodes.slice(0, 5)) {
      const alone = await execute(
        `query ($slug: String!) { actor(slug: $slug) { timeline(first: 3, order: REVERSE_CHRONOLOGICAL) {
          pageInfo { hasNextPage } nodes { slug participants { actor { slug } } } } } }`,
        { slug: actor.slug },
      );
      expect(alone.data!.actor.timeline).toEqual(actor.timeline);
    }
  });

  it("counts every listed actor's events and checks their earlier pages in one statement each", async () => {
    const query = `query ($actors: Int!, $after: String) {
      actors(first: $actors) {
        nodes { slug timeline(first: 2, after: $after) { totalCount pageInfo { hasPreviousPage hasNextPage } } }
      }
    }`;
    const { data: anchor } = await execute(`{ timeline(first: 1) { edges { cursor } } }`);
    const after = anchor!.timeline.edges[0].cursor;
    const [few, many] = [await execute(query, { actors: 2, after }), await execute(query, { actors: 20, after })];
    expect([few.errors, many.errors]).toEqual([undefined, undefined]);
    expect(few.sqlStatements).toBe(4);
    expect(many.sqlStatements).toBe(few.sqlStatements);
    for (const actor of many.data!.actors.nodes.slice(0, 6)) {
      const alone = await execute(
        `query ($slug: String!, $after: String) { actor(slug: $slug) {
          timeline(first: 2, after: $after) { totalCount pageInfo { hasPreviousPage hasNextPage } } } }`,
        { slug: actor.slug, after },
      );
      expect(alone.data!.actor.timeline).toEqual(actor.timeline);
    }
  });

  it('batches the events of many sources the same way, whatever the number of sources', async () => {
    const query = `query ($first: Int!) { timeline(first: $first) { nodes { sources { slug events(first: 2) { nodes { slug } } } } } }`;
    const [few, many] = [await execute(query, { first: 2 }), await execute(query, { first: 100 })];
    expect([few.errors, many.errors]).toEqual([undefined, undefined]);
    // Timeline, citations, sources, then the sources' pages: a source already loaded for an earlier
    // event resolves a tick sooner, so its page may come in a second batch, never one per source.
    expect(few.sqlStatements).toBeLessThanOrEqual(5);
    expect(many.sqlStatements).toBeLessThanOrEqual(5);
  });
});

describe('nodes(ids) with every relation selected', () => {
  const NODES = `query Nodes($ids: [ID!]!) {
    nodes(ids: $ids) { id ... on Event { ${EVENT_DETAILS} } }
  }`;

  // The events come in one statement by id with their participants and citations, planned from
  // the selection as a timeline page's are, so the count equals a timeline page's.
  it.each([10, 50])('returns %i events in the same fixed number of SQL statements', async (count) => {
    const ids = eventIds.slice(0, count).map((id) => toGlobalId('Event', id));
    const result = await execute(NODES, { ids });
    expect(result).toEqual({
      data: { nodes: firstNumbers(count).map((n) => ({ id: ids[n - 1], ...expectedEvent(n) })) },
      errors: undefined,
      sqlStatements: STATEMENTS_PER_DETAILED_PAGE,
    });
  });

  it('returns null in place of ids that do not exist, in the order given', async () => {
    const ids = [
      toGlobalId('Event', eventIds[1]!),
      toGlobalId('Event', '999999999'),
      toGlobalId('Event', eventIds[0]!),
    ];
    const result = await execute(`query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Event { title } } }`, { ids });
    expect(result).toEqual({
      data: {
        nodes: [{ id: ids[0], title: 'Synthetic event 2' }, null, { id: ids[2], title: 'Synthetic event 1' }],
      },
      errors: undefined,
      sqlStatements: 1,
    });
  });
});

describe('the per-request loaders', () => {
  function loadersWithCounter() {
    const sql = new CountingSqlClient(database.pool);
    return { sql, loaders: createLoaders(sql) };
  }

  it('answer loads made in the same tick with one statement, in key order, with null for missing ids', async () => {
    const { sql, loaders } = loadersWithCounter();
    const [second, missing, first, secondAgain] = await Promise.all([
      loaders.eventById.load(eventIds[1]!),
      loaders.eventById.load('999999999'),
      loaders.eventById.load(eventIds[0]!),
      loaders.eventById.load(eventIds[1]!),
    ]);
    expect([second?.slug, missing, first?.slug, secondAgain?.slug]).toEqual([
      'synthetic-event-2',
      null,
      'synthetic-event-1',
      'synthetic-event-2',
    ]);
    expect(sql.statements).toBe(1);
  });

  it('cache what they loaded for the rest of the request', async () => {
    const { sql, loaders } = loadersWithCounter();
    const firstLoad = await loaders.eventById.loadMany(eventIds.slice(0, 5));
    const secondLoad = await loaders.eventById.loadMany(eventIds.slice(0, 5));
    expect(secondLoad).toEqual(firstLoad);
    expect(sql.statements).toBe(1);
  });

  it('are not shared between requests', async () => {
    const first = loadersWithCounter();
    const second = loadersWithCounter();
    await first.loaders.eventById.load(eventIds[0]!);
    await second.loaders.eventById.load(eventIds[0]!);
    expect([first.sql.statements, second.sql.statements]).toEqual([1, 1]);
  });

  it('give an empty list, not null, for an event without participations', async () => {
    const { sql, loaders } = loadersWithCounter();
    const [none, some] = await loaders.participationsByEventId.loadMany(['999999999', eventIds[2]!]);
    expect(none).toEqual([]);
    expect(some).toEqual([
      expect.objectContaining({ eventId: eventIds[2], role: 'HOST' }),
      expect.objectContaining({ eventId: eventIds[2], role: 'GUEST' }),
      expect.objectContaining({ eventId: eventIds[2], role: 'PARTICIPANT' }),
    ]);
    expect(sql.statements).toBe(1);
  });

  it('group rows by key, in key order, for lists of any length', async () => {
    const { sql, loaders } = loadersWithCounter();
    const keys = [...eventIds].reverse();
    const groups = await loaders.citationsByEventId.loadMany(keys);
    expect(groups).toHaveLength(SYNTHETIC_EVENTS);
    groups.forEach((group, index) => {
      expect(group).toEqual([
        expect.objectContaining({ eventId: keys[index], quote: `Quote 1 of event ${SYNTHETIC_EVENTS - index}` }),
        expect.objectContaining({ eventId: keys[index], quote: `Quote 2 of event ${SYNTHETIC_EVENTS - index}` }),
      ]);
    });
    expect(sql.statements).toBe(1);
  });

  it('read each relation from both of its events, the inverse derived', async () => {
    const { loaders } = loadersWithCounter();
    expect(await loaders.relationsByEventId.load(eventIds[4]!)).toEqual([
      { eventId: eventIds[4], type: 'FOLLOWS', otherEventId: eventIds[3] },
      { eventId: eventIds[4], type: 'FOLLOWED_BY', otherEventId: eventIds[5] },
    ]);
  });
});
