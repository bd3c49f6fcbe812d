import { type SqlParams } from '../db/sql-params';
import { mentionPatterns } from './mention-patterns';
import { type ResolvedTerm } from './resolved-term';
import { type SearchTerm } from './search-terms';

/** A term's placeholders: its ILIKE pattern, and its text if the gram indexes can narrow a search for it. */
interface BoundTerm {
  pattern: string;
  text: string | null;
}

const isAscii = (char: string): boolean => char.codePointAt(0)! < 128;

/**
 * Whether `search_term_grams(text)` is non-empty, so that the gram indexes can narrow a search for
 * the term: at least 3 characters, or 1–2 characters of which one is not ASCII (ab no, 普京 yes).
 * Errs towards false for the rare characters whose lower case JavaScript and PostgreSQL may not
 * agree on (İ, the Kelvin sign): such a term is then searched without the index, never wrongly.
 */
export function isIndexableTerm(text: string): boolean {
  const chars: string[] = [];
  for (const char of text) {
    const lower = char.toLowerCase();
    if ([...lower].length !== 1 || isAscii(lower) !== isAscii(char)) return false;
    chars.push(lower);
  }
  const size = Math.min(chars.length, 3);
  for (let start = 0; size > 0 && start + size <= chars.length; start += 1) {
    const gram = chars.slice(start, start + size);
    if (!gram.some((char) => /\s/u.test(char)) && (size === 3 || !gram.every(isAscii))) return true;
  }
  return false;
}

function bind(term: SearchTerm, params: SqlParams): BoundTerm {
  return { pattern: params.add(term.pattern), text: isIndexableTerm(term.text) ? params.add(term.text) : null };
}

/**
 * `alias.search_text` contains the term. With an indexable term the row's grams must contain the
 * term's first, so that the GIN index on `search_grams` finds the candidates; an unindexable term
 * must not get that condition, as `@> '{}'` would make the index return every row.
 */
function containsTerm(alias: string, term: BoundTerm): string {
  const match = `${alias}.search_text ILIKE ${term.pattern}`;
  return term.text ? `(${alias}.search_grams @> search_term_grams(${term.text}) AND ${match})` : match;
}

/** A condition on `alias` (an actor or a source) that its `search_text` contains `term`. */
export function searchTextCondition(alias: string, term: SearchTerm, params: SqlParams): string {
  return containsTerm(alias, bind(term, params));
}

/** The actors whose own text contains the term. */
function matchingActors(term: BoundTerm): string {
  return `SELECT ma.id, ma.names, ma.aliases FROM actor ma WHERE ${containsTerm('ma', term)}`;
}

/**
 * The labels (names and aliases) of the actors matching the term that do not contain the term
 * themselves: a text mentioning one that does already contains the term, and is found by it.
 */
function mentionLabels(term: BoundTerm): string {
  return `SELECT DISTINCT label FROM (${matchingActors(term)}) AS la, unnest(actor_labels(la.names, la.aliases)) AS label
           WHERE label NOT ILIKE ${term.pattern}`;
}

/** The ids of the events that match one term (see {@link eventSearchCondition}), each once. */
function matchingEventIds(term: BoundTerm, actorIds: string, labels: string): string {
  return `(SELECT te.id FROM event te WHERE ${containsTerm('te', term)}
    UNION SELECT tc.event_id FROM citation tc WHERE ${containsTerm('tc', term)}
    UNION SELECT tp.event_id FROM participation tp WHERE tp.actor_id = ANY (${actorIds})
    UNION SELECT ts.event_id FROM citation ts WHERE ts.speaker_id = ANY (${actorIds})
    UNION SELECT tt.event_id FROM citation tt WHERE tt.attributed_to_id = ANY (${actorIds})
    UNION SELECT le.id FROM unnest(${labels}) AS label JOIN event le
            ON le.search_grams @> label_grams(label) AND text_mentions(le.search_text, label)
    UNION SELECT lc.event_id FROM unnest(${labels}) AS label JOIN citation lc
            ON lc.search_grams @> label_grams(label) AND text_mentions(lc.quote, label))`;
}

/** {@link matchingEventIds} with the actors and labels read in the same statement. */
function matchingEventIdsOf(term: BoundTerm): string {
  return matchingEventIds(
    term,
    `ARRAY(SELECT ma.id FROM actor ma WHERE ${containsTerm('ma', term)})`,
    `ARRAY(${mentionLabels(term)})`,
  );
}

/**
 * A condition on the event `alias` that it matches every term. An event matches a term through
 * its own text, its citations' quotes and notes, the names of its participants and of the people
 * and outlets its citations name, or (so that 普京, Putin and Путин find the same events) through
 * any name or alias of an actor the term matches, mentioned in its text or its citations' quotes.
 * Each of these reads an index: the gram indexes for texts (once per label for mentions), the
 * foreign keys for actors. The matching ids are collected once, into an array, so that whatever
 * else the statement reads, PostgreSQL looks these events up by id rather than comparing every
 * event it reads with every matching id.
 */
export function eventSearchCondition(alias: string, terms: readonly SearchTerm[], params: SqlParams): string {
  const idSets = terms.map((term) => matchingEventIdsOf(bind(term, params)));
  return `${alias}.id = ANY (ARRAY(${idSets.join('\n    INTERSECT ')}))`;
}

