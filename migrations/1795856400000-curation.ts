import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** A versioned table: the columns that identify a row, and the indexes its history needs for as-of reads. */
interface Versioned {
  key: readonly string[];
  indexes: readonly string[];
}

const VERSIONED: Readonly<Record<string, Versioned>> = {
  event: { key: ['id'], indexes: ['(start_at, id)', '(slug)', 'USING gin (search_grams)', 'USING gin (tags)'] },
  actor: { key: ['id'], indexes: ['(slug)', 'USING gin (search_grams)'] },
  source: { key: ['id'], indexes: ['(publisher_id)', 'USING gin (search_grams)'] },
  participation: { key: ['event_id', 'actor_id', 'role'], indexes: ['(actor_id, event_start_at, event_id)'] },
  citation: {
    key: ['id'],
    indexes: [
      '(event_id, position, id)',
      '(source_id, event_start_at, event_id)',
      '(speaker_id)',
      '(attributed_to_id)',
      'USING gin (search_grams)',
    ],
  },
  event_relation: { key: ['from_event_id', 'type', 'to_event_id'], indexes: ['(to_event_id, type)'] },
};

const VERSIONED_TABLES = Object.keys(VERSIONED);

/**
 * Curation: API tokens, revision numbers and the revision log, actor merges, and system-versioned
 * history for as-of reads.
 *
 * Every versioned table gets `valid_from` (the start of the transaction that wrote the row's
 * current version, to the millisecond; `-infinity` for rows that predate this migration) and a
 * `<table>_history` holding every version of every row, the current one included, each with the
 * instants it was valid from and until (`infinity` while current). Triggers keep it on INSERT,
 * UPDATE and DELETE (cascades included), so no write path can skip it; a version replaced within
 * its own transaction was never visible and is not kept. The schema `as_of` holds one view per
 * versioned table: the versions valid at the instant in the setting `annals.as_of`. Read
 * statements run unchanged with `search_path = as_of, public`, so an as-of timeline page is one
 * ordered index scan of `event_history` on (start_at, id) that stops at the page's end: it reads
 * the page's rows times the versions each of them has, whatever the size of the table.
 *
 * A later migration that adds a column to a versioned table must add it to its history, and
 * recreate the table's `keep_versions` function and `as_of` view with it.
 */
