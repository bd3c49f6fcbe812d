import { useTestDatabase } from './helpers/database';
import { badUserInput, type Execute, type GraphQLResult, useGraphQL } from './helpers/graphql';
import { PUTIN_EVENTS } from './helpers/seed-facts';

const database = useTestDatabase();
const executeInProcess = useGraphQL(database);
/** Results as a client receives them over HTTP: JSON, so DateTime values are ISO strings. */
const execute: Execute = async (query, variables) =>
  JSON.parse(JSON.stringify(await executeInProcess(query, variables)));

const SEARCH_QUERY = `query ($query: String!, $first: Int) {
  search(query: $query, first: $first) {
    __typename
    ... on Actor { slug }
    ... on Event { slug }
    ... on Source { slug }
  }
}`;

interface Hit {
  __typename: 'Actor' | 'Event' | 'Source';
  slug: string;
}

async function search(query: string, first?: number): Promise<Hit[]> {
  const { data, errors } = await execute(SEARCH_QUERY, { query, first });
  expect(errors).toBeUndefined();
  return data!.search;
}

async function eventHits(query: string): Promise<string[]> {
  return (await search(query, 100)).filter((hit) => hit.__typename === 'Event').map((hit) => hit.slug);
}

/** The slugs of all actors matching, checking totalCount against them. */
async function actorSlugs(searchText: string | null, kind?: string): Promise<string[]> {
  const { data, errors } = await execute(
    `query ($search: String, $kind: ActorKind) {
      actors(search: $search, kind: $kind, first: 100) { totalCount nodes { slug } }
    }`,
    { search: searchText, kind },
  );
  expect(errors).toBeUndefined();
  const slugs = data!.actors.nodes.map((node: { slug: string }) => node.slug);
  expect(data!.actors.totalCount).toBe(slugs.length);
  return slugs;
}

async function actorDatabaseId(slug: string): Promise<string> {
  const { rows } = await database.pool.query<{ id: string }>(`SELECT id FROM actor WHERE slug = $1`, [slug]);
  return rows[0]!.id;
}

const events = (...slugs: string[]): Hit[] => slugs.map((slug) => ({ __typename: 'Event', slug }));