/** A condition on the event `alias` that it is among the events matching `term`, collected through the indexes. */
export function eventMatchingTermCondition(alias: string, term: ResolvedTerm, params: SqlParams): string {
  return `${alias}.id = ANY (ARRAY(SELECT matched.id FROM (${eventsMatchingTerm(term, params)}) AS matched))`;
}

/** How many labels one mention read looks up: with more, PostgreSQL may test every row of a time range instead. */
const LABELS_PER_READ = 64;

/**
 * Conditions on `alias` (an event or a citation), one per group of the term's labels, that its
 * `textColumn` mentions one of the group: one gram-index read per label, the reads joined into one
 * bitmap (and with the time index's when the statement restricts the time), then one pass over the
 * rows found with the group's patterns, instead of one pass per label.
 */
function mentionConditions(alias: string, textColumn: string, term: ResolvedTerm, params: SqlParams): string[] {
  const conditions: string[] = [];
  for (let start = 0; start < term.mentionLabels.length; start += LABELS_PER_READ) {
    const labels = term.mentionLabels.slice(start, start + LABELS_PER_READ);
    const grams = labels.map((label) => `${alias}.search_grams @> label_grams(${params.add(label)}::text)`);
    conditions.push(
      `(${grams.join(' OR ')}) AND ${alias}.${textColumn} ~* ANY (${params.add(mentionPatterns(labels))}::text[])`,
    );
  }
  return conditions;
}

/**
 * The events (`id`, `start_at`) that match `term`, each once, as {@link eventMatchingTermCondition}
 * says; with `during` (SQL expressions [from, to)), only those starting then, every index read
 * limited to that time: the actors' participations and citations by their (actor, time) indexes,
 * texts by the gram index's bitmap joined with the time index's.
 */
export function eventsMatchingTerm(
  term: ResolvedTerm,
  params: SqlParams,
  during?: { from: string; to: string },
): string {
  const pattern = params.add(term.term.pattern);
  const gram = term.rarestGram === null ? null : params.add([term.rarestGram]);
  const containsIt = (alias: string) =>
    gram
      ? `${alias}.search_grams @> ${gram}::text[] AND ${alias}.search_text ILIKE ${pattern}`
      : `${alias}.search_text ILIKE ${pattern}`;
  const actorIds = `${params.add(term.actorIds)}::bigint[]`;
  const when = (column: string) => (during ? ` AND ${column} >= ${during.from} AND ${column} < ${during.to}` : '');
  return `SELECT te.id, te.start_at FROM event te WHERE ${containsIt('te')}${when('te.start_at')}
    UNION SELECT tc.event_id, tc.event_start_at FROM citation tc WHERE ${containsIt('tc')}${when('tc.event_start_at')}
    UNION SELECT tp.event_id, tp.event_start_at FROM participation tp WHERE tp.actor_id = ANY (${actorIds})${when('tp.event_start_at')}
    UNION SELECT ts.event_id, ts.event_start_at FROM citation ts WHERE ts.speaker_id = ANY (${actorIds})${when('ts.event_start_at')}
    UNION SELECT tt.event_id, tt.event_start_at FROM citation tt WHERE tt.attributed_to_id = ANY (${actorIds})${when('tt.event_start_at')}
    ${mentionConditions('le', 'search_text', term, params)
      .map((condition) => `UNION SELECT le.id, le.start_at FROM event le WHERE ${condition}${when('le.start_at')}`)
      .join('\n    ')}
    ${mentionConditions('lc', 'quote', term, params)
      .map(
        (condition) =>
          `UNION SELECT lc.event_id, lc.event_start_at FROM citation lc WHERE ${condition}${when('lc.event_start_at')}`,
      )
      .join('\n    ')}`;
}

/**
 * One term tested on one event row `alias` (with `id` and `search_text`), by index lookups only.
 * Participants and citations are read per row by scalar subqueries: PostgreSQL may turn an EXISTS
 * into a hash of every matching citation in the table, which a page of a few hundred rows never needs.
 */
function eventMatchesTerm(alias: string, term: ResolvedTerm, params: SqlParams): string {
  const pattern = params.add(term.term.pattern);
  const actorIds = `${params.add(term.actorIds)}::bigint[]`;
  const patterns = `${params.add(mentionPatterns(term.mentionLabels))}::text[]`;
  return `(${alias}.search_text ILIKE ${pattern}
    OR ${alias}.search_text ~* ANY (${patterns})
    OR coalesce((SELECT bool_or(rp.actor_id = ANY (${actorIds})) FROM participation rp WHERE rp.event_id = ${alias}.id), false)
    OR coalesce((SELECT bool_or(rc.search_text ILIKE ${pattern} OR rc.speaker_id = ANY (${actorIds})
                                OR rc.attributed_to_id = ANY (${actorIds}) OR rc.quote ~* ANY (${patterns}))
                   FROM citation rc WHERE rc.event_id = ${alias}.id), false))`;
}

/**
 * The same test as {@link eventSearchCondition}, made on each event row `alias` (which needs `id`
 * and `search_text`) rather than by collecting every match first: cheap for the few hundred events
 * a page of a broad term needs, too slow to run over a whole timeline for a rare one.
 */
export function eventRowSearchCondition(alias: string, terms: readonly ResolvedTerm[], params: SqlParams): string {
  if (!terms.length) return 'true';
  return terms.map((term) => eventMatchesTerm(alias, term, params)).join('\n  AND ');
}
