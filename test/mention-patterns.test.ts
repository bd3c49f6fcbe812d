import { mentionPatterns } from '../src/search/mention-patterns';
import { chooseSearchStrategy, collectionPlan, MAX_WINDOW_ROWS, scopedSearchTest } from '../src/search/search-strategy';
import { parseSearchTerms } from '../src/search/search-terms';
import { type ResolvedTerm } from '../src/search/resolved-term';
import { useTestDatabase } from './helpers/database';

const database = useTestDatabase();

const LABELS = [
  'Xi',
  'Xi Jinping',
  'Xiamen Port',
  'U.S.',
  'C++ (lang)',
  'a|b',
  'Wang Wei',
  'Wang Weiguo',
  'Chairman Wang',
  '普京',
  '习近平',
  '习主席',
  '弗拉基米尔·普京',
  '[括号]',
  'Путин',
  'Émile',
];

const TEXTS = [
  'A letter to Xi.',
  'A letter to Xiamen.',
  'Xi Jinping and the U.S. met',
  'xi jinping, lower case',
  'the US and USA',
  'C++ (lang) is a language',
  'a|b literally, not a or b: ab',
  'Wang Weiguo spoke; Wang Wei did not',
  'Wang Weigu is nobody',
  'ChairmanWang (no space)',
  '普京抵达莫斯科',
  '习近平主席',
  '弗拉基米尔·普京说',
  '[括号]里',
  'путин (lower case)',
  'ÉMILE and émile',
  '',
];

async function mentionedByFunction(text: string, labels: readonly string[]): Promise<boolean> {
  const { rows } = await database.pool.query<{ value: boolean }>(
    `SELECT coalesce(bool_or(text_mentions($1, label)), false) AS value FROM unnest($2::text[]) AS label`,
    [text, labels],
  );
  return rows[0]!.value;
}

async function mentionedByPatterns(text: string, labels: readonly string[]): Promise<boolean> {
  const { rows } = await database.pool.query<{ value: boolean }>(`SELECT $1 ~* ANY ($2::text[]) AS value`, [
    text,
    mentionPatterns(labels),
  ]);
  return rows[0]!.value;
}

