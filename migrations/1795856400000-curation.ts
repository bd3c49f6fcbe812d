import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Tables whose past versions are kept, and the indexes their history needs for as-of reads. */
const HISTORY_INDEXES: Readonly<Record<string, readonly string[]>> = {
  event: ['(id, valid_from)', '(start_at, id)', '(slug)', 'USING gin (search_grams)', 'USING gin (tags)'],
  actor: ['(id, valid_from)', '(slug)', 'USING gin (search_grams)'],
  source: ['(id, valid_from)', '(publisher_id)', 'USING gin (search_grams)'],
  participation: ['(event_id)', '(actor_id, event_start_at, event_id)'],
  citation: [
    '(id, valid_from)',
    '(event_id)',
    '(source_id, event_start_at, event_id)',
    '(speaker_id)',
    '(attributed_to_id)',
    'USING gin (search_grams)',
  ],
  event_relation: ['(from_event_id)', '(to_event_id)'],
};

const VERSIONED_TABLES = Object.keys(HISTORY_INDEXES);

/**
 * Curation: API tokens, revision numbers and the revision log, actor merges, and system-versioned
 * history for as-of reads.
 *
 * Every versioned table gets `valid_from` (the start of the transaction that wrote the row's
 * current version; `-infinity` for rows that predate this migration) and a `<table>_history`
 * table holding each replaced or deleted version with `valid_until`. A trigger copies the old
 * version on UPDATE and DELETE (cascades included), so no write path can skip it. The schema
 * `as_of` holds one view per versioned table: current rows recorded by the instant in the
 * setting `annals.as_of`, plus the history rows that were current then. Read statements run
 * unchanged with `search_path = as_of, public`, and PostgreSQL plans the union with both sides'
 * indexes, so an as-of timeline page is still a keyset read (a Merge Append of two index scans).
 * The instant is tested outside the UNION ALL on purpose: PostgreSQL flattens a union into an
 * append of its tables only when its branches have no WHERE of their own, and only a flattened
 * union gets ordered index scans on both sides.
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

      -- Keeps the replaced or deleted version in <table>_history (TG_ARGV[0]). A version written and
      -- replaced within one transaction was never visible to anyone, so it is not kept.
      CREATE FUNCTION keep_history() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.valid_from < recording_instant() THEN
          EXECUTE format('INSERT INTO %I SELECT * FROM jsonb_populate_record(NULL::%I, $1)', TG_ARGV[0], TG_ARGV[0])
            USING to_jsonb(OLD) || jsonb_build_object('valid_until', recording_instant());
        END IF;
        IF TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        NEW.valid_from := greatest(recording_instant(), OLD.valid_from);
        RETURN NEW;
      END $$;

      CREATE SCHEMA as_of;
      -- The instant an as-of read asks about; set per transaction by the reader.
      CREATE FUNCTION as_of_instant() RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT current_setting('annals.as_of')::timestamptz
      $$;
    `);
    for (const table of VERSIONED_TABLES) {
      await queryRunner.query(`
        ALTER TABLE ${table} ADD COLUMN valid_from timestamptz NOT NULL DEFAULT '-infinity';
        ALTER TABLE ${table} ALTER COLUMN valid_from SET DEFAULT recording_instant();
        CREATE TABLE ${table}_history (LIKE ${table}, valid_until timestamptz NOT NULL,
          CHECK (valid_until > valid_from));
        CREATE TRIGGER ${table}_keep_history BEFORE UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION keep_history('${table}_history');
      `);
      for (const [index, definition] of HISTORY_INDEXES[table]!.entries()) {
        await queryRunner.query(`CREATE INDEX ${table}_history_${index}_idx ON ${table}_history ${definition}`);
      }
      const [{ columns }] = (await queryRunner.query(
        `SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS columns
           FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
        [`public.${table}`],
      )) as [{ columns: string }];
      await queryRunner.query(`
        CREATE VIEW as_of.${table} AS
          SELECT ${columns} FROM (
            SELECT ${columns}, 'infinity'::timestamptz AS valid_until FROM public.${table}
            UNION ALL
            SELECT ${columns}, valid_until FROM public.${table}_history
          ) AS versions
          WHERE valid_from <= as_of_instant() AND valid_until > as_of_instant();
      `);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of VERSIONED_TABLES) {
      await queryRunner.query(`
        DROP VIEW as_of.${table};
        DROP TRIGGER ${table}_keep_history ON ${table};
        DROP TABLE ${table}_history;
        ALTER TABLE ${table} DROP COLUMN valid_from;
      `);
    }
    await queryRunner.query(`
      DROP TABLE actor_merge, revision, api_token;
      DROP TYPE revision_subject, token_role;
      DROP FUNCTION as_of_instant;
      DROP SCHEMA as_of;
      DROP FUNCTION keep_history;
      DROP FUNCTION recording_instant;
      ALTER TABLE event DROP COLUMN revision;
      ALTER TABLE actor DROP COLUMN revision;
      ALTER TABLE source DROP COLUMN revision;
    `);
  }
}
