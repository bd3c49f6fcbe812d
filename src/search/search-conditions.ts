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

/** How one term reaches the events it matches, as SQL pieces (see {@link matchingEvents}). */
interface TermRoutes {
  /** The condition on a row `alias` (an event or a citation) that its own text contains the term. */
  containsTerm(alias: string): string;
  /** An expression of the ids of the actors the term matches. */
  actorIds: string;
  /** Reads of the rows of `read` whose text mentions one of the actors' other labels, `when` limiting each to a time. */
  mentionReads(read: MentionRead, when: (column: string) => string): string[];
}

/** Where mentions are read: the events' own texts or the citations' quotes, and the columns selected. */
interface MentionRead {
  table: 'event' | 'citation';
  alias: string;
  id: string;
  startAt: string;
  text: string;
}

const EVENT_MENTIONS: MentionRead = {
  table: 'event',
  alias: 'le',
  id: 'le.id',
  startAt: 'le.start_at',
  text: 'search_text',
};
const CITATION_MENTIONS: MentionRead = {
  table: 'citation',
  alias: 'lc',
  id: 'lc.event_id',
  startAt: 'lc.event_start_at',
  text: 'quote',
};

/**
 * The events (`id`, `start_at`) that match one term, each once: through their own text or a
 * citation's, their participants and the people and outlets their citations name, and mentions
 * of those actors' other labels. With `during` (SQL expressions [from, to)), only those starting
 * then, every index read limited to that time: the actors' participations and citations by their
 * (actor, time) indexes, texts by the gram index's bitmap joined with the time index's.
 */
function matchingEvents(routes: TermRoutes, during?: { from: string; to: string }): string {
  const when = (column: string) => (during ? ` AND ${column} >= ${during.from} AND ${column} < ${during.to}` : '');
  const { actorIds } = routes;
  return [
    `SELECT te.id, te.start_at FROM event te WHERE ${routes.containsTerm('te')}${when('te.start_at')}`,
    `SELECT tc.event_id, tc.event_start_at FROM citation tc WHERE ${routes.containsTerm('tc')}${when('tc.event_start_at')}`,
    `SELECT tp.event_id, tp.event_start_at FROM participation tp WHERE tp.actor_id = ANY (${actorIds})${when('tp.event_start_at')}`,
    `SELECT ts.event_id, ts.event_start_at FROM citation ts WHERE ts.speaker_id = ANY (${actorIds})${when('ts.event_start_at')}`,
    `SELECT tt.event_id, tt.event_start_at FROM citation tt WHERE tt.attributed_to_id = ANY (${actorIds})${when('tt.event_start_at')}`,
    ...routes.mentionReads(EVENT_MENTIONS, when),
    ...routes.mentionReads(CITATION_MENTIONS, when),
  ].join('\n    UNION ');
}

/** The routes of a term whose actors and labels are read in the same statement. */
function routesInStatement(term: BoundTerm): TermRoutes {
  return {
    containsTerm: (alias) => containsTerm(alias, term),
    actorIds: `ARRAY(SELECT ma.id FROM (${matchingActors(term)}) AS ma)`,
    mentionReads: ({ table, alias, id, startAt, text }, when) => [
      `SELECT ${id}, ${startAt} FROM (${mentionLabels(term)}) AS labels JOIN ${table} ${alias}
          ON ${alias}.search_grams @> label_grams(labels.label) AND text_mentions(${alias}.${text}, labels.label)${when(startAt)}`,
    ],
  };
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
  const sets = terms.map((term) => `(${matchingEvents(routesInStatement(bind(term, params)))})`);
  return `${alias}.id = ANY (ARRAY(SELECT matched.id FROM (${sets.join('\n    INTERSECT ')}) AS matched(id, start_at)))`;
}

/** How many labels one mention read looks up: with more, PostgreSQL may test every row of a time range instead. */
const LABELS_PER_READ = 64;

/**
 * The routes of a term resolved beforehand. Mentions are read a group of labels at a time: one
 * gram-index read per label, the reads joined into one bitmap (and with the time index's when the
 * statement restricts the time), then one pass over the rows found with the group's patterns,
 * instead of one pass per label. Texts are found through the term's rarest gram alone, which
 * PostgreSQL estimates as it counts it (see ResolvedTerm.rarestGram).
 */
function resolvedRoutes(term: ResolvedTerm, params: SqlParams): TermRoutes {
  const pattern = params.add(term.term.pattern);
  const gram = term.rarestGram === null ? null : params.add([term.rarestGram]);
  return {
    containsTerm: (alias) =>
      gram
        ? `${alias}.search_grams @> ${gram}::text[] AND ${alias}.search_text ILIKE ${pattern}`
        : `${alias}.search_text ILIKE ${pattern}`,
    actorIds: `${params.add(term.actorIds)}::bigint[]`,
    mentionReads: ({ table, alias, id, startAt, text }, when) => {
      const reads: string[] = [];
      for (let start = 0; start < term.mentionLabels.length; start += LABELS_PER_READ) {
        const labels = term.mentionLabels.slice(start, start + LABELS_PER_READ);
        const grams = labels.map((label) => `${alias}.search_grams @> label_grams(${params.add(label)}::text)`);
        const patterns = `${params.add(mentionPatterns(labels))}::text[]`;
        reads.push(
          `SELECT ${id}, ${startAt} FROM ${table} ${alias} WHERE (${grams.join(' OR ')}) AND ${alias}.${text} ~* ANY (${patterns})${when(startAt)}`,
        );
      }
      return reads;
    },
  };
}

/**
 * The events (`id`, `start_at`) that match a resolved term, each once (see {@link matchingEvents}),
 * only those starting in [`during.from`, `during.to`) when given.
 */
export function eventsMatchingTerm(
  term: ResolvedTerm,
  params: SqlParams,
  during?: { from: string; to: string },
): string {
  return matchingEvents(resolvedRoutes(term, params), during);
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