describe('mention patterns', () => {
  it('say for every text what text_mentions says for some label, one label at a time and all together', async () => {
    const labelSets = [...LABELS.map((label) => [label]), LABELS];
    const disagreements: string[] = [];
    for (const labels of labelSets) {
      for (const text of TEXTS) {
        const expected = await mentionedByFunction(text, labels);
        if ((await mentionedByPatterns(text, labels)) !== expected) {
          disagreements.push(`${JSON.stringify(text)} with ${JSON.stringify(labels)}: expected ${expected}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('share common prefixes, and hold no pattern for no label', () => {
    expect(mentionPatterns([])).toEqual([]);
    expect(mentionPatterns(['Wang Wei', 'Wang Bo'])).toEqual(['(?<![[:alnum:]_])wang (?:bo|wei)(?![[:alnum:]_])']);
    expect(mentionPatterns(['王伟', '王'])).toEqual(['王(?:伟)?']);
  });

  it('split thousands of labels into several patterns, which still match', async () => {
    const labels = Array.from({ length: 1000 }, (_, index) => `Name${index} Person`);
    const patterns = mentionPatterns(labels);
    expect(patterns.length).toBeGreaterThan(1);
    expect(await mentionedByPatterns('said Name999 Person today', labels)).toBe(true);
    expect(await mentionedByPatterns('said Name9990 Person today', labels)).toBe(false);
  });
});

describe('the search strategy', () => {
  const resolved = (events: number, labels = 0): ResolvedTerm => ({
    term: parseSearchTerms('x', 'q')[0]!,
    events,
    actorIds: [],
    rarestGram: null,
    grams: [],
    mentionLabels: Array.from({ length: labels }, (_, index) => `label ${index}`),
  });

  it('counts every match by collecting the cheapest term, intersecting terms cheap to collect and testing the others', () => {
    const terms = [resolved(120_000, 300), resolved(20_000, 20), resolved(60_000, 10), resolved(200_000, 90)];
    expect(collectionPlan({ events: 1_000_000, terms })).toEqual({ collected: [1, 2], tested: [0, 3] });
    expect(collectionPlan({ events: 1_000_000, terms: [resolved(500)] })).toEqual({ collected: [0], tested: [] });
  });

  it("tests a scope's events one by one for a common term, and counts them so when collecting would cost more", () => {
    const events = 1_000_000;
    const common = { events, terms: [resolved(100_000, 95)] };
    const commonWithoutLabels = { events, terms: [resolved(70_000)] };
    const rare = { events, terms: [resolved(50)] };
    expect(['page', 'count'].map((statement) => scopedSearchTest(common, statement as 'page' | 'count'))).toEqual([
      'perRow',
      'perRow',
    ]);
    expect(scopedSearchTest(commonWithoutLabels, 'page')).toBe('perRow');
    expect(scopedSearchTest(commonWithoutLabels, 'count')).toBe('collected');
    expect(scopedSearchTest(rare, 'page')).toBe('collected');
    expect(scopedSearchTest(rare, 'count')).toBe('collected');
  });

  it('tests a common term one event at a time, with a window a few times what the page needs', () => {
    expect(chooseSearchStrategy({ events: 1_000_000, terms: [resolved(100_000)] }, 20)).toEqual({
      windowRows: 800,
      leadingTerm: 0,
    });
  });

  it('collects a rare term through the indexes', () => {
    expect(chooseSearchStrategy({ events: 1_000_000, terms: [resolved(50)] }, 20)).toEqual({
      windowRows: 0,
      leadingTerm: 0,
    });
  });

  it('leads a collection by the term cheapest to collect, mention labels counted', () => {
    const terms = [resolved(30_000, 300), resolved(40_000, 2), resolved(5_000)];
    expect(chooseSearchStrategy({ events: 1_000_000, terms }, 20)).toEqual({ windowRows: 0, leadingTerm: 2 });
  });

  it('never tests more than the window limit one by one', () => {
    const terms = [resolved(150_000, 120), resolved(30_000, 30)];
    const { windowRows, leadingTerm } = chooseSearchStrategy({ events: 1_000_000, terms }, 20);
    expect(windowRows).toBeLessThanOrEqual(MAX_WINDOW_ROWS);
    expect(leadingTerm).toBe(1);
  });

  it('with the timeline in parts, collects two common terms that rarely meet, led by the one with fewer labels', () => {
    const startQuantiles = Array.from({ length: 101 }, (_, index) => new Date(Date.UTC(2000, 0, 1 + index)));
    const terms = [resolved(100_000, 120), resolved(20_000, 30)];
    expect(chooseSearchStrategy({ events: 1_000_000, terms, startQuantiles }, 20)).toEqual({
      windowRows: 0,
      leadingTerm: 1,
    });
    expect(chooseSearchStrategy({ events: 1_000_000, terms: [resolved(150_000, 90)], startQuantiles }, 20)).toEqual({
      windowRows: 534,
      leadingTerm: 0,
    });
  });

  it('with the timeline in parts, a window tests no more events than collecting would cost, but what the page needs', () => {
    const startQuantiles = Array.from({ length: 101 }, (_, index) => new Date(Date.UTC(2000, 0, 1 + index)));
    // "Feng Jun" at 100k events: the page needs about 20 / (14.9% × 3.4%) = 3,978 events if the
    // words were independent; they rarely meet, and a window of four times that (10,000) failed.
    const terms = [resolved(14_873, 123), resolved(3_380, 27)];
    const needed = 20 / ((14_873 / 100_000) * (3_380 / 100_000));
    const { windowRows, leadingTerm } = chooseSearchStrategy({ events: 100_000, terms, startQuantiles }, 20);
    expect(leadingTerm).toBe(1);
    expect(windowRows).toBeGreaterThan(needed);
    expect(windowRows).toBeLessThan(2 * needed);
  });
});
