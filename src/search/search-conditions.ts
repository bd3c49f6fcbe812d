import { type SqlParams } from '../db/sql-params';
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

/** The ids of the events that match one term (see {@link eventSearchCondition}), each once. */
function matchingEventIds(term: BoundTerm): string {
  return `(WITH matching_actor AS (SELECT ma.id, ma.names, ma.aliases FROM actor ma WHERE ${containsTerm('ma', term)}),
          actor_label AS (SELECT DISTINCT label FROM matching_actor, unnest(actor_labels(names, aliases)) AS label)
    SELECT te.id FROM event te WHERE ${containsTerm('te', term)}
    UNION SELECT tc.event_id FROM citation tc WHERE ${containsTerm('tc', term)}
    UNION SELECT tp.event_id FROM participation tp WHERE tp.actor_id IN (SELECT id FROM matching_actor)
    UNION SELECT ts.event_id FROM citation ts WHERE ts.speaker_id IN (SELECT id FROM matching_actor)
    UNION SELECT tt.event_id FROM citation tt WHERE tt.attributed_to_id IN (SELECT id FROM matching_actor)
    UNION SELECT le.id FROM actor_label JOIN event le
            ON le.search_grams @> label_grams(label) AND text_mentions(le.search_text, label)
    UNION SELECT lc.event_id FROM actor_label JOIN citation lc
            ON lc.search_grams @> label_grams(label) AND text_mentions(lc.quote, label))`;
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
  const idSets = terms.map((term) => matchingEventIds(bind(term, params)));
  return `${alias}.id = ANY (ARRAY(${idSets.join('\n    INTERSECT ')}))`;
}

/** One term tested on one event row `alias` (with `id` and `search_text`), by index lookups only. */
function eventMatchesTerm(alias: string, term: BoundTerm): string {
  const actorIds = `ARRAY(SELECT ma.id FROM actor ma WHERE ${containsTerm('ma', term)})`;
  const labels = `ARRAY(SELECT DISTINCT label FROM actor ma, unnest(actor_labels(ma.names, ma.aliases)) AS label
                         WHERE ${containsTerm('ma', term)})`;
  return `(${alias}.search_text ILIKE ${term.pattern}
    OR EXISTS (SELECT 1 FROM participation rp WHERE rp.event_id = ${alias}.id AND rp.actor_id = ANY (${actorIds}))
    OR EXISTS (SELECT 1 FROM citation rc WHERE rc.event_id = ${alias}.id
                 AND (rc.search_text ILIKE ${term.pattern} OR rc.speaker_id = ANY (${actorIds})
                      OR rc.attributed_to_id = ANY (${actorIds})
                      OR EXISTS (SELECT 1 FROM unnest(${labels}) AS label WHERE text_mentions(rc.quote, label))))
    OR EXISTS (SELECT 1 FROM unnest(${labels}) AS label WHERE text_mentions(${alias}.search_text, label)))`;
}

/**
 * The same test as {@link eventSearchCondition}, made on each event row `alias` (which needs `id`
 * and `search_text`) rather than by collecting every match first: cheap for the few hundred events
 * a page of a broad term needs, too slow to run over a whole timeline for a rare one.
 */
export function eventRowSearchCondition(alias: string, terms: readonly SearchTerm[], params: SqlParams): string {
  return terms.map((term) => eventMatchesTerm(alias, bind(term, params))).join('\n  AND ');
}