interface ActorPage {
  totalCount: number;
  nodes: { slug: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

const ALL_ACTORS = [
  'antony-blinken',
  'china',
  'china-foreign-ministry',
  'corriere-della-sera',
  'foreign-policy-analysts',
  'international-criminal-court',
  'investigative-committee-of-russia',
  'iryna-vereshchuk',
  'john-kirby',
  'joseph-stalin',
  'karim-khan',
  'kremlin',
  'mao-zedong',
  'maria-lvova-belova',
  'national-peoples-congress',
  'reuters',
  'rfi',
  'russia',
  'russian-state-news-agencies',
  'soviet-union',
  'ukraine',
  'united-states',
  'vladimir-putin',
  'volodymyr-zelensky',
  'xi-jinping',
  'yu-jie',
];

describe('finding Putin', () => {
  it.each([
    ['his Chinese name', '普京'],
    ['his English surname', 'Putin'],
    ['his surname in lower case', 'putin'],
    ['his surname in capitals', 'PUTIN'],
    ['an alias in traditional transliteration', '普丁'],
    ['his patronymic', 'Vladimir Vladimirovich'],
    ['his Russian name', 'Владимир Путин'],
    ['his Russian surname in lower case', 'путин'],
    ['his slug', 'vladimir-putin'],
  ])('finds him by %s (%s), first among the hits', async (_description, query) => {
    expect(await actorSlugs(query)).toEqual(['vladimir-putin']);
    expect((await search(query))[0]).toEqual({ __typename: 'Actor', slug: 'vladimir-putin' });
  });

  it('finds the same events by his name in any language: his own and those that mention him', async () => {
    const russian = await eventHits('Путин');
    expect(await eventHits('普京')).toEqual(russian);
    expect(await eventHits('Putin')).toEqual(russian);
    expect(await eventHits('普丁')).toEqual(russian);
    expect(PUTIN_EVENTS.filter((slug) => !russian.includes(slug))).toEqual([]);
    // Mentioned by name in the Chinese text only: found by his English and Russian names too.
    expect(russian).toContain('mao-visit-to-moscow-1949');
  });

  it('gives actors, then events in time order, then sources', async () => {
    expect(await search('Putin', 100)).toEqual([
      { __typename: 'Actor', slug: 'vladimir-putin' },
      ...events(
        'mao-visit-to-moscow-1949',
        'moscow-publicises-xi-visit',
        'china-peace-proposal-ukraine',
        'xi-state-visit-announced',
        'icc-arrest-warrant-putin',
        'china-criticises-icc-warrant',
        'xi-state-visit-to-russia-2023',
        'russia-criminal-case-against-icc',
        'xi-putin-informal-talks',
        'xi-predicts-putin-reelection',
        'putin-respects-china-peace-proposal',
        'analysts-doubt-military-support',
        'blinken-diplomatic-cover-statement',
        'kirby-urges-xi-to-press-putin',
        'xi-putin-formal-talks',
        'kremlin-on-putin-2024-candidacy',
        'russian-presidential-election-2024',
      ),
      { __typename: 'Source', slug: 'page-dating-icc-putin-warrant-2023-02-22' },
    ]);
  });
});

describe('search', () => {
  it('finds events through their actors’ names', async () => {
    expect(await search('Lvova-Belova')).toEqual([
      { __typename: 'Actor', slug: 'maria-lvova-belova' },
      ...events('icc-arrest-warrant-putin'),
    ]);
    expect(await eventHits('Си Цзиньпин')).toEqual([
      'mao-visit-to-moscow-1949',
      'moscow-publicises-xi-visit',
      'zelensky-calls-for-talks-with-xi',
      'xi-elected-to-third-term',
      'xi-state-visit-announced',
      'xi-state-visit-to-russia-2023',
      'xi-putin-informal-talks',
      'xi-predicts-putin-reelection',
      'putin-respects-china-peace-proposal',
      'vereshchuk-awaits-word-on-xi-zelensky-call',
      'yu-jie-no-military-in-xi-entourage',
      'analysts-doubt-military-support',
      'blinken-diplomatic-cover-statement',
      'kirby-urges-xi-to-press-putin',
      'xi-putin-formal-talks',
      'kremlin-on-putin-2024-candidacy',
      'xi-leaves-moscow',
      'russian-presidential-election-2024',
    ]);
  });

  it('finds events through the people and outlets their citations name', async () => {
    expect(await eventHits('Reuters')).toEqual(await eventHits('路透社'));
    expect(await eventHits('路透社')).toContain('icc-arrest-warrant-putin');
  });

  it('finds events by their titles in Chinese and in English', async () => {
    expect(await search('外交掩护')).toEqual(events('blinken-diplomatic-cover-statement'));
    expect(await search('diplomatic cover')).toEqual(events('blinken-diplomatic-cover-statement'));
    expect(await search('informal talks')).toEqual(events('xi-putin-informal-talks'));
    expect(await search('Chatham')).toEqual(events('yu-jie-no-military-in-xi-entourage'));
  });

  it('finds events by words found only in their citations’ quotes and notes', async () => {
    expect(await search('犯下的暴行')).toEqual(events('blinken-diplomatic-cover-statement'));
    expect(await search('晚宴后')).toEqual(events('xi-putin-formal-talks'));
    expect(await search('Conflicting claim')).toEqual(events('sino-soviet-treaty-1950', 'icc-arrest-warrant-putin'));
  });

  it('requires every word to match', async () => {
    const putin = await eventHits('普京');
    const warrant = await eventHits('逮捕令');
    const both = await eventHits('普京 逮捕令');
    expect(both).toEqual([
      'mao-visit-to-moscow-1949',
      'xi-state-visit-announced',
      'icc-arrest-warrant-putin',
      'china-criticises-icc-warrant',
      'xi-state-visit-to-russia-2023',
      'russia-criminal-case-against-icc',
      'blinken-diplomatic-cover-statement',
    ]);
    expect(both).toEqual(putin.filter((slug) => warrant.includes(slug)));
    expect(await actorSlugs('Владимир')).toEqual(['vladimir-putin', 'volodymyr-zelensky']);
    expect(await actorSlugs('Владимир Зеленский')).toEqual(['volodymyr-zelensky']);
    expect(await search('  diplomatic\t\ncover  ')).toEqual(events('blinken-diplomatic-cover-statement'));
    expect(await search('diplomatic walrus')).toEqual([]);
  });

  it('returns every kind of hit with its __typename', async () => {
    expect(await search('RFI')).toEqual([
      { __typename: 'Actor', slug: 'rfi' },
      ...events(
        'mao-visit-to-moscow-1949',
        'russia-declines-china-peace-proposal',
        'xi-predicts-putin-reelection',
        'vereshchuk-awaits-word-on-xi-zelensky-call',
      ),
      { __typename: 'Source', slug: 'rfi-2023-03-21-xi-moscow' },
      { __typename: 'Source', slug: 'rfi-cn-tweet-2023-03-21-xi-moscow' },
    ]);
    const { data, errors } = await execute(`{
      search(query: "Reuters", first: 1) {
        ... on Actor { id slug kind name(lang: "zh") }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.search).toEqual([
      {
        id: Buffer.from(`Actor:${await actorDatabaseId('reuters')}`).toString('base64url'),
        slug: 'reuters',
        kind: 'MEDIA_OUTLET',
        name: '路透社',
      },
    ]);
  });

  it("selects an actor's and a source's kind side by side without aliases, as actorKind and sourceKind", async () => {
    const conflicting = await execute(`{ search(query: "RFI") { ... on Actor { kind } ... on Source { kind } } }`);
    expect(conflicting.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const { data, errors } = await execute(`{
      search(query: "RFI") { __typename ... on Actor { slug actorKind kind } ... on Source { slug sourceKind } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.search.filter((hit: Hit) => hit.__typename !== 'Event')).toEqual([
      { __typename: 'Actor', slug: 'rfi', actorKind: 'MEDIA_OUTLET', kind: 'MEDIA_OUTLET' },
      { __typename: 'Source', slug: 'rfi-2023-03-21-xi-moscow', sourceKind: 'NEWS_ARTICLE' },
      { __typename: 'Source', slug: 'rfi-cn-tweet-2023-03-21-xi-moscow', sourceKind: 'SOCIAL_POST' },
    ]);
  });

  it('reads no event or source when the actors fill the page, and only as many as fit otherwise', async () => {
    const filled = await executeInProcess(SEARCH_QUERY, { query: 'RFI', first: 1 });
    expect(filled.data!.search).toEqual([{ __typename: 'Actor', slug: 'rfi' }]);
    const withEvents = await executeInProcess(SEARCH_QUERY, { query: 'RFI', first: 2 });
    expect(withEvents.data!.search).toEqual([
      { __typename: 'Actor', slug: 'rfi' },
      { __typename: 'Event', slug: 'mao-visit-to-moscow-1949' },
    ]);
    expect(filled.sqlStatements).toBe(2);
    expect(withEvents.sqlStatements).toBe(4);
  });

  it('returns at most `first` hits, 20 by default', async () => {
    expect(await search('Xi')).toHaveLength(20);
    expect(await search('RFI', 2)).toEqual([
      { __typename: 'Actor', slug: 'rfi' },
      { __typename: 'Event', slug: 'mao-visit-to-moscow-1949' },
    ]);
  });
});

describe('search wildcards', () => {
  it('matches % and \\ only literally, finding nothing in the seed', async () => {
    expect(await search('%')).toEqual([]);
    expect(await search('%putin%')).toEqual([]);
    expect(await search('\\')).toEqual([]);
    expect(await search('RFI%Cn')).toEqual([]);
    expect(await actorSlugs('%')).toEqual([]);
  });

  it('matches _ only literally, finding only the texts that contain an underscore', async () => {
    expect(await search('_')).toEqual([
      { __typename: 'Actor', slug: 'rfi' },
      { __typename: 'Source', slug: 'rfi-cn-tweet-2023-03-21-xi-moscow' },
    ]);
    expect(await search('RFI_Cn')).toEqual(await search('_'));
    // "R_I" would match "RFI" if _ were a wildcard.
    expect(await search('R_I')).toEqual([]);
    expect(await actorSlugs('_')).toEqual(['rfi']);
    const { data } = await execute(`{ timeline(filter: { search: "_" }) { totalCount } }`);
    expect(data).toEqual({ timeline: { totalCount: 0 } });
  });
});

describe('actors', () => {
  it('lists all actors by slug, 20 to a page by default', async () => {
    const { data, errors } = await execute(
      `{ actors { totalCount nodes { slug } pageInfo { hasNextPage hasPreviousPage } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      actors: {
        totalCount: 26,
        nodes: ALL_ACTORS.slice(0, 20).map((slug) => ({ slug })),
        pageInfo: { hasNextPage: true, hasPreviousPage: false },
      },
    });
  });

  it('pages through all actors with `after`, totalCount staying the same', async () => {
    const query = `query ($after: String) {
      actors(first: 10, after: $after) { totalCount nodes { slug } pageInfo { hasNextPage hasPreviousPage endCursor } }
    }`;
    const pages: { totalCount: number; slugs: string[]; hasNextPage: boolean; hasPreviousPage: boolean }[] = [];
    let after: string | null = null;
    for (let index = 0; index < 5; index += 1) {
      const result: GraphQLResult<{ actors: ActorPage }> = await execute(query, { after });
      expect(result.errors).toBeUndefined();
      const { totalCount, nodes, pageInfo }: ActorPage = result.data!.actors;
      pages.push({
        totalCount,
        slugs: nodes.map((node) => node.slug),
        hasNextPage: pageInfo.hasNextPage,
        hasPreviousPage: pageInfo.hasPreviousPage,
      });
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(pages).toEqual([
      { totalCount: 26, slugs: ALL_ACTORS.slice(0, 10), hasNextPage: true, hasPreviousPage: false },
      { totalCount: 26, slugs: ALL_ACTORS.slice(10, 20), hasNextPage: true, hasPreviousPage: true },
      { totalCount: 26, slugs: ALL_ACTORS.slice(20), hasNextPage: false, hasPreviousPage: true },
    ]);
  });

  it('pages through the actors of one kind', async () => {
    const query = `query ($after: String) {
      actors(kind: GOVERNMENT, first: 4, after: $after) { totalCount nodes { slug } pageInfo { hasNextPage endCursor } }
    }`;
    const first = await execute(query, {});
    expect(first.data!.actors).toMatchObject({
      totalCount: 9,
      nodes: [
        { slug: 'china' },
        { slug: 'china-foreign-ministry' },
        { slug: 'investigative-committee-of-russia' },
        { slug: 'kremlin' },
      ],
      pageInfo: { hasNextPage: true },
    });
    const second = await execute(query, { after: first.data!.actors.pageInfo.endCursor });
    expect(second.data!.actors).toMatchObject({
      totalCount: 9,
      nodes: [{ slug: 'national-peoples-congress' }, { slug: 'russia' }, { slug: 'soviet-union' }, { slug: 'ukraine' }],
      pageInfo: { hasNextPage: true },
    });
    const third = await execute(query, { after: second.data!.actors.pageInfo.endCursor });
    expect(third.data!.actors).toMatchObject({
      totalCount: 9,
      nodes: [{ slug: 'united-states' }],
      pageInfo: { hasNextPage: false },
    });
  });

  it('filters by kind, alone and with a search', async () => {
    expect(await actorSlugs(null, 'MEDIA_OUTLET')).toEqual([
      'corriere-della-sera',
      'reuters',
      'rfi',
      'russian-state-news-agencies',
    ]);
    expect(await actorSlugs(null, 'ORGANIZATION')).toEqual(['foreign-policy-analysts', 'international-criminal-court']);
    expect(await actorSlugs(null, 'PERSON')).toHaveLength(11);
    expect(await actorSlugs('Moscow', 'GOVERNMENT')).toEqual(['russia']);
    expect(await actorSlugs('Moscow', 'PERSON')).toEqual([]);
    expect(await actorSlugs('')).toEqual(ALL_ACTORS);
    expect(await actorSlugs('   ')).toEqual(ALL_ACTORS);
  });

  it('finds actors by alias in any script', async () => {
    expect(await actorSlugs('ICC')).toEqual(['international-criminal-court']);
    expect(await actorSlugs('МУС')).toEqual(['international-criminal-court']);
    expect(await actorSlugs('基辅')).toEqual(['ukraine']);
    expect(await actorSlugs('习主席')).toEqual(['xi-jinping']);
  });
});

describe('invalid search input', () => {
  it.each([
    ['an empty query', ''],
    ['a blank query', ' \t\n '],
  ])('rejects %s', async (_description, query) => {
    const { data, errors, sqlStatements } = await execute(SEARCH_QUERY, { query });
    expect({ data, errors, sqlStatements }).toEqual({
      data: null,
      errors: [badUserInput(['search'], 'query', '`query` must contain at least one word.')],
      sqlStatements: 0,
    });
  });

  it('rejects a query over 200 characters, and one of more than 8 words', async () => {
    expect((await search('x'.repeat(200))).length).toBe(0);
    const long = await execute(SEARCH_QUERY, { query: 'x'.repeat(201) });
    expect({ data: long.data, errors: long.errors }).toEqual({
      data: null,
      errors: [badUserInput(['search'], 'query', 'Search text is 201 characters long; at most 200 are allowed.')],
    });
    const wordy = await execute(SEARCH_QUERY, { query: 'a b c d e f g h i' });
    expect({ data: wordy.data, errors: wordy.errors }).toEqual({
      data: null,
      errors: [badUserInput(['search'], 'query', 'Search text has 9 words; at most 8 are allowed.')],
    });
    const nul = await execute(SEARCH_QUERY, { query: 'Putin\u0000' });
    expect({ data: nul.data, errors: nul.errors }).toEqual({
      data: null,
      errors: [badUserInput(['search'], 'query', 'Search text must not contain NUL characters.')],
    });
  });

  it('rejects `first` outside 1..100', async () => {
    for (const first of [0, 101]) {
      const { data, errors } = await execute(SEARCH_QUERY, { query: 'Putin', first });
      expect({ data, errors }).toEqual({
        data: null,
        errors: [badUserInput(['search'], 'first', `\`first\` must be between 1 and 100; got ${first}.`)],
      });
    }
  });

  it('rejects an over-long actor search and cursors actors() did not issue', async () => {
    const long = await execute(`query ($search: String) { actors(search: $search) { totalCount } }`, {
      search: 'x'.repeat(201),
    });
    expect({ data: long.data, errors: long.errors }).toEqual({
      data: null,
      errors: [badUserInput(['actors'], 'search', 'Search text is 201 characters long; at most 200 are allowed.')],
    });
    const { data: timeline } = await execute(`{ timeline(first: 1) { pageInfo { endCursor } } }`);
    const eventCursor: string = timeline!.timeline.pageInfo.endCursor;
    for (const after of [eventCursor, 'bm90LWEtY3Vyc29y', Buffer.from('a1:Not A Slug').toString('base64url')]) {
      const { data, errors } = await execute(`query ($after: String) { actors(after: $after) { totalCount } }`, {
        after,
      });
      expect({ data, errors }).toEqual({
        data: null,
        errors: [badUserInput(['actors'], 'after', `"${after.slice(0, 40)}" is not a cursor this list issued.`)],
      });
    }
  });
});

