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
/** When the matches can be collected part by part of the timeline, the most events a page is expected to need to be tested one by one. */
const MAX_EXPECTED_ROWS_BEFORE_SLICES = 2_000;
/** The fewest events a window may test: a few hundred cost about as little as one. */
const MIN_WINDOW_ROWS = 500;
/** A window may hold this many times the events the estimates say the page needs. */
const WINDOW_MARGIN = 4;
/** Testing one event costs about as much as collecting this many matches through the indexes. */
const ROW_TEST_COST = 4;
/** A mention label's gram lookup reads about one event in this many. */
const EVENTS_PER_LABEL_CANDIDATE = 300;

/**
 * Chooses by the estimates' costs. Testing one by one costs the events before the page is full,
 * which depends on how common the terms are, not on how many events there are (the terms taken as
 * independent, so terms that go together fill the page sooner than expected). Collecting costs the
 * leading term's matches and one index lookup per mention label, each growing with the events
 * there are; when the timeline's quantiles are known, the matches are collected part by part in
 * the page's order, and a page needs only the first parts: then anything but a page expected within
 * a few thousand events is collected. The leading term is the cheapest to collect.
 */
export function chooseSearchStrategy(
  { events, terms, startQuantiles }: Pick<SearchEstimates, 'events' | 'terms'> & { startQuantiles?: unknown[] },
  limit: number,
): SearchStrategy {
  const collectCost = terms.map(
    (term) => term.events + (term.mentionLabels.length * events) / EVENTS_PER_LABEL_CANDIDATE,
  );
  const leadingTerm = collectCost.reduce(
    (cheapest, cost, index) => (cost < collectCost[cheapest]! ? index : cheapest),
    0,
  );
  const share = terms.reduce((product, term) => product * (term.events / events), 1);
  const expectedRows = share > 0 ? limit / share : Infinity;
  const collect =
    (startQuantiles?.length ?? 0) > 2
      ? expectedRows > MAX_EXPECTED_ROWS_BEFORE_SLICES
      : expectedRows * ROW_TEST_COST > collectCost[leadingTerm]! && expectedRows > MIN_WINDOW_ROWS;
  if (collect) return { windowRows: 0, leadingTerm };
  const windowRows = Math.min(MAX_WINDOW_ROWS, Math.max(MIN_WINDOW_ROWS, Math.ceil(WINDOW_MARGIN * expectedRows)));
  return { windowRows, leadingTerm };
}
