import { type SqlParams } from '../db/sql-params';
import { mentionPatterns } from './mention-patterns';
import { type ResolvedTerm } from './resolved-term';
import { type SearchTerm } from './search-terms';

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

/**
 * A condition on `alias` (an actor or a source) that its `search_text` contains `term`. With an
 * indexable term the row's grams must contain the term's, so that the GIN index on `search_grams`
 * finds the candidates; an unindexable term must not get that condition, as `@> '{}'` would make
 * the index return every row.
 */
export function searchTextCondition(alias: string, term: SearchTerm, params: SqlParams): string {
  const match = `${alias}.search_text ILIKE ${params.add(term.pattern)}`;
  if (!isIndexableTerm(term.text)) return match;
  return `(${alias}.search_grams @> search_term_grams(${params.add(term.text)}) AND ${match})`;
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

/** How many labels one mention read looks up: with more, PostgreSQL may test every row of a time range instead. */
const LABELS_PER_READ = 64;

/**
 * Reads of the rows of `read` whose text mentions one of the term's mention labels, over the whole
 * timeline: one label at a time, its gram-index read and `text_mentions` on the rows found, which
 * over many rows costs far less than a pattern of many labels (in development timings at 1M events,
 * counting 王's matches took 17 s against 36 s).
 */
function mentionReads(
  term: ResolvedTerm,
  { table, alias, id, startAt, text }: MentionRead,
  params: SqlParams,
): string[] {
  if (!term.mentionLabels.length) return [];
  return [
    `SELECT ${id}, ${startAt} FROM unnest(${params.add(term.mentionLabels)}::text[]) AS labels(label) JOIN ${table} ${alias}
          ON ${alias}.search_grams @> label_grams(labels.label) AND text_mentions(${alias}.${text}, labels.label)`,
  ];
}

/** A test of a row's text, and the gram-index condition that every row passing it meets (null: none). */
interface TextTest {
  grams: string | null;
  text: string;
}

/** The test as a condition: its grams (for the index to find the candidates) and its text test. */
function textTestCondition({ grams, text }: TextTest): string {
  return grams === null ? `(${text})` : `(${grams}) AND (${text})`;
}

/**
 * Within a time (`during`), the tests of a row of `read` that its text mentions one of the term's
 * mention labels, a group of labels each: one gram-index read per label, joined into one bitmap,
 * then one pass over the rows found with the group's patterns.
 */
function mentionTests(term: ResolvedTerm, { alias, text }: MentionRead, params: SqlParams): TextTest[] {
  const tests: TextTest[] = [];
  for (let start = 0; start < term.mentionLabels.length; start += LABELS_PER_READ) {
    const labels = term.mentionLabels.slice(start, start + LABELS_PER_READ);
    const grams = labels.map((label) => `${alias}.search_grams @> label_grams(${params.add(label)}::text)`);
    tests.push({
      grams: grams.join(' OR '),
      text: `${alias}.${text} ~* ANY (${params.add(mentionPatterns(labels))}::text[])`,
    });
  }
  return tests;
}

/**
 * The rows of `read` starting within `during` whose own text contains the term or mentions one of
 * its labels. The term and the first group of labels are read together: the time index's bitmap is
 * built once and joined with the gram index's for both, where a read for each built it twice (a
 * third of a part's time in "Feng Jun" at 1M events). Their conditions may be joined as
 * (grams of either) AND (either text test) because each text test implies its own grams. A term
 * with no grams to look up is read on its own, so that the labels keep their index reads.
 */
function textReadsDuring(
  term: ResolvedTerm,
  read: MentionRead,
  contains: TextTest,
  during: { from: string; to: string },
  params: SqlParams,
): string[] {
  const mentions = mentionTests(term, read, params);
  const first = mentions[0];
  const joined: TextTest[] =
    contains.grams !== null && first
      ? [
          { grams: `${contains.grams} OR ${first.grams}`, text: `${contains.text} OR ${first.text}` },
          ...mentions.slice(1),
        ]
      : [contains, ...mentions];
  const inTime = `${read.startAt} >= ${during.from} AND ${read.startAt} < ${during.to}`;
  return joined.map(
    (test) =>
      `SELECT ${read.id}, ${read.startAt} FROM ${read.table} ${read.alias} WHERE ${textTestCondition(test)} AND ${inTime}`,
  );
}

/**
 * The events (`id`, `start_at`) that match a resolved term, each once: through their own text or
 * a citation's, their participants and the people and outlets their citations name, and mentions
 * of those actors' other labels. Texts are found through all the term's grams, or with `during`
 * through its rarest alone, which PostgreSQL estimates as it counts it (see
 * ResolvedTerm.rarestGram), so that it joins the time index's bitmap only when that pays. With `during` (SQL
 * expressions [from, to)), only those starting then, every index read limited to that time: the
 * actors' participations and citations by their (actor, time) indexes, texts and mentions by the
 * gram index's bitmap joined with the time index's (see {@link textReadsDuring}).
 */
export function eventsMatchingTerm(
  term: ResolvedTerm,
  params: SqlParams,
  during?: { from: string; to: string },
): string {
  const when = (column: string) => (during ? ` AND ${column} >= ${during.from} AND ${column} < ${during.to}` : '');
  const pattern = params.add(term.term.pattern);
  const grams = term.rarestGram === null ? null : params.add(during ? [term.rarestGram] : term.grams);
  const contains = (alias: string): TextTest => ({
    grams: grams ? `${alias}.search_grams @> ${grams}::text[]` : null,
    text: `${alias}.search_text ILIKE ${pattern}`,
  });
  const actorIds = `${params.add(term.actorIds)}::bigint[]`;
  const textReads = during
    ? [
        ...textReadsDuring(term, EVENT_MENTIONS, contains('le'), during, params),
        ...textReadsDuring(term, CITATION_MENTIONS, contains('lc'), during, params),
      ]
    : [
        `SELECT te.id, te.start_at FROM event te WHERE ${textTestCondition(contains('te'))}`,
        `SELECT tc.event_id, tc.event_start_at FROM citation tc WHERE ${textTestCondition(contains('tc'))}`,
        ...mentionReads(term, EVENT_MENTIONS, params),
        ...mentionReads(term, CITATION_MENTIONS, params),
      ];
  return [
    ...textReads,
    `SELECT tp.event_id, tp.event_start_at FROM participation tp WHERE tp.actor_id = ANY (${actorIds})${when('tp.event_start_at')}`,
    `SELECT ts.event_id, ts.event_start_at FROM citation ts WHERE ts.speaker_id = ANY (${actorIds})${when('ts.event_start_at')}`,
    `SELECT tt.event_id, tt.event_start_at FROM citation tt WHERE tt.attributed_to_id = ANY (${actorIds})${when('tt.event_start_at')}`,
  ].join('\n    UNION ');
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

/**
 * A condition on the event `alias` that it matches every resolved term: the matches of the terms
 * at `collected` are collected once through the indexes (see {@link eventsMatchingTerm}) and
 * intersected, the terms at `tested` tested on each of them (in a subquery per row, which the
 * planner cannot turn into a join testing every event of the table), and the ids kept in an array, so that
 * whatever else the statement reads, PostgreSQL looks these events up by id. For statements that
 * weigh every match (counts, buckets, a scope's pages); a page of the whole timeline is found by
 * the search strategy instead.
 */
export function collectedSearchCondition(
  alias: string,
  terms: readonly ResolvedTerm[],
  { collected, tested }: { collected: readonly number[]; tested: readonly number[] },
  params: SqlParams,
): string {
  const sets = collected.map((index) => `(${eventsMatchingTerm(terms[index]!, params)})`).join('\n    INTERSECT ');
  const matched = `(${sets}) AS matched(id, start_at)`;
  const test = eventRowSearchCondition(
    'tested',
    tested.map((index) => terms[index]!),
    params,
  );
  const ids = tested.length
    ? `SELECT matched.id FROM ${matched}
        WHERE (SELECT ${test} FROM event tested WHERE tested.id = matched.id)`
    : `SELECT matched.id FROM ${matched}`;
  return `${alias}.id = ANY (ARRAY(${ids}))`;
}