describe('search over texts that contain wildcard characters', () => {
  beforeAll(async () => {
    await database.pool.query(
      `INSERT INTO event (slug, kind, status, start_at, precision, time_zone, original_language, titles)
       VALUES ('tariffs-up-100-percent', 'ANNOUNCEMENT', 'PLANNED', '2024-01-01T00:00:00Z', 'DAY', 'UTC', 'en', $1)`,
      [{ en: 'Tariffs up 100% on goods_in_transit, says C:\\trade' }],
    );
  });

  it('finds the one text with %, _ or \\ in it, and only it', async () => {
    expect(await search('%')).toEqual(events('tariffs-up-100-percent'));
    expect(await search('100%')).toEqual(events('tariffs-up-100-percent'));
    expect(await search('0% on')).toEqual(events('tariffs-up-100-percent'));
    expect(await search('\\')).toEqual(events('tariffs-up-100-percent'));
    expect(await search('C:\\trade')).toEqual(events('tariffs-up-100-percent'));
    expect(await search('_')).toEqual([
      { __typename: 'Actor', slug: 'rfi' },
      ...events('tariffs-up-100-percent'),
      { __typename: 'Source', slug: 'rfi-cn-tweet-2023-03-21-xi-moscow' },
    ]);
    expect(await search('goods_in')).toEqual(events('tariffs-up-100-percent'));
    // As wildcards these would match "100% on" and "goods_in".
    expect(await search('1%on')).toEqual([]);
    expect(await search('goods_in_transit_')).toEqual([]);
  });
});
