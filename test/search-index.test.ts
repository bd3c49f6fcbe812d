import { type PoolClient } from 'pg';
import { findActorsPage } from '../src/actors/actor.queries';
import { type SqlClient } from '../src/db/sql-client';
import { SqlParams } from '../src/db/sql-params';
import { collectedSearchCondition, isIndexableTerm } from '../src/search/search-conditions';
import { type SearchStrategy } from '../src/search/search-strategy';
import { parseSearchTerms } from '../src/search/search-terms';
import { findSourcesMatching } from '../src/sources/source.queries';
import { findMatchingEvents } from '../src/live/change-log.queries';
import { eventFilterConditions } from '../src/timeline/event-filter';
import { countEventsPerBucket } from '../src/timeline/timeline-buckets.queries';
import {
  countTimeline,
  findScopedTimelineRows,
  findTimelineRows,
  resolveSelection,
  type TimelineSelection,
} from '../src/timeline/timeline.queries';
import { useTestDatabase } from './helpers/database';

const database = useTestDatabase();

/** Runs `work` on one connection inside a transaction that is rolled back. */
async function inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await database.pool.connect();
  try {
    await client.query('BEGIN');
    return await work(client);
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

const sqlClient = (client: PoolClient): SqlClient => ({
  query: async <Row>(text: string, params: readonly unknown[] = []) =>
    (await client.query(text, params as unknown[])).rows as Row[],
});

async function sqlArray(text: string, params: unknown[]): Promise<string[]> {
  const { rows } = await database.pool.query<{ value: string[] }>(text, params);
  return [...rows[0]!.value].sort();
}

const textGrams = (text: string | null) => sqlArray(`SELECT text_grams($1) AS value`, [text]);
const searchTermGrams = (term: string) => sqlArray(`SELECT search_term_grams($1) AS value`, [term]);
const labelGrams = (label: string) => sqlArray(`SELECT label_grams($1) AS value`, [label]);

const timelineSearch = (search: string): TimelineSelection => ({
  filter: { searchTerms: parseSearchTerms(search, 'search') },
  order: 'CHRONOLOGICAL',
});

/** The first `limit` events of `selection`, its search resolved as a request resolves it. */
async function searchedRows(sql: SqlClient, selection: TimelineSelection, limit: number, strategy?: SearchStrategy) {
  return findTimelineRows(sql, await resolveSelection(sql, selection), [], limit, false, strategy);
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/**
 * The scans of every statement `run` sends (each is run too, as later statements may depend on
 * its rows), planned with sequential scans disabled: a sequential scan that remains is one no
 * index can replace.
 *
 * `enable_seqscan = off` alone no longer ensures that from PostgreSQL 18 on. A disabled scan used to
 * cost 1e10 more; now it is counted apart from its cost, and the planner's choice between running
 * a correlated EXISTS per row and hashing its whole result once compares costs only. The hashed
 * form reads the whole table, so on these small tables it wins with a disabled Seq Scan (of
 * `citation`, in eventRowSearchCondition) although the per-row form reads an index. Pricing every
 * page read in sequence at those 1e10 makes each comparison, on every version, avoid such a read
 * wherever an index can replace it.
 */
async function scansOf(run: (sql: SqlClient) => Promise<unknown>): Promise<string[]> {
  return inTransaction(async (client) => {
    await client.query('SET LOCAL enable_seqscan = off');
    await client.query('SET LOCAL seq_page_cost = 1e10');
    const scans: string[] = [];
    await run({
      query: async <Row>(text: string, params: readonly unknown[] = []) => {
        const { rows } = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
          `EXPLAIN (FORMAT JSON) ${text}`,
          params as unknown[],
        );
        for (const node of planNodes(rows[0]!['QUERY PLAN'][0]!.Plan)) {
          const relation = node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
          const index = node['Index Name'] ? ` using ${node['Index Name']}` : '';
          if (relation || index) scans.push(`${node['Node Type']}${relation}${index}`);
        }
        return (await client.query(text, params as unknown[])).rows as Row[];
      },
    });
    return [...new Set(scans)].sort();
  });
}

describe('text_grams', () => {
  it('gives trigrams of Latin words, and bigrams and characters of Chinese, all in lower case', async () => {
    expect(await textGrams('Putin')).toEqual(['put', 'tin', 'uti']);
    expect(await textGrams('普京访华')).toEqual(['京', '京访', '京访华', '华', '普', '普京', '普京访', '访', '访华']);
    expect(await textGrams('Путин')).toEqual(['и', 'ин', 'н', 'п', 'пу', 'пут', 'т', 'ти', 'тин', 'у', 'ут', 'ути']);
  });

  it('gives no gram across whitespace of any kind, and each gram once', async () => {
    expect(await textGrams('ab\tcd\u3000ef\u00a0gh\nij')).toEqual([' ab', ' cd', ' ef', ' gh', ' ij']);
    expect(await textGrams('北京 北京\n北京')).toEqual(['京', '北', '北京']);
    expect(await textGrams('xyzxyz xyz')).toEqual(['xyz', 'yzx', 'zxy']);
  });

  it('keeps a bigram that mixes Latin and other letters, but not one of ASCII only', async () => {
    expect(await textGrams('aé')).toEqual([' a', 'aé', 'é']);
    expect(await textGrams('C罗')).toEqual([' c', 'c罗', '罗']);
    expect(await textGrams('ab')).toEqual([' ab']);
  });

  it('adds each word of one or two ASCII letters, digits or _ after a space', async () => {
    expect(await textGrams('Xi, US and A-10')).toEqual([' 10', ' a', ' us', ' xi', '-10', 'a-1', 'and', 'xi,']);
    expect(await textGrams('Xiamen')).toEqual(['ame', 'iam', 'men', 'xia']);
  });

  it('gives none for an empty, blank or missing text', async () => {
    expect(await textGrams('')).toEqual([]);
    expect(await textGrams(' \n ')).toEqual([]);
    expect(await textGrams(null)).toEqual([]);
  });
});

describe('search_term_grams and label_grams', () => {
  it('require the trigrams of a term of 3 characters or more, in lower case', async () => {
    expect(await searchTermGrams('Putin')).toEqual(['put', 'tin', 'uti']);
    expect(await searchTermGrams('习近平')).toEqual(['习近平']);
    expect(await searchTermGrams('100%')).toEqual(['00%', '100']);
  });

  it('require the bigram or the character of a short term that is not all ASCII, and nothing otherwise', async () => {
    expect(await searchTermGrams('普京')).toEqual(['普京']);
    expect(await searchTermGrams('京')).toEqual(['京']);
    expect(await searchTermGrams('Xi')).toEqual([]);
    expect(await searchTermGrams('%')).toEqual([]);
    expect(await searchTermGrams('')).toEqual([]);
  });

  it('require, for a label mentioned as whole words, also its words of one or two characters', async () => {
    expect(await labelGrams('Xi')).toEqual([' xi']);
    expect(await labelGrams('Xi Jinping')).toEqual([' xi', 'ing', 'inp', 'jin', 'npi', 'pin']);
    expect(await labelGrams('普京')).toEqual(['普京']);
    expect(await labelGrams('Си')).toEqual(['си']);
  });

  it('never require a gram that a text containing the term lacks', async () => {
    const { rows } = await database.pool.query<{ text: string; term: string }>(`
      WITH texts AS (
        SELECT n, string_agg(substr(E'aB 1_普京\\tx-é\\u3000Я.Zİ', 1 + ('x' || substr(md5(n || ':' || i), 1, 4))::bit(16)::int % 16, 1), '') AS text
          FROM generate_series(1, 400) AS n, generate_series(1, 1 + n % 30) AS i GROUP BY n),
      terms AS (
        SELECT text, substr(text, start, length) AS term
          FROM texts, generate_series(1, char_length(text)) AS start, generate_series(1, 5) AS length)
      SELECT text, term FROM terms
       WHERE text ILIKE '%' || replace(replace(replace(term, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'
         AND term !~ '\\s' AND NOT text_grams(text) @> search_term_grams(term)`);
    expect(rows).toEqual([]);
  });
});

describe('isIndexableTerm', () => {
  it('says whether search_term_grams gives any gram, as the database computes it', async () => {
    const terms = [
      'a',
      'ab',
      'abc',
      'Xi',
      'US',
      '%',
      '\\',
      '_%',
      '100%',
      '普',
      '普京',
      '习近平',
      'é',
      'aé',
      'Я',
      'Путин',
    ];
    const { rows } = await database.pool.query<{ term: string; indexable: boolean }>(
      `SELECT term, cardinality(search_term_grams(term)) > 0 AS indexable FROM unnest($1::text[]) AS term`,
      [terms],
    );
    expect(terms.map((term) => [term, isIndexableTerm(term)])).toEqual(rows.map((row) => [row.term, row.indexable]));
  });

  it('says no for characters whose lower case may differ between JavaScript and the database', () => {
    expect(isIndexableTerm('İ')).toBe(false);
    expect(isIndexableTerm('\u212a')).toBe(false);
  });
});

describe('statistics of the grams', () => {
  it("keep ten times the default on citations' grams, current and as-of, so that rarer grams are estimated from the list", async () => {
    const { rows } = await database.pool.query<{ table: string; target: number | null }>(
      `SELECT c.relname AS table, a.attstattarget::int AS target
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE a.attname = 'search_grams' AND c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
          AND c.relname IN ('citation', 'citation_history', 'event')
        ORDER BY c.relname`,
    );
    expect(rows.map(({ table, target }) => [table, target === null || target < 0 ? 'default' : target])).toEqual([
      ['citation', 1000],
      ['citation_history', 1000],
      ['event', 'default'],
    ]);
  });
});

describe('search through the gram indexes', () => {
  it.each([
    ['a two-character Chinese name', '普京'],
    ['a three-character Chinese name', '习近平'],
    ['an English name', 'Putin'],
    ['an English word', 'diplomatic'],
  ])('reads events, citations and actors through indexes for %s (%s)', async (_description, term) => {
    const scans = [
      ...(await scansOf((sql) => searchedRows(sql, timelineSearch(term), 21))),
      ...(await scansOf(async (sql) => countTimeline(sql, await resolveSelection(sql, timelineSearch(term))))),
    ];
    expect(scans.filter((scan) => scan.startsWith('Seq Scan'))).toEqual([]);
    expect(scans).toEqual(
      expect.arrayContaining([
        'Bitmap Heap Scan on event',
        'Bitmap Index Scan using event_search_grams_idx',
        'Bitmap Index Scan using citation_search_grams_idx',
        'Bitmap Index Scan using actor_search_grams_idx',
      ]),
    );
  });

  it('reads actors and sources through their gram indexes', async () => {
    const terms = parseSearchTerms('普京 Putin', 'search');
    expect(await scansOf((sql) => findActorsPage(sql, { terms }, null, 21))).toEqual([
      'Bitmap Heap Scan on actor',
      'Bitmap Index Scan using actor_search_grams_idx',
    ]);
    expect(await scansOf((sql) => findSourcesMatching(sql, parseSearchTerms('RFI', 'search'), 20))).toEqual([
      'Bitmap Heap Scan on source',
      'Bitmap Index Scan using source_search_grams_idx',
    ]);
  });

  it('searches a term too short for the index without it, and still finds what contains it', async () => {
    const statements: string[] = [];
    const slugs = async (search: string) =>
      (
        await searchedRows(
          {
            query: async <Row>(text: string, params: readonly unknown[] = []) => {
              statements.push(text);
              return (await database.pool.query(text, params as unknown[])).rows as Row[];
            },
          },
          timelineSearch(search),
          100,
        )
      ).map((row) => row.slug);
    expect(await slugs('Xi')).toEqual(expect.arrayContaining(['xi-putin-formal-talks', 'xi-leaves-moscow']));
    expect(statements.filter((statement) => statement.includes('FROM event'))[0]).not.toContain('search_term_grams');
    const xi = await slugs('Xi');
    const putin = await slugs('普京');
    expect(await slugs('Xi 普京')).toEqual(putin.filter((slug) => xi.includes(slug)));
  });

  it('finds an event that mentions an actor only by a two-letter alias, as a word', async () => {
    await inTransaction(async (client) => {
      await client.query(
        `INSERT INTO event (slug, kind, status, start_at, precision, time_zone, original_language, titles)
         VALUES ('xi-mentioned', 'STATEMENT', 'OCCURRED', '2030-01-01T00:00:00Z', 'DAY', 'UTC', 'en', '{"en": "A letter to Xi."}'),
                ('xiamen-only', 'STATEMENT', 'OCCURRED', '2030-01-02T00:00:00Z', 'DAY', 'UTC', 'en', '{"en": "A letter to Xiamen."}')`,
      );
      const sql = sqlClient(client);
      const slugs = (await searchedRows(sql, timelineSearch('习近平'), 100)).map((row) => row.slug);
      expect(slugs).toContain('xi-mentioned');
      expect(slugs).not.toContain('xiamen-only');
    });
  });
});

describe('a searched timeline page, found nearby or by collecting the matches', () => {
  const sql: SqlClient = {
    query: async <Row>(text: string, params: readonly unknown[] = []) =>
      (await database.pool.query(text, params as unknown[])).rows as Row[],
  };
  const slugsOf = async (
    query: string,
    strategy: SearchStrategy | undefined,
    limit: number,
    order: TimelineSelection['order'],
  ) => {
    const selection: TimelineSelection = { filter: { searchTerms: parseSearchTerms(query, 'q') }, order };
    return (await searchedRows(sql, selection, limit, strategy)).map((row) => row.slug);
  };

  it.each([
    '普京',
    'Putin',
    'Путин',
    '习近平 普京',
    'Putin 会谈',
    '会谈',
    'Blinken',
    'ICC',
    'Xi',
    'Xi 会谈',
    '逮捕令',
    'nothing-matches-this',
  ])('is the same page for %s whichever way it is found, in both orders', async (query) => {
    const terms = parseSearchTerms(query, 'q').length;
    for (const order of ['CHRONOLOGICAL', 'REVERSE_CHRONOLOGICAL'] as const) {
      for (const limit of [1, 3, 50]) {
        const nearby = await slugsOf(query, { windowRows: 2000, leadingTerm: 0 }, limit, order);
        expect(await slugsOf(query, undefined, limit, order)).toEqual(nearby);
        for (const windowRows of [0, 1, 5]) {
          for (let leadingTerm = 0; leadingTerm < terms; leadingTerm += 1) {
            expect({
              windowRows,
              leadingTerm,
              slugs: await slugsOf(query, { windowRows, leadingTerm }, limit, order),
            }).toEqual({
              windowRows,
              leadingTerm,
              slugs: nearby,
            });
          }
        }
      }
    }
  });
});

describe('a search in counts, buckets, scoped timelines and live matching', () => {
  const sql: SqlClient = {
    query: async <Row>(text: string, params: readonly unknown[] = []) =>
      (await database.pool.query(text, params as unknown[])).rows as Row[],
  };

  it.each(['普京', 'Putin', '习近平 普京', 'Putin 会谈', 'Blinken', '布林肯', 'ICC 逮捕令', 'nothing-matches-this'])(
    'holds exactly the events a page of %s finds',
    async (query) => {
      const selection = timelineSearch(query);
      const page = await searchedRows(sql, selection, 1000, { windowRows: 10_000, leadingTerm: 0 });
      expect(page.length > 0).toBe(query !== 'nothing-matches-this');
      const resolved = await resolveSelection(sql, selection);
      expect(await countTimeline(sql, resolved)).toBe(page.length);
      const buckets = await countEventsPerBucket(sql, selection.filter, 'YEAR', 'UTC');
      expect(buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(page.length);

      const { terms } = resolved.filter.search!;
      for (let leading = 0; leading < terms.length; leading += 1) {
        const others = terms.map((_term, index) => index).filter((index) => index !== leading);
        for (const plan of [
          { collected: [leading, ...others], tested: [] },
          { collected: [leading], tested: others },
        ]) {
          const params = new SqlParams();
          const condition = collectedSearchCondition('e', terms, plan, params);
          const { rows } = await database.pool.query<{ id: string }>(
            `SELECT e.id::text AS id FROM event e WHERE ${condition} ORDER BY e.start_at, e.id`,
            params.values,
          );
          expect({ plan, ids: rows.map((row) => row.id) }).toEqual({ plan, ids: page.map((row) => row.id) });
        }
      }

      for (const searchTest of ['collected', 'perRow'] as const) {
        const params = new SqlParams();
        const conditions = eventFilterConditions(resolved.filter, params, searchTest);
        const { rows } = await database.pool.query<{ id: string }>(
          `SELECT e.id::text AS id FROM event e WHERE ${conditions.join(' AND ')} ORDER BY e.start_at, e.id`,
          params.values,
        );
        expect({ searchTest, ids: rows.map((row) => row.id) }).toEqual({ searchTest, ids: page.map((row) => row.id) });
      }

      const { rows: events } = await database.pool.query<{ id: string }>('SELECT id::text AS id FROM event');
      const [live] = await findMatchingEvents(
        sql,
        events.map((event) => event.id),
        [selection.filter],
      );
      expect([...live!].sort()).toEqual(page.map((row) => row.id).sort());

      const { rows: actors } = await database.pool.query<{ id: string; slugs: string[] }>(
        `SELECT p.actor_id::text AS id, array_agg(DISTINCT e.slug ORDER BY e.slug) AS slugs
           FROM participation p JOIN event e ON e.id = p.event_id GROUP BY p.actor_id ORDER BY count(*) DESC LIMIT 3`,
      );
      const scoped = await findScopedTimelineRows(
        sql,
        resolved,
        'actor',
        actors.map((actor) => actor.id),
        [],
        1000,
      );
      for (const actor of actors) {
        const found = page.map((row) => row.slug).filter((slug) => actor.slugs.includes(slug));
        expect(scoped.filter((row) => row.scopeId === actor.id).map((row) => row.slug)).toEqual(
          expect.arrayContaining(found),
        );
        expect(scoped.filter((row) => row.scopeId === actor.id)).toHaveLength(found.length);
      }
    },
  );
});
