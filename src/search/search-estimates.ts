import { type SqlClient } from '../db/sql-client';
import { SqlParams } from '../db/sql-params';
import { type ResolvedTerm } from './resolved-term';
import { isIndexableTerm } from './search-conditions';
import {
  freshSearchStatistics,
  gramShare,
  rarestGram,
  rememberSearchStatistics,
  STATISTICS_SQL,
  type SearchStatistics,
} from './search-statistics';
import { type SearchTerm } from './search-terms';

/** How many events there are, and each term resolved. */
export interface SearchEstimates {
  events: number;
  terms: ResolvedTerm[];
  /** Start times dividing the events into parts of about equal size, in order; empty when there are none. */
  startQuantiles: Date[];
}

/** Participations counted exactly up to this many per term; beyond, the term is common anyway. */
const COUNTED_PARTICIPATIONS = 5_000;

interface TermRow {
  grams: string[];
  participations: number;
  actorIds: string[];
  mentionLabels: string[];
}

/**
 * Resolves every term in one statement: the actors it matches and their other labels, and about
 * how many events it matches: through the event's own text and its citations' texts (the gram
 * index's statistics, what the planner itself uses, read along once a minute), and through its
 * participants (the matching actors' participations, counted). Mentions of an actor's other names
 * are mostly where it takes part, and are not counted apart.
 */
export async function resolveSearch(sql: SqlClient, terms: readonly SearchTerm[]): Promise<SearchEstimates> {
  const params = new SqlParams();
  const perTerm = terms.map((term) => {
    const pattern = params.add(term.pattern);
    const text = isIndexableTerm(term.text) ? params.add(term.text) : null;
    const actorCondition = text
      ? `a.search_grams @> search_term_grams(${text}) AND a.search_text ILIKE ${pattern}`
      : `a.search_text ILIKE ${pattern}`;
    return `(SELECT json_build_object(
        'grams', ${text ? `search_term_grams(${text})` : `'{}'::text[]`},
        'participations', (SELECT count(*) FROM (SELECT 1 FROM participation p WHERE p.actor_id = ANY (matching.ids)
                                                  LIMIT ${COUNTED_PARTICIPATIONS}) AS counted),
        'actorIds', matching.ids::text[],
        'mentionLabels', ARRAY(SELECT DISTINCT label FROM actor la, unnest(actor_labels(la.names, la.aliases)) AS label
                                WHERE la.id = ANY (matching.ids) AND label NOT ILIKE ${pattern} ORDER BY label))
      FROM (SELECT ARRAY(SELECT a.id FROM actor a WHERE ${actorCondition}) AS ids) AS matching)`;
  });
  const fresh = freshSearchStatistics();
  const [row] = await sql.query<{ terms: TermRow[]; statistics?: Parameters<typeof rememberSearchStatistics>[0] }>(
    `SELECT json_build_array(${perTerm.join(', ')}) AS terms${fresh ? '' : `, ${STATISTICS_SQL} AS statistics`}`,
    params.values,
  );
  const statistics: SearchStatistics = fresh ?? rememberSearchStatistics(row!.statistics!);
  const events = statistics.eventRows;
  return {
    events,
    startQuantiles: statistics.startQuantiles,
    terms: row!.terms.map(({ grams, participations, actorIds, mentionLabels }, index) => {
      const estimate =
        gramShare(statistics.eventGrams, grams) * events +
        gramShare(statistics.citationGrams, grams) * statistics.citationRows +
        participations;
      return {
        term: terms[index]!,
        events: Math.min(events, Math.round(estimate)),
        actorIds,
        mentionLabels,
        rarestGram: rarestGram(statistics.eventGrams, grams),
        grams,
      };
    }),
  };
}
