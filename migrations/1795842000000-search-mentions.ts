import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Functions for cross-language search: an actor's labels (names in every language and aliases),
 * and whether a text mentions a label (whole words for Latin script, substrings for scripts such
 * as Chinese that do not separate words).
 */
export class SearchMentions1795842000000 implements MigrationInterface {
  name = 'SearchMentions1795842000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION actor_labels(names jsonb, aliases text[]) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(array_agg(DISTINCT label), '{}')
          FROM (SELECT value AS label FROM jsonb_each_text(names) UNION ALL SELECT unnest(aliases)) AS labels
         WHERE char_length(btrim(label)) >= 2
      $$;

      CREATE FUNCTION text_mentions(content text, label text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE
          WHEN content IS NULL THEN false
          WHEN label ~ '^[ -~]+$'
            THEN content ~* ('(?<![[:alnum:]_])' || regexp_replace(label, '([^A-Za-z0-9 ])', '\\\\\\1', 'g') || '(?![[:alnum:]_])')
          ELSE strpos(lower(content), lower(label)) > 0
        END
      $$;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION text_mentions, actor_labels;`);
  }
}
