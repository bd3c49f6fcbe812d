import { type SearchEstimates } from './search-estimates';

/**
 * How a searched page is found. `windowRows` > 0: test the timeline's next events one by one, up
 * to `windowRows` of them, stopping when the page is full (the page, when it fills there or when
 * they are all the events there are). Then, or at once when `windowRows` is 0: collect the events
 * matching the term at `leadingTerm` through the indexes, and test the other terms on those, in
 * the page's order, until the page is full.
 */
export interface SearchStrategy {
  windowRows: number;
  leadingTerm: number;
}

/** The most events a page tests one by one before collecting the matches instead. */
export const MAX_WINDOW_ROWS = 10_000;
/** The fewest events a window may test: a few hundred cost about as little as one. */
const MIN_WINDOW_ROWS = 500;
/** A window may hold this many times the events the estimates say the page needs. */
const WINDOW_MARGIN = 4;
/** Testing one event costs about as much as collecting this many matches through the indexes. */
const ROW_TEST_COST = 4;
/** A mention label's gram lookup reads about one event in this many. */
const EVENTS_PER_LABEL_CANDIDATE = 300;
/** Measured at 100k and 1M events (S1): milliseconds to test one event, to read one part of the timeline, and per label in each part. */
const ROW_TEST_MS = 0.012;
const PART_MS = 2;
const PART_LABEL_MS = 0.8;
/** Milliseconds per event matching the leading term's text that a part's gram-index read goes through (its whole entry list). */
const PART_GRAM_ENTRY_MS = 0.00015;
/** The share of the events the first part of the timeline holds (one of the statistics' 100 buckets). */
const FIRST_PART_SHARE = 0.01;

/** What collecting each term's matches through the indexes costs, in matches read. */
function collectCosts({ events, terms }: Pick<SearchEstimates, 'events' | 'terms'>): number[] {
  return terms.map((term) => term.events + (term.mentionLabels.length * events) / EVENTS_PER_LABEL_CANDIDATE);
}

/** The index of the lowest of `costs` (the first of equal ones). */
function cheapestOf(costs: readonly number[]): number {
  return costs.reduce((cheapest, cost, index) => (cost < costs[cheapest]! ? index : cheapest), 0);
}

/**
 * Testing one event for a term costs about as much as collecting this many of a term's matches
 * (development timings of buckets at 1M events: "Minister Feng" 5.2 s testing Minister against
 * 12.6 s collecting both, "Xian summit" 1.5 s collecting both against 3.3 s testing Xian).
 */
const ROW_TEST_PER_MATCH = 8;

/**
 * How every match of a search is found (for counts, buckets and a scope's pages): the cheapest
 * term's matches are collected, and each other term is either collected too and intersected with
 * them, or tested on each of them, whichever costs less.
 */
export function collectionPlan(estimates: Pick<SearchEstimates, 'events' | 'terms'>): {
  collected: number[];
  tested: number[];
} {
  const costs = collectCosts(estimates);
  const leading = cheapestOf(costs);
  const testCost = estimates.terms[leading]!.events * ROW_TEST_PER_MATCH;
  const others = costs.map((_cost, index) => index).filter((index) => index !== leading);
  return {
    collected: [leading, ...others.filter((index) => costs[index]! <= testCost)],
    tested: others.filter((index) => costs[index]! > testCost),
  };
}

/**
 * How a statement tests a search: by collecting every match first (what a count of the whole
 * timeline needs), or on each event the statement reads.
 */
export type SearchTest = 'collected' | 'perRow';

/** The page size a scope's page test is chosen for. */
const SCOPED_PAGE_SIZE = 50;

/** Collecting a search's matches costs more than testing every event of any one scope when it costs this share of the timeline's events. */
const SCOPE_COLLECT_SHARE = 0.2;

/**
 * The test for a statement over one scope's events (an actor's or a source's): its page is tested
 * per row when the terms are common enough to be tested one by one (a few of its events fill it);
 * its count, when collecting every match in the timeline would cost more than testing the scope's
 * events, at most a few percent of them (development timings at 1M events: the busiest actor's
 * count of 王 took 1.3 s per row against 17 s collected, of "summit" 3.1 s per row against 1.5 s
 * collected).
 */
export function scopedSearchTest(
  estimates: Pick<SearchEstimates, 'events' | 'terms'> & { startQuantiles?: unknown[] },
  statement: 'page' | 'count',
): SearchTest {
  if (statement === 'page')
    return chooseSearchStrategy(estimates, SCOPED_PAGE_SIZE).windowRows > 0 ? 'perRow' : 'collected';
  return Math.min(...collectCosts(estimates)) > estimates.events * SCOPE_COLLECT_SHARE ? 'perRow' : 'collected';
}

/**
 * Chooses by the estimates' costs. Testing one by one costs the events before the page is full,
 * which depends on how common the terms are, not on how many events there are (the terms taken as
 * independent, so terms that go together fill the page sooner than expected). Collecting costs the
 * leading term's matches and one index lookup per mention label, each growing with the events
 * there are; when the timeline's quantiles are known, the matches are collected part by part in
 * the page's order (parts doubling from 1%), each part costing a read, one per label and the
 * leading term's whole gram entry list, plus a test of each of its matches in the parts read; a
 * page needs only the parts its events span. The leading term is the cheapest to collect. A window
 * holds at most the events that cost as much to test as the collection, so that when the terms
 * rarely meet, the window that fails and the collection after it cost at most about twice the
 * collection alone.
 */
export function chooseSearchStrategy(
  { events, terms, startQuantiles }: Pick<SearchEstimates, 'events' | 'terms'> & { startQuantiles?: unknown[] },
  limit: number,
): SearchStrategy {
  const collectCost = collectCosts({ events, terms });
  const leadingTerm = cheapestOf(collectCost);
  const share = terms.reduce((product, term) => product * (term.events / events), 1);
  const expectedRows = share > 0 ? limit / share : Infinity;
  let collect: boolean;
  let mostRows = MAX_WINDOW_ROWS;
  if ((startQuantiles?.length ?? 0) > 2) {
    const parts = Math.max(1, Math.ceil(Math.log2(expectedRows / events / FIRST_PART_SHARE + 1)));
    const leading = terms[leadingTerm]!;
    const partsRead = Math.min(1, (2 ** parts - 1) * FIRST_PART_SHARE);
    const partsMs =
      parts * (PART_MS + leading.mentionLabels.length * PART_LABEL_MS + leading.events * PART_GRAM_ENTRY_MS) +
      leading.events * partsRead * ROW_TEST_MS;
    collect = Math.min(expectedRows, MAX_WINDOW_ROWS) * ROW_TEST_MS > partsMs || expectedRows > MAX_WINDOW_ROWS * 2;
    // A window that does not fill the page is followed by the collection: testing no more rows
    // than the collection costs keeps a wrong estimate (terms that rarely meet) to twice its cost.
    mostRows = Math.max(MIN_WINDOW_ROWS, Math.min(MAX_WINDOW_ROWS, Math.floor(partsMs / ROW_TEST_MS)));
  } else {
    collect = expectedRows * ROW_TEST_COST > collectCost[leadingTerm]! && expectedRows > MIN_WINDOW_ROWS;
  }
  if (collect) return { windowRows: 0, leadingTerm };
  const windowRows = Math.min(mostRows, Math.max(MIN_WINDOW_ROWS, Math.ceil(WINDOW_MARGIN * expectedRows)));
  return { windowRows, leadingTerm };
}
