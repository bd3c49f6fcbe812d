import { type DataSource } from 'typeorm';
import { createDataSource, poolOf } from '../src/db/data-source';
import { limitSql } from '../src/db/sql-params';
import { MAX_NAMED_STATEMENTS, StatementNames } from '../src/db/statement-names';
import { type TestDatabase, useTestDatabase } from './helpers/database';
import { useGraphQL } from './helpers/graphql';

const database = useTestDatabase();

describe('names for statements sent often', () => {
  it('leaves a statement unnamed the first time and names it from the second on, always the same', () => {
    const names = new StatementNames();
    expect(names.nameFor('SELECT 1')).toBeUndefined();
    const name = names.nameFor('SELECT 1');
    expect(name).toMatch(/^annals_[0-9a-f]{20}$/);
    expect(names.nameFor('SELECT 1')).toBe(name);
    expect(names.nameFor('SELECT 2')).toBeUndefined();
  });

  it(`names at most ${MAX_NAMED_STATEMENTS} statements, and keeps naming those`, () => {
    const names = new StatementNames();
    const texts = Array.from({ length: MAX_NAMED_STATEMENTS + 10 }, (_, index) => `SELECT ${index}`);
    for (const text of [...texts, ...texts]) names.nameFor(text);
    const named = texts.filter((text) => names.nameFor(text) !== undefined);
    expect(named).toEqual(texts.slice(0, MAX_NAMED_STATEMENTS));
  });

  it('forgets statements sent once long ago, so that counting them takes bounded memory', () => {
    const names = new StatementNames();
    names.nameFor('SELECT rare');
    for (let index = 0; index < 2_000; index += 1) names.nameFor(`SELECT once ${index}`);
    expect(names.nameFor('SELECT rare')).toBeUndefined();
  });
});

describe('row counts written into statements', () => {
  it('are non-negative safe integers, never anything else', () => {
    expect(limitSql(51)).toBe('51');
    expect(limitSql(0)).toBe('0');
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => limitSql(bad)).toThrow(RangeError);
    }
    expect(() => limitSql('1; DROP TABLE event' as unknown as number)).toThrow(RangeError);
  });
});