export class Curation1795856400000 implements MigrationInterface {
  name = 'Curation1795856400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TYPE token_role AS ENUM ('EDITOR', 'ADMIN');
      CREATE TABLE api_token (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 100),
        role token_role NOT NULL,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );
      CREATE UNIQUE INDEX api_token_active_name_idx ON api_token (name) WHERE revoked_at IS NULL;

      ALTER TABLE event ADD COLUMN revision integer NOT NULL DEFAULT 1 CHECK (revision > 0);
      ALTER TABLE actor ADD COLUMN revision integer NOT NULL DEFAULT 1 CHECK (revision > 0);
      ALTER TABLE source ADD COLUMN revision integer NOT NULL DEFAULT 1 CHECK (revision > 0);

      -- The instant a writing transaction records its changes at: its start, to the millisecond, so
      -- that every row it writes shares it and an as-of read given that instant sees the whole write.
      CREATE FUNCTION recording_instant() RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT date_trunc('milliseconds', now())
      $$;

      CREATE TYPE revision_subject AS ENUM ('EVENT', 'ACTOR', 'SOURCE');
      CREATE TABLE revision (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        subject_type revision_subject NOT NULL,
        subject_id bigint NOT NULL,
        revision integer NOT NULL CHECK (revision > 0),
        action text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT recording_instant(),
        author text NOT NULL,
        token_id bigint REFERENCES api_token (id) ON DELETE SET NULL,
        reason text CHECK (length(reason) <= 2000),
        changes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(changes) = 'array'),
        CONSTRAINT revision_number_once UNIQUE (subject_type, subject_id, revision)
      );

      CREATE TABLE actor_merge (
        merged_id bigint PRIMARY KEY,
        merged_slug slug NOT NULL UNIQUE,
        survivor_id bigint NOT NULL REFERENCES actor (id) ON DELETE CASCADE,
        merged_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX actor_merge_survivor_id_idx ON actor_merge (survivor_id);

      -- A new version starts when its transaction does, never before the one it replaces.
      CREATE FUNCTION stamp_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.valid_from := greatest(recording_instant(), OLD.valid_from);
        RETURN NEW;
      END $$;

      CREATE SCHEMA as_of;
      -- The instant an as-of read asks about; set per transaction by the reader.
      CREATE FUNCTION as_of_instant() RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT current_setting('annals.as_of')::timestamptz
      $$;
    `);
    for (const table of VERSIONED_TABLES) await this.versionTable(queryRunner, table, VERSIONED[table]!);
  }

  private async versionTable(queryRunner: QueryRunner, table: string, { key, indexes }: Versioned): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE ${table} ADD COLUMN valid_from timestamptz NOT NULL DEFAULT '-infinity';
      ALTER TABLE ${table} ALTER COLUMN valid_from SET DEFAULT recording_instant();
      CREATE TABLE ${table}_history (LIKE ${table}, valid_until timestamptz NOT NULL DEFAULT 'infinity',
        CHECK (valid_until > valid_from));
    `);
    const [{ columns }] = (await queryRunner.query(
      `SELECT array_agg(quote_ident(attname) ORDER BY attnum) AS columns
         FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
      [`public.${table}`],
    )) as [{ columns: string[] }];
    const list = columns.join(', ');
    const current = (row: string) => `${key.map((column) => `${column} = ${row}.${column}`).join(' AND ')}
      AND valid_until = 'infinity'`;
    await queryRunner.query(`
      INSERT INTO ${table}_history (${list}) SELECT ${list} FROM ${table};
      CREATE UNIQUE INDEX ${table}_history_current_idx ON ${table}_history (${key.join(', ')}) WHERE valid_until = 'infinity';
      CREATE INDEX ${table}_history_key_idx ON ${table}_history (${key.join(', ')}, valid_from);
      ${indexes.map((definition, index) => `CREATE INDEX ${table}_history_${index}_idx ON ${table}_history ${definition};`).join('\n')}

      CREATE FUNCTION ${table}_keep_versions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          IF OLD.valid_from >= recording_instant() THEN
            DELETE FROM ${table}_history WHERE ${current('OLD')};
          ELSE
            UPDATE ${table}_history SET valid_until = recording_instant() WHERE ${current('OLD')};
          END IF;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          INSERT INTO ${table}_history (${list}) VALUES (${columns.map((column) => `NEW.${column}`).join(', ')});
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER ${table}_stamp_version BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION stamp_version();
      CREATE TRIGGER ${table}_keep_versions AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION ${table}_keep_versions();

      CREATE VIEW as_of.${table} AS
        SELECT ${list} FROM public.${table}_history
         WHERE valid_from <= as_of_instant() AND valid_until > as_of_instant();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of VERSIONED_TABLES) {
      await queryRunner.query(`
        DROP VIEW as_of.${table};
        DROP TRIGGER ${table}_keep_versions ON ${table};
        DROP TRIGGER ${table}_stamp_version ON ${table};
        DROP FUNCTION ${table}_keep_versions;
        DROP TABLE ${table}_history;
        ALTER TABLE ${table} DROP COLUMN valid_from;
      `);
    }
    await queryRunner.query(`
      DROP TABLE actor_merge, revision, api_token;
      DROP TYPE revision_subject, token_role;
      DROP FUNCTION as_of_instant;
      DROP SCHEMA as_of;
      DROP FUNCTION stamp_version;
      DROP FUNCTION recording_instant;
      ALTER TABLE event DROP COLUMN revision;
      ALTER TABLE actor DROP COLUMN revision;
      ALTER TABLE source DROP COLUMN revision;
    `);
  }
}
