import { type SearchTerm } from './search-terms';

/** A search term with what the database holds about it, read once per search (see resolveSearch). */
export interface ResolvedTerm {
  term: SearchTerm;
  /** About how many events it matches; never more than the events there are. */
  events: number;
  /** The actors whose own text contains it. */
  actorIds: string[];
  /** Their names and aliases that do not contain it: a text that mentions one matches the term. */
  mentionLabels: string[];
  /**
   * The term's rarest gram by the statistics (none for a term too short for the index): an index
   * condition on it alone is estimated as PostgreSQL counts it, where one on all the term's grams,
   * taken as independent, may be thought a thousand times rarer than it is.
   */
  rarestGram: string | null;
  /** Every gram a text containing the term holds (none for a term too short for the index). */
  grams: string[];
}