describe('the plans of statements', () => {
  // One connection, so that its prepared statements can be read on it.
  const oneConnection = {} as TestDatabase;
  const execute = useGraphQL(oneConnection);
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await createDataSource(database.url, 1).initialize();
    Object.assign(oneConnection, { url: database.url, dataSource, pool: poolOf(dataSource) });
  });
  afterAll(() => dataSource?.destroy());

  const PAGE = `query ($after: String, $filter: TimelineFilter) {
    timeline(first: 3, after: $after, filter: $filter) { edges { node { slug } } pageInfo { endCursor } }
  }`;

  async function preparedStatements(): Promise<{ statement: string; generic_plans: string; custom_plans: string }[]> {
    const { rows } = await oneConnection.pool.query(
      'SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements ORDER BY statement',
    );
    return rows;
  }

  async function pageAfterFirst(filter?: Record<string, unknown>): Promise<string[]> {
    const first = await execute(PAGE, { filter });
    const after = await execute(PAGE, { filter, after: first.data!.timeline.pageInfo.endCursor });
    expect(after.errors).toBeUndefined();
    return after.data!.timeline.edges.map((edge: { node: { slug: string } }) => edge.node.slug);
  }

  it('plans an unfiltered page once per connection, whatever its cursor, and keeps giving the right page', async () => {
    const expected = await pageAfterFirst();
    for (let run = 0; run < 8; run += 1) expect(await pageAfterFirst()).toEqual(expected);
    const pages = (await preparedStatements()).filter(({ statement }) => statement.includes('FROM event e'));
    expect(pages).toHaveLength(2);
    for (const page of pages) expect(Number(page.generic_plans)).toBeGreaterThan(0);
  });

  it("plans an actor's timeline page once for every actor, and prepares the actor's lookup, which keep giving each actor's page", async () => {
    const ACTOR_PAGE = `query ($slug: String!) { actor(slug: $slug) { timeline(first: 2) { edges { node { slug } } } } }`;
    const pageOf = async (slug: string) =>
      (await execute(ACTOR_PAGE, { slug })).data!.actor.timeline.edges.map(
        (edge: { node: { slug: string } }) => edge.node.slug,
      );
    const expected = { 'karim-khan': await pageOf('karim-khan'), 'xi-jinping': await pageOf('xi-jinping') };
    expect(expected['karim-khan']).not.toEqual(expected['xi-jinping']);
    for (let run = 0; run < 6; run += 1) {
      for (const [slug, page] of Object.entries(expected)) expect(await pageOf(slug)).toEqual(page);
    }
    const statements = await preparedStatements();
    const scopedPage = statements.filter(({ statement }) => statement.includes('FROM participation scoped'));
    const lookup = statements.filter(({ statement }) => statement.includes('m.merged_slug'));
    expect(scopedPage).toHaveLength(1);
    expect(lookup).toHaveLength(1);
    expect(Number(scopedPage[0]!.generic_plans)).toBeGreaterThan(0);
  });

  it('plans a page of a time window and some kinds once for every window, and keeps giving each window its page', async () => {
    const windows = [
      { from: '2023-03-17T00:00:00Z', to: '2023-03-21T00:00:00Z', kinds: ['MEETING', 'STATEMENT', 'LEGAL_ACTION'] },
      { from: '2023-03-20T00:00:00Z', to: '2023-03-23T00:00:00Z', kinds: ['MEETING', 'STATEMENT', 'LEGAL_ACTION'] },
    ];
    const expected = await Promise.all(windows.map((filter) => pageAfterFirst(filter)));
    expect(expected[0]).not.toEqual(expected[1]);
    for (let run = 0; run < 6; run += 1) {
      for (const [index, filter] of windows.entries()) expect(await pageAfterFirst(filter)).toEqual(expected[index]);
    }
    const windowPages = (await preparedStatements()).filter(
      ({ statement }) => statement.includes('tstzrange') && statement.includes('event_kind[]'),
    );
    expect(windowPages).toHaveLength(2);
    for (const page of windowPages) expect(Number(page.generic_plans)).toBeGreaterThan(0);
    // PostgreSQL sees none of their values, so a plan for the values costs what the generic plan
    // costs, and it keeps the generic plan whatever the data (at 1M events it did not when it saw them).
    for (const { statement } of windowPages) expect(await customAndGenericCosts(statement)).toEqual(['same']);
  });

  /** EXPLAIN EXECUTE of `statement` planned for some values and generically: 'same' when their costs are equal. */
  async function customAndGenericCosts(statement: string): Promise<string[]> {
    const client = await oneConnection.pool.connect();
    try {
      await client.query(`PREPARE costed AS ${statement}`);
      const { rows } = await client.query<{ parameter_types: string }>(
        `SELECT parameter_types::text FROM pg_prepared_statements WHERE name = 'costed'`,
      );
      const sample: Record<string, string> = {
        timestamptz: `'2023-03-18T00:00:00Z'`,
        'event_kind[]': `'{MEETING}'`,
        'event_status[]': `'{OCCURRED}'`,
        bigint: '1',
      };
      const types = rows[0]!.parameter_types.replace(/^\{|\}$/g, '').split(',');
      const values = types.map(
        (type) => sample[type.replace(/"/g, '').replace('timestamp with time zone', 'timestamptz')],
      );
      expect(values).not.toContain(undefined);
      const costOf = async (mode: string) => {
        await client.query(`SET plan_cache_mode = ${mode}`);
        const plan = await client.query(`EXPLAIN EXECUTE costed(${values.join(', ')})`);
        return /cost=([\d.]+)\.\.([\d.]+)/.exec(plan.rows[0]['QUERY PLAN'] as string)![0];
      };
      const costs = [await costOf('force_custom_plan'), await costOf('force_generic_plan')];
      return [...new Set(costs)].length === 1 ? ['same'] : costs;
    } finally {
      await client.query('DEALLOCATE costed; RESET plan_cache_mode');
      client.release();
    }
  }

  it('plans a page of some kinds and statuses once, and keeps giving the right page', async () => {
    const filter = { kinds: ['MEETING', 'STATEMENT'], statuses: ['OCCURRED'] };
    const expected = await pageAfterFirst(filter);
    expect(expected.length).toBeGreaterThan(0);
    for (let run = 0; run < 8; run += 1) expect(await pageAfterFirst(filter)).toEqual(expected);
    const pages = (await preparedStatements()).filter(
      ({ statement }) => statement.includes('event_status[]') && !statement.includes('tstzrange'),
    );
    expect(pages).toHaveLength(2);
    for (const page of pages) expect(Number(page.generic_plans)).toBeGreaterThan(0);
  });

  it('plans a page with tags, in a window or not, for each request, never preparing it', async () => {
    const filters = [
      { from: '2023-03-17T00:00:00Z', to: '2023-03-22T00:00:00Z', tags: ['ukraine-war'] },
      { tags: ['ukraine-war'], kinds: ['STATEMENT'] },
    ];
    for (const filter of filters) {
      const expected = await pageAfterFirst(filter);
      expect(expected.length).toBeGreaterThan(0);
      for (let run = 0; run < 8; run += 1) expect(await pageAfterFirst(filter)).toEqual(expected);
    }
    const filtered = (await preparedStatements()).filter(({ statement }) => statement.includes('text[]'));
    expect(filtered).toEqual([]);
  });
});
