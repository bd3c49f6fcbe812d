import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** What JavaScript's `\s` matches, so that no search term (split on `\s`) contains any of it. */
const WHITESPACE = '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';

/** Texts of more bytes than this may give duplicate grams: tsvector, which removes them, holds at most 1 MB. */
const DEDUPLICATED_BYTES = 90000;

const EVENT_TEXT = `localized_text_values(titles) || ' ' || localized_text_values(summaries) || ' ' || joined_text(tags)`;
const ACTOR_TEXT = `slug || ' ' || localized_text_values(names) || ' ' || joined_text(aliases)`;
const CITATION_TEXT = `coalesce(quote, '') || E'\\n' || coalesce(note, '')`;
const SOURCE_TEXT = `title || E'\\n' || coalesce(author, '') || E'\\n' || slug || E'\\n' || coalesce(url, '')`;

/**
 * An n-gram index for substring search in any script, in plain SQL (no extension): each searched
 * table gets `search_grams`, the grams of its `search_text`, under a GIN index. A search term's
 * grams must all be among a row's grams before the row's text is compared with ILIKE, so a search
 * reads the few rows that can match instead of all of them. Latin words are indexed by trigrams;
 * Chinese, whose names are often two characters long, also by bigrams and single characters.
 */
export class SearchGrams1795845600000 implements MigrationInterface {
  name = 'SearchGrams1795845600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- The distinct grams of lower(content): every 3 characters in a row without whitespace; every
      -- 2 such characters of which one is not ASCII; every character that is neither ASCII nor
      -- whitespace; and every word of 1 or 2 ASCII letters, digits or _ (delimited by anything else),
      -- after a space (so that it cannot be confused with a 3-character gram, which has no space).
      CREATE FUNCTION text_grams(content text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN octet_length(content) <= ${DEDUPLICATED_BYTES}
                    THEN coalesce(tsvector_to_array(array_to_tsvector(grams)), '{}')
                    ELSE coalesce(grams, '{}') END
          FROM (SELECT array_remove(
                         array_agg(a || b || c)
                         || array_agg(CASE WHEN ascii(a) > 127 OR ascii(b) > 127 THEN a || b END)
                         || array_agg(CASE WHEN ascii(a) > 127 THEN a END)
                         || ARRAY(SELECT ' ' || word[1]
                                    FROM regexp_matches(lower(content), '(?:^|[^0-9a-z_])([0-9a-z_]{1,2})(?![0-9a-z_])', 'g')
                                      AS word),
                         NULL) AS grams
                  FROM (SELECT unnest(chars) AS a, unnest(chars[2:]) AS b, unnest(chars[3:]) AS c
                          FROM string_to_array(regexp_replace(lower(content), '${WHITESPACE}+', ' ', 'g'), NULL, ' ')
                            AS chars) AS windows
                OFFSET 0) AS collected
      $$;

      -- The grams every text containing term (as ILIKE '%term%' sees it) has: those of text_grams(term)
      -- as long as the term, up to 3 characters. Empty when the term is too short for the index.
      CREATE FUNCTION search_term_grams(term text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT ARRAY(SELECT gram FROM unnest(text_grams(term)) AS gram
                      WHERE left(gram, 1) <> ' ' AND char_length(gram) = least(char_length(lower(term)), 3))
      $$;

      -- The grams every text that text_mentions(text, label) has: for ASCII labels, matched as whole
      -- words, also their words of 1 or 2 characters (so Xi and US can be found through the index).
      CREATE FUNCTION label_grams(label text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN label ~ '^[ -~]+$'
                    THEN search_term_grams(label) || ARRAY(SELECT gram FROM unnest(text_grams(label)) AS gram
                                                            WHERE left(gram, 1) = ' ')
                    ELSE search_term_grams(label) END
      $$;

      ALTER TABLE event ADD COLUMN search_grams text[] COLLATE "C"
        GENERATED ALWAYS AS (text_grams(${EVENT_TEXT})) STORED;
      ALTER TABLE actor ADD COLUMN search_grams text[] COLLATE "C"
        GENERATED ALWAYS AS (text_grams(${ACTOR_TEXT})) STORED;
      ALTER TABLE citation
        ADD COLUMN search_text text GENERATED ALWAYS AS (${CITATION_TEXT}) STORED,
        ADD COLUMN search_grams text[] COLLATE "C" GENERATED ALWAYS AS (text_grams(${CITATION_TEXT})) STORED;
      ALTER TABLE source
        ADD COLUMN search_text text GENERATED ALWAYS AS (${SOURCE_TEXT}) STORED,
        ADD COLUMN search_grams text[] COLLATE "C" GENERATED ALWAYS AS (text_grams(${SOURCE_TEXT})) STORED;

      CREATE INDEX event_search_grams_idx ON event USING gin (search_grams);
      CREATE INDEX actor_search_grams_idx ON actor USING gin (search_grams);
      CREATE INDEX citation_search_grams_idx ON citation USING gin (search_grams);
      CREATE INDEX source_search_grams_idx ON source USING gin (search_grams);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE source DROP COLUMN search_grams, DROP COLUMN search_text;
      ALTER TABLE citation DROP COLUMN search_grams, DROP COLUMN search_text;
      ALTER TABLE actor DROP COLUMN search_grams;
      ALTER TABLE event DROP COLUMN search_grams;
      DROP FUNCTION label_grams, search_term_grams, text_grams;
    `);
  }
}
