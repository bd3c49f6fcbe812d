import { useTestDatabase } from './helpers/database';
import { badUserInput, type Execute, useGraphQL } from './helpers/graphql';

const database = useTestDatabase();
const executeInProcess = useGraphQL(database);
/** Results as a client receives them over HTTP: JSON, so DateTime values are ISO strings. */
const execute: Execute = async (query, variables) =>
  JSON.parse(JSON.stringify(await executeInProcess(query, variables)));

type Order = 'CHRONOLOGICAL' | 'REVERSE_CHRONOLOGICAL';

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

interface Page {
  slugs: string[];
  cursors: string[];
  pageInfo: PageInfo;
}

interface PageArgs {
  first?: number;
  last?: number;
  after?: string | null;
  before?: string | null;
  order?: Order;
  filter?: Record<string, unknown>;
}

const PAGE_QUERY = `query ($first: Int, $last: Int, $after: String, $before: String, $order: TimelineOrder, $filter: TimelineFilter) {
  timeline(first: $first, last: $last, after: $after, before: $before, order: $order, filter: $filter) {
    edges { cursor node { slug } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function page(args: PageArgs): Promise<Page> {
  const { data, errors } = await execute(PAGE_QUERY, { ...args });
  expect(errors).toBeUndefined();
  const edges: { cursor: string; node: { slug: string } }[] = data!.timeline.edges;
  const pageInfo: PageInfo = data!.timeline.pageInfo;
  expect(pageInfo.startCursor).toBe(edges[0]?.cursor ?? null);
  expect(pageInfo.endCursor).toBe(edges.at(-1)?.cursor ?? null);
  return { slugs: edges.map((edge) => edge.node.slug), cursors: edges.map((edge) => edge.cursor), pageInfo };
}

/** Walks the timeline from its start with `first: size`, checking every page's flags on the way. */
async function walkForward(size: number, order: Order = 'CHRONOLOGICAL'): Promise<string[]> {
  const slugs: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 200; pages += 1) {
    const current: Page = await page({ first: size, after, order });
    expect(current.slugs.length).toBeLessThanOrEqual(size);
    expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
    slugs.push(...current.slugs);
    if (!current.pageInfo.hasNextPage) return slugs;
    expect(current.slugs).toHaveLength(size);
    after = current.pageInfo.endCursor;
  }
  throw new Error('the walk did not end');
}

/** Walks the timeline from its end with `last: size` and `before`, checking every page's flags on the way. */
async function walkBackward(size: number, order: Order = 'CHRONOLOGICAL'): Promise<string[]> {
  const slugs: string[] = [];
  let before: string | null = null;
  for (let pages = 0; pages < 200; pages += 1) {
    const current: Page = await page({ last: size, before, order });
    expect(current.slugs.length).toBeLessThanOrEqual(size);
    expect(current.pageInfo.hasNextPage).toBe(before !== null);
    slugs.unshift(...current.slugs);
    if (!current.pageInfo.hasPreviousPage) return slugs;
    expect(current.slugs).toHaveLength(size);
    before = current.pageInfo.startCursor;
  }
  throw new Error('the walk did not end');
}

/** The timeline order straight from the database: start instant, then numeric id. */
async function databaseOrder(order: Order = 'CHRONOLOGICAL'): Promise<string[]> {
  const direction = order === 'CHRONOLOGICAL' ? 'ASC' : 'DESC';
  const { rows } = await database.pool.query<{ slug: string }>(
    `SELECT slug FROM event ORDER BY start_at ${direction}, id ${direction}`,
  );
  return rows.map((row) => row.slug);
}

function databaseId(globalId: string): number {
  const [type, id] = Buffer.from(globalId, 'base64url').toString('utf8').split(':');
  expect(type).toBe('Event');
  return Number(id);
}

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('walking the seeded timeline page by page', () => {
  it('has several groups of events with the same start, ordered by id', async () => {
    const { data, errors } = await execute(`{ timeline(first: 100) { nodes { id slug time { start } } } }`);
    expect(errors).toBeUndefined();
    const nodes: { id: string; slug: string; time: { start: string } }[] = data!.timeline.nodes;
    const groups = new Map<string, { id: number; slug: string }[]>();
    for (const node of nodes) {
      groups.set(node.time.start, [
        ...(groups.get(node.time.start) ?? []),
        { id: databaseId(node.id), slug: node.slug },
      ]);
    }
    const ties = [...groups].filter(([, group]) => group.length > 1);
    expect(ties.map(([start, group]) => [start, group.map((event) => event.slug)])).toEqual([
      [
        '2023-01-31T22:00:00.000Z',
        ['zelensky-calls-for-talks-with-xi', 'zelensky-warns-china-arming-russia-world-war'],
      ],
      [
        '2023-03-19T21:00:00.000Z',
        [
          'xi-state-visit-to-russia-2023',
          'russia-criminal-case-against-icc',
          'xi-putin-informal-talks',
          'xi-predicts-putin-reelection',
          'putin-respects-china-peace-proposal',
        ],
      ],
      ['2023-03-20T00:00:00.000Z', ['yu-jie-no-military-in-xi-entourage', 'analysts-doubt-military-support']],
      [
        '2023-03-20T04:00:00.000Z',
        ['blinken-diplomatic-cover-statement', 'kirby-urges-xi-to-press-putin', 'us-fears-ceasefire-call'],
      ],
      ['2023-03-20T21:00:00.000Z', ['xi-putin-formal-talks', 'kremlin-on-putin-2024-candidacy']],
    ]);
    for (const [, group] of ties) {
      const ids = group.map((event) => event.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
  });

  it.each([1, 2, 3, 7])('walks forward with first: %i, chronologically, without gaps or repeats', async (size) => {
    const expected = await databaseOrder();
    expect(expected).toHaveLength(31);
    expect(await walkForward(size)).toEqual(expected);
  });

  it.each([1, 2, 3, 7])('walks forward with first: %i, latest first, without gaps or repeats', async (size) => {
    expect(await walkForward(size, 'REVERSE_CHRONOLOGICAL')).toEqual(await databaseOrder('REVERSE_CHRONOLOGICAL'));
  });

  it.each([1, 2, 3, 4, 5, 6, 7])('walks backward with last: %i in both orders to the same sequences', async (size) => {
    expect(await walkBackward(size)).toEqual(await databaseOrder());
    expect(await walkBackward(size, 'REVERSE_CHRONOLOGICAL')).toEqual(await databaseOrder('REVERSE_CHRONOLOGICAL'));
  });

  it('orders equal starts by id in the reverse order too: the exact reverse of the chronological one', async () => {
    const chronological = await page({ first: 100 });
    const reverse = await page({ first: 100, order: 'REVERSE_CHRONOLOGICAL' });
    expect(reverse.slugs).toEqual([...chronological.slugs].reverse());
    expect(reverse.cursors).toEqual([...chronological.cursors].reverse());
  });
});

describe('page info', () => {
  it('has no previous page at the start and a next page after it', async () => {
    const expected = await databaseOrder();
    const first = await page({ first: 5 });
    expect(first.slugs).toEqual(expected.slice(0, 5));
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('has pages on both sides in the middle, going forward and backward', async () => {
    const expected = await databaseOrder();
    const all = await page({ first: 100 });
    const forward = await page({ first: 5, after: all.cursors[9] });
    expect(forward.slugs).toEqual(expected.slice(10, 15));
    expect(forward.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const backward = await page({ last: 5, before: all.cursors[20] });
    expect(backward.slugs).toEqual(expected.slice(15, 20));
    expect(backward.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('has no next page at the end and a previous page before it', async () => {
    const expected = await databaseOrder();
    const last = await page({ last: 5 });
    expect(last.slugs).toEqual(expected.slice(26));
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const toTheEnd = await page({ first: 5, after: (await page({ first: 100 })).cursors[25] });
    expect(toTheEnd.slugs).toEqual(expected.slice(26));
    expect(toTheEnd.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('gives an empty page with null cursors past either end', async () => {
    const all = await page({ first: 100 });
    expect(await page({ first: 5, after: all.cursors[30] })).toEqual({
      slugs: [],
      cursors: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
    });
    expect(await page({ last: 5, before: all.cursors[0] })).toEqual({
      slugs: [],
      cursors: [],
      pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  it('fits the whole timeline in one page of 100 with no pages around it', async () => {
    const all = await page({ first: 100 });
    expect(all.slugs).toEqual(await databaseOrder());
    expect(all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    expect((await page({ last: 100 })).slugs).toEqual(all.slugs);
  });

  it('returns 20 events when no page size is given', async () => {
    const defaultPage = await page({});
    expect(defaultPage.slugs).toEqual((await databaseOrder()).slice(0, 20));
    expect(defaultPage.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const rest = await page({ after: defaultPage.pageInfo.endCursor });
    expect(rest.slugs).toEqual((await databaseOrder()).slice(20));
  });
});

describe('cursors', () => {
  it('bounds a range with after and before together, from either end', async () => {
    const expected = await databaseOrder();
    const all = await page({ first: 100 });
    const range = { after: all.cursors[4], before: all.cursors[11] };
    const whole = await page({ first: 100, ...range });
    expect(whole.slugs).toEqual(expected.slice(5, 11));
    expect(whole.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const head = await page({ first: 2, ...range });
    expect(head.slugs).toEqual(expected.slice(5, 7));
    expect(head.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const tail = await page({ last: 3, ...range });
    expect(tail.slugs).toEqual(expected.slice(8, 11));
    expect(tail.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const empty = await page({ first: 5, after: all.cursors[11], before: all.cursors[4] });
    expect(empty.slugs).toEqual([]);
  });

  it('keeps a position across orders: after an event in reverse order come the earlier ones', async () => {
    const expected = await databaseOrder();
    const all = await page({ first: 100 });
    const informalTalks = expected.indexOf('xi-putin-informal-talks');
    const earlier = await page({ first: 3, after: all.cursors[informalTalks], order: 'REVERSE_CHRONOLOGICAL' });
    expect(earlier.slugs).toEqual([
      'russia-criminal-case-against-icc',
      'xi-state-visit-to-russia-2023',
      'china-criticises-icc-warrant',
    ]);
  });

  it('keeps a position under a filter the cursor’s own event does not match', async () => {
    const all = await page({ first: 100 });
    const expected = await databaseOrder();
    const after = all.cursors[expected.indexOf('xi-state-visit-to-russia-2023')];
    const meetings = await page({ first: 5, after, filter: { kinds: ['MEETING'] } });
    expect(meetings.slugs).toEqual(['xi-putin-informal-talks', 'xi-putin-formal-talks']);
    expect(meetings.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });
});

describe('invalid page arguments', () => {
  async function rejects(args: Record<string, unknown>, argument: string, message: string) {
    const { data, errors, sqlStatements } = await execute(PAGE_QUERY, args);
    expect({ data, errors, sqlStatements }).toEqual({
      data: null,
      errors: [badUserInput(['timeline'], argument, message)],
      sqlStatements: 0,
    });
  }

  it('rejects page sizes outside 1..100', async () => {
    await rejects({ first: 0 }, 'first', '`first` must be between 1 and 100; got 0.');
    await rejects({ first: -1 }, 'first', '`first` must be between 1 and 100; got -1.');
    await rejects({ first: 101 }, 'first', '`first` must be between 1 and 100; got 101.');
    await rejects({ last: 0 }, 'last', '`last` must be between 1 and 100; got 0.');
    await rejects({ last: 101 }, 'last', '`last` must be between 1 and 100; got 101.');
  });

  it('rejects first and last together', async () => {
    await rejects({ first: 5, last: 5 }, 'last', 'Pass either `first` or `last`, not both.');
  });

  it('rejects cursors it did not issue', async () => {
    const { data } = await execute(`{
      actors(first: 1) { pageInfo { endCursor } }
      event(slug: "xi-putin-informal-talks") { id }
    }`);
    const notCursors: [string, string][] = [
      [encode('some random bytes'), '"c29tZSByYW5kb20gYnl0ZXM" is not a cursor this timeline issued.'],
      [data!.actors.pageInfo.endCursor, `"${data!.actors.pageInfo.endCursor}" is not a cursor this timeline issued.`],
      [data!.event.id, `"${data!.event.id}" is not a cursor this timeline issued.`],
      ['not a cursor!', '"not a cursor!" is not a cursor this timeline issued.'],
      ['', '"" is not a cursor this timeline issued.'],
      [encode('e1:1679259600000:0'), '"ZTE6MTY3OTI1OTYwMDAwMDow" is not a cursor this timeline issued.'],
      [encode('e1:1679259600000:1x'), '"ZTE6MTY3OTI1OTYwMDAwMDoxeA" is not a cursor this timeline issued.'],
    ];
    for (const [cursor, message] of notCursors) {
      await rejects({ after: cursor }, 'after', message);
      await rejects({ last: 2, before: cursor }, 'before', message);
    }
  });

  it('rejects forged cursors that are well-formed but out of the database’s range', async () => {
    // One past the largest bigint: it cannot be a row's id.
    const hugeId = encode('e1:1679259600000:9223372036854775808');
    await rejects({ after: hugeId }, 'after', `"${hugeId.slice(0, 40)}" is not a cursor this timeline issued.`);
    // Some 30,000 years BC: before the first instant PostgreSQL can store.
    const ancient = encode('e1:-999999999999999:1');
    await rejects({ before: ancient }, 'before', `"${ancient}" is not a cursor this timeline issued.`);
  });

  it('accepts a forged cursor of a position that no event has', async () => {
    const far = await page({ first: 3, after: encode('e1:999999999999999:1') });
    expect(far.slugs).toEqual([]);
    const beforeEpoch = await page({ first: 3, before: encode('e1:0:1') });
    expect(beforeEpoch.slugs).toEqual(['mao-visit-to-moscow-1949', 'sino-soviet-treaty-1950']);
    // The largest bigint is a well-formed id, after every event with the same start as Mao's visit.
    const biggest = await page({
      first: 1,
      after: encode(`e1:${Date.parse('1949-12-15T21:00:00Z')}:9223372036854775807`),
    });
    expect(biggest.slugs).toEqual(['sino-soviet-treaty-1950']);
  });
});

describe('a large group of events with the same start', () => {
  // Ids chosen so that their order as numbers, as text and by slug all differ.
  const TIED_IDS = [1000, 99, 100, 999, 10000, 101, 32, 33, 9999, 1001, 200, 300, 40];
  const TIED_START = '2023-03-19T21:00:00Z';

  beforeAll(async () => {
    for (const [index, id] of TIED_IDS.entries()) {
      await database.pool.query(
        `INSERT INTO event (id, slug, kind, status, start_at, precision, time_zone, original_language, titles)
         OVERRIDING SYSTEM VALUE
         VALUES ($1, $2, 'STATEMENT', 'OCCURRED', $3, 'DAY', 'Europe/Moscow', 'en', $4)`,
        [id, `tied-${String.fromCharCode(122 - index)}-statement`, TIED_START, { en: `Tied statement ${id}` }],
      );
    }
  });

  it('orders the whole group by numeric id', async () => {
    const { data, errors } = await execute(`{
      timeline(first: 100, filter: { from: "2023-03-19T21:00:00Z", to: "2023-03-19T21:00:00.001Z" }) {
        nodes { id time { start } }
      }
    }`);
    expect(errors).toBeUndefined();
    const tied = data!.timeline.nodes
      .filter((node: { time: { start: string } }) => node.time.start === '2023-03-19T21:00:00.000Z')
      .map((node: { id: string }) => databaseId(node.id));
    expect(tied).toEqual([16, 17, 19, 20, 21, 32, 33, 40, 99, 100, 101, 200, 300, 999, 1000, 1001, 9999, 10000]);
  });

  it.each([1, 2, 3, 4])('walks through the group with first: %i in both orders', async (size) => {
    const expected = await databaseOrder();
    expect(expected).toHaveLength(31 + TIED_IDS.length);
    expect(await walkForward(size)).toEqual(expected);
    expect(await walkForward(size, 'REVERSE_CHRONOLOGICAL')).toEqual(await databaseOrder('REVERSE_CHRONOLOGICAL'));
  });

  it.each([1, 2, 3])('walks back through the group with last: %i in both orders', async (size) => {
    expect(await walkBackward(size)).toEqual(await databaseOrder());
    expect(await walkBackward(size, 'REVERSE_CHRONOLOGICAL')).toEqual(await databaseOrder('REVERSE_CHRONOLOGICAL'));
  });

  it('pages inside the group from a cursor in its middle', async () => {
    const expected = await databaseOrder();
    const all = await page({ first: 100 });
    const at = expected.indexOf(`tied-${String.fromCharCode(122 - TIED_IDS.indexOf(100))}-statement`);
    const next = await page({ first: 3, after: all.cursors[at] });
    expect(next.slugs).toEqual(expected.slice(at + 1, at + 4));
    const previous = await page({ last: 3, before: all.cursors[at] });
    expect(previous.slugs).toEqual(expected.slice(at - 3, at));
    const between = await page({ first: 100, after: all.cursors[at - 2], before: all.cursors[at + 2] });
    expect(between.slugs).toEqual(expected.slice(at - 1, at + 2));
  });
});
