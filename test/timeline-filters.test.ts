import { useTestDatabase } from './helpers/database';
import { badUserInput, type Execute, type GraphQLResult, useGraphQL } from './helpers/graphql';
import { PUTIN_EVENTS, XI_EVENTS } from './helpers/seed-facts';

const database = useTestDatabase();
const executeInProcess = useGraphQL(database);
/** Results as a client receives them over HTTP: JSON, so DateTime values are ISO strings. */
const execute: Execute = async (query, variables) =>
  JSON.parse(JSON.stringify(await executeInProcess(query, variables)));

type Filter = Record<string, unknown>;

interface TimelinePage {
  totalCount: number;
  nodes: { slug: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Global ids of the seeded actors and sources by slug, read through the API. */
const actorIds = new Map<string, string>();
const sourceIds = new Map<string, string>();

beforeAll(async () => {
  const { data, errors } = await execute(`{
    actors(first: 100) { nodes { id slug } }
    timeline(first: 100) { nodes { sources { id slug } } }
  }`);
  expect(errors).toBeUndefined();
  for (const actor of data!.actors.nodes) actorIds.set(actor.slug, actor.id);
  for (const event of data!.timeline.nodes) for (const source of event.sources) sourceIds.set(source.slug, source.id);
});

function actor(slug: string): string {
  const id = actorIds.get(slug);
  if (!id) throw new Error(`no seeded actor ${slug}`);
  return id;
}

function source(slug: string): string {
  const id = sourceIds.get(slug);
  if (!id) throw new Error(`no seeded source ${slug}`);
  return id;
}

/** The slugs of the whole filtered timeline, checking that totalCount agrees with what was returned. */
async function timelineSlugs(filter: Filter | null, order = 'CHRONOLOGICAL'): Promise<string[]> {
  const { data, errors } = await execute(
    `query ($filter: TimelineFilter, $order: TimelineOrder) {
      timeline(filter: $filter, order: $order, first: 100) {
        totalCount nodes { slug } pageInfo { hasNextPage hasPreviousPage }
      }
    }`,
    { filter, order },
  );
  expect(errors).toBeUndefined();
  const slugs = data!.timeline.nodes.map((node: { slug: string }) => node.slug);
  expect(data!.timeline.totalCount).toBe(slugs.length);
  expect(data!.timeline.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false });
  return slugs;
}

/** A page of a timeline walked both ways. */
interface WindowPage {
  timeline: {
    nodes: { slug: string }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

const MONTH_SPANS_COVERING_MID_MARCH_2023 = [
  'moscow-publicises-xi-visit',
  'beijing-denies-plans-to-arm-russia',
  'zelensky-calls-for-talks-with-xi',
  'us-concern-china-may-arm-russia',
  'kyiv-war-will-not-end-before-russian-withdrawal',
];

const XI_AND_PUTIN_EVENTS = [
  'xi-state-visit-announced',
  'xi-state-visit-to-russia-2023',
  'xi-putin-informal-talks',
  'xi-predicts-putin-reelection',
  'putin-respects-china-peace-proposal',
  'analysts-doubt-military-support',
  'blinken-diplomatic-cover-statement',
  'kirby-urges-xi-to-press-putin',
  'xi-putin-formal-talks',
];

describe('timeline filter: from and to', () => {
  it('includes a DAY event in a window that starts in the middle of its local day', async () => {
    expect(await timelineSlugs({ from: '2023-03-17T12:00:00Z', to: '2023-03-18T00:00:00Z' })).toEqual([
      ...MONTH_SPANS_COVERING_MID_MARCH_2023,
      // Shanghai's 17 March ended at 16:00Z, Moscow's at 21:00Z, Amsterdam's at 23:00Z.
      'xi-state-visit-announced',
      'moscow-denies-icc-allegations',
      'icc-arrest-warrant-putin',
    ]);
  });

  it('drops a DAY event once `from` reaches the end of its local day', async () => {
    expect(await timelineSlugs({ from: '2023-03-17T22:59:59.999Z', to: '2023-03-18T00:00:00Z' })).toEqual([
      ...MONTH_SPANS_COVERING_MID_MARCH_2023,
      'icc-arrest-warrant-putin',
    ]);
    expect(await timelineSlugs({ from: '2023-03-17T23:00:00Z', to: '2023-03-18T00:00:00Z' })).toEqual(
      MONTH_SPANS_COVERING_MID_MARCH_2023,
    );
  });

  it('treats `to` as exclusive: an event starting exactly at `to` is left out', async () => {
    const moscowMidnight = await timelineSlugs({ from: '2023-03-19T00:00:00Z', to: '2023-03-19T21:00:00Z' });
    expect(moscowMidnight).toEqual([...MONTH_SPANS_COVERING_MID_MARCH_2023, 'china-criticises-icc-warrant']);
    const oneMillisecondLater = await timelineSlugs({ from: '2023-03-19T00:00:00Z', to: '2023-03-19T21:00:00.001Z' });
    expect(oneMillisecondLater).toEqual([
      ...MONTH_SPANS_COVERING_MID_MARCH_2023,
      'china-criticises-icc-warrant',
      'xi-state-visit-to-russia-2023',
      'russia-criminal-case-against-icc',
      'xi-putin-informal-talks',
      'xi-predicts-putin-reelection',
      'putin-respects-china-peace-proposal',
    ]);
  });

  it('reads instants with any offset: Moscow midnight written as +03:00 is the same bound', async () => {
    expect(await timelineSlugs({ from: '2023-03-19T00:00:00Z', to: '2023-03-20T00:00:00+03:00' })).toEqual(
      await timelineSlugs({ from: '2023-03-19T00:00:00Z', to: '2023-03-19T21:00:00Z' }),
    );
  });

  it('matches a span by any instant inside it, up to the end of its last day', async () => {
    expect(await timelineSlugs({ from: '1950-01-01T00:00:00Z', to: '1950-01-02T00:00:00Z' })).toEqual([
      'mao-visit-to-moscow-1949',
    ]);
    expect(await timelineSlugs({ from: '1950-02-14T00:00:00Z', to: '1950-02-14T01:00:00Z' })).toEqual([
      'mao-visit-to-moscow-1949',
      'sino-soviet-treaty-1950',
    ]);
    // The visit ends with 17 February 1950, Moscow time: 21:00Z.
    expect(await timelineSlugs({ from: '1950-02-17T20:59:59.999Z', to: '1950-03-01T00:00:00Z' })).toEqual([
      'mao-visit-to-moscow-1949',
    ]);
    expect(await timelineSlugs({ from: '1950-02-17T21:00:00Z', to: '1950-03-01T00:00:00Z' })).toEqual([]);
  });

  it('takes `from` alone as “covering any instant from here on”', async () => {
    expect(await timelineSlugs({ from: '2023-03-21T00:00:00Z' })).toEqual([
      ...MONTH_SPANS_COVERING_MID_MARCH_2023,
      // London's and UTC's 20 March end exactly at `from`; New York's runs to 04:00Z.
      'xi-state-visit-to-russia-2023',
      'blinken-diplomatic-cover-statement',
      'kirby-urges-xi-to-press-putin',
      'us-fears-ceasefire-call',
      'xi-putin-formal-talks',
      'kremlin-on-putin-2024-candidacy',
      'xi-leaves-moscow',
      'russian-presidential-election-2024',
    ]);
  });

  it('takes `to` alone as “starting before this instant”', async () => {
    expect(await timelineSlugs({ to: '2022-12-01T00:00:00Z' })).toEqual([
      'mao-visit-to-moscow-1949',
      'sino-soviet-treaty-1950',
      // December 2022 began at 21:00Z on 30 November in Moscow.
      'moscow-publicises-xi-visit',
    ]);
  });

  it('covers a YEAR event for its whole local year', async () => {
    expect(await timelineSlugs({ from: '2024-12-31T20:59:59Z', to: '2025-06-01T00:00:00Z' })).toEqual([
      'russian-presidential-election-2024',
    ]);
    expect(await timelineSlugs({ from: '2024-12-31T21:00:00Z', to: '2025-06-01T00:00:00Z' })).toEqual([]);
  });

  it.each([
    ['a window with spans begun before it', { from: '2023-03-15T00:00:00Z', to: '2023-03-22T00:00:00Z' }],
    ['a window inside a long visit', { from: '1950-01-01T00:00:00Z', to: '1950-03-01T00:00:00Z' }],
    ['from alone, with a kind', { from: '2023-03-10T00:00:00Z', kinds: ['STATEMENT', 'MEETING'] }],
  ])('pages through %s in both directions and both orders, as one list', async (_name, filter) => {
    for (const order of ['CHRONOLOGICAL', 'REVERSE_CHRONOLOGICAL']) {
      const whole = await timelineSlugs(filter, order);
      expect(whole.length).toBeGreaterThanOrEqual(2);
      const page = `query ($filter: TimelineFilter, $order: TimelineOrder, $first: Int, $after: String, $last: Int, $before: String) {
        timeline(filter: $filter, order: $order, first: $first, after: $after, last: $last, before: $before) {
          nodes { slug } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
      }`;
      const forward: string[] = [];
      for (let after: string | null = null, more = true; more;) {
        const { timeline }: WindowPage = (await execute<WindowPage>(page, { filter, order, first: 2, after })).data!;
        forward.push(...timeline.nodes.map((node) => node.slug));
        ({ hasNextPage: more, endCursor: after } = timeline.pageInfo);
      }
      const backward: string[] = [];
      for (let before: string | null = null, more = true; more;) {
        const { timeline }: WindowPage = (await execute<WindowPage>(page, { filter, order, last: 2, before })).data!;
        backward.unshift(...timeline.nodes.map((node) => node.slug));
        ({ hasPreviousPage: more, startCursor: before } = timeline.pageInfo);
      }
      expect({ order, forward, backward }).toEqual({ order, forward: whole, backward: whole });
    }
  });
});

describe('timeline filter: actors and role', () => {
  it('matches events with any of the actors by default', async () => {
    const any = await timelineSlugs({ actors: [actor('vladimir-putin'), actor('xi-jinping')] });
    expect(any).toHaveLength(19);
    expect(any).toEqual(
      (await timelineSlugs(null)).filter((slug) => PUTIN_EVENTS.includes(slug) || XI_EVENTS.includes(slug)),
    );
    expect(await timelineSlugs({ actors: [actor('vladimir-putin'), actor('xi-jinping')], actorMatch: 'ANY' })).toEqual(
      any,
    );
  });

  it('matches events with every one of the actors under actorMatch ALL', async () => {
    expect(await timelineSlugs({ actors: [actor('vladimir-putin'), actor('xi-jinping')], actorMatch: 'ALL' })).toEqual(
      XI_AND_PUTIN_EVENTS,
    );
    expect(
      await timelineSlugs({
        actors: [actor('vladimir-putin'), actor('xi-jinping'), actor('antony-blinken')],
        actorMatch: 'ALL',
      }),
    ).toEqual(['blinken-diplomatic-cover-statement']);
  });

  it('counts a repeated actor once under actorMatch ALL', async () => {
    expect(
      await timelineSlugs({
        actors: [actor('xi-jinping'), actor('vladimir-putin'), actor('xi-jinping')],
        actorMatch: 'ALL',
      }),
    ).toEqual(XI_AND_PUTIN_EVENTS);
  });

  it('finds one actor’s events in every role', async () => {
    expect(await timelineSlugs({ actors: [actor('vladimir-putin')] })).toEqual(PUTIN_EVENTS);
    expect(await timelineSlugs({ actors: [actor('xi-jinping')] })).toEqual(XI_EVENTS);
  });

  it('requires the actors to have the role when one is given', async () => {
    expect(await timelineSlugs({ actors: [actor('vladimir-putin')], role: 'HOST' })).toEqual([
      'xi-state-visit-to-russia-2023',
      'xi-putin-informal-talks',
      'xi-putin-formal-talks',
    ]);
    expect(await timelineSlugs({ actors: [actor('vladimir-putin')], role: 'TARGET' })).toEqual([
      'icc-arrest-warrant-putin',
    ]);
    expect(await timelineSlugs({ actors: [actor('vladimir-putin'), actor('xi-jinping')], role: 'GUEST' })).toEqual([
      'xi-state-visit-to-russia-2023',
      'xi-putin-informal-talks',
      'xi-putin-formal-talks',
    ]);
    // Xi is never a host, so no event has both of them hosting.
    expect(
      await timelineSlugs({ actors: [actor('vladimir-putin'), actor('xi-jinping')], actorMatch: 'ALL', role: 'HOST' }),
    ).toEqual([]);
  });

  it('matches events with anyone in the role when no actors are given', async () => {
    expect(await timelineSlugs({ role: 'ISSUER' })).toEqual([
      'china-peace-proposal-ukraine',
      'xi-state-visit-announced',
      'icc-arrest-warrant-putin',
      'russia-criminal-case-against-icc',
    ]);
    expect(await timelineSlugs({ role: 'HOST', actors: [] })).toEqual([
      'mao-visit-to-moscow-1949',
      'xi-state-visit-to-russia-2023',
      'xi-putin-informal-talks',
      'xi-putin-formal-talks',
    ]);
  });
});

describe('timeline filter: kinds, statuses, sources, tags and search', () => {
  it('matches any of the kinds', async () => {
    expect(await timelineSlugs({ kinds: ['MEETING'] })).toEqual(['xi-putin-informal-talks', 'xi-putin-formal-talks']);
    expect(await timelineSlugs({ kinds: ['MEETING', 'VISIT'] })).toEqual([
      'mao-visit-to-moscow-1949',
      'xi-state-visit-to-russia-2023',
      'xi-putin-informal-talks',
      'xi-putin-formal-talks',
    ]);
    expect(await timelineSlugs({ kinds: ['LEGAL_ACTION', 'AGREEMENT'] })).toEqual([
      'sino-soviet-treaty-1950',
      'icc-arrest-warrant-putin',
      'russia-criminal-case-against-icc',
    ]);
  });

  it('matches any of the statuses', async () => {
    expect(await timelineSlugs({ statuses: ['PLANNED'] })).toEqual([
      'xi-putin-formal-talks',
      'xi-leaves-moscow',
      'russian-presidential-election-2024',
    ]);
    expect(await timelineSlugs({ statuses: ['OCCURRED'] })).toHaveLength(28);
    expect(await timelineSlugs({ statuses: ['CANCELLED', 'POSTPONED'] })).toEqual([]);
    expect(await timelineSlugs({ statuses: ['PLANNED', 'OCCURRED'] })).toHaveLength(31);
  });

  it('matches events cited by any of the sources', async () => {
    expect(await timelineSlugs({ sources: [source('corriere-della-sera-vereshchuk-interview-2023')] })).toEqual([
      'vereshchuk-awaits-word-on-xi-zelensky-call',
    ]);
    expect(await timelineSlugs({ sources: [source('rfi-cn-tweet-2023-03-21-xi-moscow')] })).toEqual([
      'mao-visit-to-moscow-1949',
      'xi-state-visit-to-russia-2023',
    ]);
    expect(
      await timelineSlugs({
        sources: [source('page-dating-icc-putin-warrant-2023-02-22'), source('page-dating-sino-soviet-treaty-1951')],
      }),
    ).toEqual(['sino-soviet-treaty-1950', 'icc-arrest-warrant-putin']);
    expect(await timelineSlugs({ sources: [source('rfi-2023-03-21-xi-moscow')] })).toHaveLength(31);
  });

  it('matches any of the tags, exactly', async () => {
    expect(await timelineSlugs({ tags: ['icc'] })).toEqual([
      'moscow-denies-icc-allegations',
      'icc-arrest-warrant-putin',
      'china-criticises-icc-warrant',
      'russia-criminal-case-against-icc',
      'blinken-diplomatic-cover-statement',
    ]);
    expect(await timelineSlugs({ tags: ['history', 'russia-election-2024'] })).toEqual([
      'mao-visit-to-moscow-1949',
      'sino-soviet-treaty-1950',
      'xi-predicts-putin-reelection',
      'kremlin-on-putin-2024-candidacy',
      'russian-presidential-election-2024',
    ]);
    expect(await timelineSlugs({ tags: ['ic', 'ICC', 'histor'] })).toEqual([]);
  });

  it('searches in Chinese and in English, finding an actor’s events by any of their names', async () => {
    expect(await timelineSlugs({ search: '外交掩护' })).toEqual(['blinken-diplomatic-cover-statement']);
    expect(await timelineSlugs({ search: 'diplomatic cover' })).toEqual(['blinken-diplomatic-cover-statement']);
    // Any of an actor's names finds the same events: those the actor takes part in, and those
    // whose texts or quotes mention the actor under any name or alias.
    const russian = await timelineSlugs({ search: 'Путин' });
    const chinese = await timelineSlugs({ search: '普京' });
    const english = await timelineSlugs({ search: 'Putin' });
    expect(chinese).toEqual(russian);
    expect(english).toEqual(russian);
    expect(russian.filter((slug) => !PUTIN_EVENTS.includes(slug))).toEqual([
      'mao-visit-to-moscow-1949',
      'moscow-publicises-xi-visit',
      'china-peace-proposal-ukraine',
      'russia-criminal-case-against-icc',
    ]);
    expect(PUTIN_EVENTS.filter((slug) => !russian.includes(slug))).toEqual([]);
    const xi = await timelineSlugs({ search: 'Си Цзиньпин' });
    expect(XI_EVENTS.filter((slug) => !xi.includes(slug))).toEqual([]);
    expect(await timelineSlugs({ search: '习近平' })).toEqual(xi);
  });

  it('treats an empty list, a null and a blank search as no constraint', async () => {
    const everything = await timelineSlugs(null);
    expect(everything).toHaveLength(31);
    expect(await timelineSlugs({})).toEqual(everything);
    expect(
      await timelineSlugs({
        actors: [],
        kinds: [],
        statuses: [],
        sources: [],
        tags: [],
        search: '  ',
        actorMatch: 'ALL',
      }),
    ).toEqual(everything);
    expect(
      await timelineSlugs({
        from: null,
        to: null,
        actors: null,
        role: null,
        kinds: null,
        statuses: null,
        sources: null,
        tags: null,
        search: null,
      }),
    ).toEqual(everything);
  });
});

describe('timeline filter: combinations and order', () => {
  it('requires every given constraint to hold', async () => {
    expect(
      await timelineSlugs({
        actors: [actor('vladimir-putin')],
        role: 'HOST',
        kinds: ['MEETING'],
        statuses: ['PLANNED'],
      }),
    ).toEqual(['xi-putin-formal-talks']);
    expect(
      await timelineSlugs({
        from: '2023-03-20T00:00:00Z',
        to: '2023-03-21T00:00:00Z',
        tags: ['military-support'],
        search: 'Reuters',
      }),
    ).toEqual(['yu-jie-no-military-in-xi-entourage']);
    expect(
      await timelineSlugs({
        actors: [actor('xi-jinping')],
        sources: [source('rfi-cn-tweet-2023-03-21-xi-moscow')],
        kinds: ['VISIT'],
      }),
    ).toEqual(['xi-state-visit-to-russia-2023']);
    expect(await timelineSlugs({ kinds: ['MEETING'], statuses: ['CANCELLED'] })).toEqual([]);
  });

  it('lists the latest first in REVERSE_CHRONOLOGICAL order, the exact reverse of the chronological one', async () => {
    const filter = { kinds: ['MEETING', 'VISIT'] };
    expect(await timelineSlugs(filter, 'REVERSE_CHRONOLOGICAL')).toEqual([
      'xi-putin-formal-talks',
      'xi-putin-informal-talks',
      'xi-state-visit-to-russia-2023',
      'mao-visit-to-moscow-1949',
    ]);
    expect(await timelineSlugs(null, 'REVERSE_CHRONOLOGICAL')).toEqual((await timelineSlugs(null)).reverse());
    expect(await timelineSlugs({ actors: [actor('xi-jinping')] }, 'REVERSE_CHRONOLOGICAL')).toEqual(
      [...XI_EVENTS].reverse(),
    );
  });

  it('counts all matches in totalCount, not just the page', async () => {
    const { data, errors } = await execute(
      `query ($filter: TimelineFilter) {
        timeline(filter: $filter, first: 4) { totalCount nodes { slug } pageInfo { hasNextPage endCursor } }
      }`,
      { filter: { actors: [actor('xi-jinping')] } },
    );
    expect(errors).toBeUndefined();
    expect(data!.timeline.totalCount).toBe(15);
    expect(data!.timeline.nodes.map((node: { slug: string }) => node.slug)).toEqual(XI_EVENTS.slice(0, 4));
    expect(data!.timeline.pageInfo.hasNextPage).toBe(true);

    const walked: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: GraphQLResult<{ timeline: TimelinePage }> = await execute(
        `query ($filter: TimelineFilter, $after: String) {
            timeline(filter: $filter, first: 4, after: $after) { totalCount nodes { slug } pageInfo { hasNextPage endCursor } }
          }`,
        { filter: { actors: [actor('xi-jinping')] }, after },
      );
      expect(page.data!.timeline.totalCount).toBe(15);
      walked.push(...page.data!.timeline.nodes.map((node) => node.slug));
      if (!page.data!.timeline.pageInfo.hasNextPage) break;
      after = page.data!.timeline.pageInfo.endCursor;
    }
    expect(walked).toEqual(XI_EVENTS);
  });
});

describe('Actor.timeline and Source.events', () => {
  it('gives an actor’s own events, in either order', async () => {
    const { data, errors } = await execute(`{
      actor(slug: "xi-jinping") {
        timeline(first: 100) { totalCount nodes { slug } }
        reversed: timeline(first: 100, order: REVERSE_CHRONOLOGICAL) { nodes { slug } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.actor.timeline.totalCount).toBe(15);
    expect(data!.actor.timeline.nodes.map((node: { slug: string }) => node.slug)).toEqual(XI_EVENTS);
    expect(data!.actor.reversed.nodes.map((node: { slug: string }) => node.slug)).toEqual([...XI_EVENTS].reverse());
  });

  it('applies the filter’s role to the actor, and the filter’s actors on top of the actor', async () => {
    const { data, errors } = await execute(
      `query ($putin: ID!) {
        actor(slug: "xi-jinping") {
          asGuest: timeline(first: 100, filter: { role: GUEST }) { totalCount nodes { slug } }
          withPutin: timeline(first: 100, filter: { actors: [$putin] }) { totalCount nodes { slug } }
          inMarch: timeline(first: 100, filter: { from: "2023-03-21T00:00:00Z", kinds: [MEETING, OTHER] }) { nodes { slug } }
        }
      }`,
      { putin: actor('vladimir-putin') },
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      actor: {
        asGuest: {
          totalCount: 3,
          nodes: [
            { slug: 'xi-state-visit-to-russia-2023' },
            { slug: 'xi-putin-informal-talks' },
            { slug: 'xi-putin-formal-talks' },
          ],
        },
        withPutin: { totalCount: 9, nodes: XI_AND_PUTIN_EVENTS.map((slug) => ({ slug })) },
        inMarch: {
          nodes: [
            { slug: 'moscow-publicises-xi-visit' },
            { slug: 'xi-putin-formal-talks' },
            { slug: 'xi-leaves-moscow' },
          ],
        },
      },
    });
  });

  it('gives a source’s events in time order', async () => {
    const { data, errors } = await execute(
      `query ($tweet: ID!, $article: ID!, $interview: ID!) {
        tweet: source(id: $tweet) { events { totalCount nodes { slug } } }
        article: source(id: $article) { events(first: 3) { totalCount nodes { slug } pageInfo { hasNextPage } } }
        interview: source(id: $interview) { events { totalCount nodes { slug } } }
      }`,
      {
        tweet: source('rfi-cn-tweet-2023-03-21-xi-moscow'),
        article: source('rfi-2023-03-21-xi-moscow'),
        interview: source('corriere-della-sera-vereshchuk-interview-2023'),
      },
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      tweet: {
        events: {
          totalCount: 2,
          nodes: [{ slug: 'mao-visit-to-moscow-1949' }, { slug: 'xi-state-visit-to-russia-2023' }],
        },
      },
      article: {
        events: {
          totalCount: 31,
          nodes: [
            { slug: 'mao-visit-to-moscow-1949' },
            { slug: 'sino-soviet-treaty-1950' },
            { slug: 'moscow-publicises-xi-visit' },
          ],
          pageInfo: { hasNextPage: true },
        },
      },
      interview: { events: { totalCount: 1, nodes: [{ slug: 'vereshchuk-awaits-word-on-xi-zelensky-call' }] } },
    });
  });
});

describe('timeline filter: invalid input', () => {
  const TIMELINE = `query ($filter: TimelineFilter) { timeline(filter: $filter) { totalCount } }`;

  it('rejects `from` at or after `to`', async () => {
    for (const filter of [
      { from: '2023-03-21T00:00:00Z', to: '2023-03-20T00:00:00Z' },
      { from: '2023-03-20T00:00:00Z', to: '2023-03-20T03:00:00+03:00' },
    ]) {
      const { data, errors } = await execute(TIMELINE, { filter });
      expect({ data, errors }).toEqual({
        data: null,
        errors: [badUserInput(['timeline'], 'filter.to', '`to` must be later than `from`.')],
      });
    }
  });

  it('rejects a Source id among the actors, naming its position', async () => {
    const { data, errors } = await execute(TIMELINE, {
      filter: { actors: [actor('vladimir-putin'), source('rfi-2023-03-21-xi-moscow')] },
    });
    expect({ data, errors }).toEqual({
      data: null,
      errors: [
        badUserInput(['timeline'], 'filter.actors[1]', 'Expected an id of type Actor but got one of type Source.'),
      ],
    });
  });

  it('rejects an Actor id among the sources', async () => {
    const { data, errors } = await execute(TIMELINE, { filter: { sources: [actor('reuters')] } });
    expect({ data, errors }).toEqual({
      data: null,
      errors: [
        badUserInput(['timeline'], 'filter.sources[0]', 'Expected an id of type Source but got one of type Actor.'),
      ],
    });
  });

  it('rejects malformed ids', async () => {
    const malformed = await execute(TIMELINE, { filter: { actors: ['vladimir-putin'] } });
    expect({ data: malformed.data, errors: malformed.errors }).toEqual({
      data: null,
      errors: [badUserInput(['timeline'], 'filter.actors[0]', '"vladimir-putin" is not a valid Actor id.')],
    });
    const notIssued = await execute(TIMELINE, {
      filter: { sources: [source('rfi-2023-03-21-xi-moscow'), Buffer.from('Source:0').toString('base64url')] },
    });
    expect({ data: notIssued.data, errors: notIssued.errors }).toEqual({
      data: null,
      errors: [badUserInput(['timeline'], 'filter.sources[1]', '"U291cmNlOjA" is not a valid Source id.')],
    });
  });

  it('accepts 100 entries in a list and rejects 101', async () => {
    const hundredTags = Array.from({ length: 100 }, (_, index) => `tag-${index}`);
    expect(await timelineSlugs({ tags: hundredTags })).toEqual([]);
    const cases: [string, unknown[]][] = [
      ['tags', [...hundredTags, 'icc']],
      ['actors', new Array(101).fill(actor('xi-jinping'))],
      ['sources', new Array(101).fill(source('rfi-2023-03-21-xi-moscow'))],
      ['kinds', new Array(101).fill('MEETING')],
      ['statuses', new Array(101).fill('PLANNED')],
    ];
    for (const [field, list] of cases) {
      const { data, errors } = await execute(TIMELINE, { filter: { [field]: list } });
      expect({ data, errors }).toEqual({
        data: null,
        errors: [
          badUserInput(
            ['timeline'],
            `filter.${field}`,
            `\`filter.${field}\` has 101 entries; at most 100 are allowed.`,
          ),
        ],
      });
    }
  });

  it('rejects search text over 200 characters', async () => {
    const { data, errors } = await execute(TIMELINE, { filter: { search: 'x'.repeat(201) } });
    expect({ data, errors }).toEqual({
      data: null,
      errors: [
        badUserInput(['timeline'], 'filter.search', 'Search text is 201 characters long; at most 200 are allowed.'),
      ],
    });
  });

  it('reports errors in an actor’s timeline at that field', async () => {
    const { data, errors } = await execute(
      `query ($source: ID!) { actor(slug: "xi-jinping") { slug timeline(filter: { actors: [$source] }) { totalCount } } }`,
      { source: source('rfi-2023-03-21-xi-moscow') },
    );
    expect({ data, errors }).toEqual({
      data: { actor: null },
      errors: [
        badUserInput(
          ['actor', 'timeline'],
          'filter.actors[0]',
          'Expected an id of type Actor but got one of type Source.',
        ),
      ],
    });
  });
});
