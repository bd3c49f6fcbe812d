import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Each versioned table and the columns that identify one of its rows (as in migration Curation). */
const VERSIONED_KEYS: Readonly<Record<string, readonly string[]>> = {
  event: ['id'],
  actor: ['id'],
  source: ['id'],
  participation: ['event_id', 'actor_id', 'role'],
  citation: ['id'],
  event_relation: ['from_event_id', 'type', 'to_event_id'],
};

const VERSIONED_TABLES = Object.keys(VERSIONED_KEYS);

/** The advisory lock a transaction holds from taking its recording instant until it has committed. */
export const RECORDING_LOCK_KEY = 7_365_211_002;

/** `<key> = <row>.<key> AND …` for the current version of `row` in a history table. */
function currentVersionOf(table: string, row: string): string {
  return `${VERSIONED_KEYS[table]!.map((column) => `${column} = ${row}.${column}`).join(' AND ')} AND valid_until = 'infinity'`;
}

async function columnsOf(queryRunner: QueryRunner, table: string): Promise<string[]> {
  const [{ columns }] = (await queryRunner.query(
    `SELECT array_agg(quote_ident(attname) ORDER BY attnum) AS columns
       FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
    [`public.${table}`],
  )) as [{ columns: string[] }];
  return columns;
}

/**
 * History in commit order. Migration Curation stamped a write with its transaction's start, so
 * writes that waited on each other were recorded out of order, a version could be dropped as if
 * replaced within its own transaction, and a read `asOf` a past instant could change once a
 * transaction that had started before that instant committed.
 *
 * Now the instant is taken at commit. A write's history rows, and its revisions, are written with
 * no instant (NULL: pending); the first one also inserts a row into `recording_pending`, whose
 * deferred constraint trigger runs once, as the transaction commits: it takes the advisory lock
 * {@link RECORDING_LOCK_KEY} (held until the commit is visible), takes the next instant from
 * `recording_clock` (the clock rounded up to the millisecond, and at least a millisecond after the
 * last instant given) and writes it into the pending rows through partial indexes. So instants
 * strictly increase in commit order, every committed version is kept, and a reader asking about
 * an instant later than the last one given waits for the lock (see `settle_as_of`) and then sees
 * every transaction that can ever be recorded at or before it.
 *
 * A bulk load with no concurrent writers may call `begin_bulk_recording()` first: it takes the
 * lock and the instant at once, for the whole transaction, so its rows are written stamped.
 *
 * The current tables lose `valid_from` (the history holds it); the `as_of` views keep their shape.
 */
export class CommitOrderedHistory1795860000000 implements MigrationInterface {
  name = 'CommitOrderedHistory1795860000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const last = VERSIONED_TABLES.flatMap((table) => [
      `(SELECT max(valid_from) FROM ${table}_history WHERE valid_from < 'infinity')`,
      `(SELECT max(valid_until) FROM ${table}_history WHERE valid_until < 'infinity')`,
    ]);
    await queryRunner.query(`
      CREATE TABLE recording_clock (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        last_instant timestamptz NOT NULL
      );
      INSERT INTO recording_clock (last_instant)
        SELECT greatest(${last.join(', ')}, (SELECT max(recorded_at) FROM revision), date_trunc('milliseconds', now()));

      CREATE TABLE recording_pending (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);

      -- The instant the transaction records at when it already has one (a bulk load, or its commit
      -- under way); NULL while its writes are pending.
      CREATE OR REPLACE FUNCTION recording_instant() RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT nullif(current_setting('annals.recorded_at', true), '')::timestamptz
      $$;

      CREATE FUNCTION ceil_to_millisecond(instant timestamptz) RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN date_trunc('milliseconds', instant) = instant THEN instant
                    ELSE date_trunc('milliseconds', instant) + interval '1 millisecond' END
      $$;

      -- The next instant in commit order, for the rest of this transaction; the lock is kept until it ends.
      CREATE FUNCTION take_recording_instant() RETURNS timestamptz LANGUAGE plpgsql AS $$
      DECLARE
        instant timestamptz := recording_instant();
      BEGIN
        IF instant IS NOT NULL THEN RETURN instant; END IF;
        PERFORM pg_advisory_xact_lock(${RECORDING_LOCK_KEY});
        UPDATE recording_clock
           SET last_instant = greatest(ceil_to_millisecond(clock_timestamp()), last_instant + interval '1 millisecond')
        RETURNING last_instant INTO instant;
        PERFORM set_config('annals.recorded_at',
          to_char(instant AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), true);
        RETURN instant;
      END $$;

      -- For a bulk load with no concurrent writers: the whole transaction records at one instant, taken now.
      CREATE FUNCTION begin_bulk_recording() RETURNS timestamptz LANGUAGE sql AS $$
        SELECT take_recording_instant()
      $$;

      -- Called by every write that has no instant yet: makes sure the commit stamps it.
      CREATE FUNCTION note_pending_recording() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('annals.recording_pending', true) IS DISTINCT FROM 'on' THEN
          INSERT INTO recording_pending DEFAULT VALUES;
          PERFORM set_config('annals.recording_pending', 'on', true);
        END IF;
      END $$;

      CREATE FUNCTION note_pending_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM note_pending_recording();
        RETURN NULL;
      END $$;

      ALTER TABLE revision ALTER COLUMN recorded_at DROP NOT NULL;
      CREATE INDEX revision_pending_idx ON revision (id) WHERE recorded_at IS NULL;
      CREATE TRIGGER revision_note_pending AFTER INSERT ON revision
        FOR EACH ROW WHEN (NEW.recorded_at IS NULL) EXECUTE FUNCTION note_pending_revision();
    `);
    for (const table of VERSIONED_TABLES) await this.stampAtCommit(queryRunner, table);
    await queryRunner.query(`
      CREATE FUNCTION stamp_pending_recording() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        instant timestamptz := take_recording_instant();
      BEGIN
        ${VERSIONED_TABLES.map(
          (table) => `UPDATE ${table}_history SET valid_until = instant WHERE valid_until IS NULL;
        UPDATE ${table}_history SET valid_from = instant WHERE valid_from IS NULL;`,
        ).join('\n        ')}
        UPDATE revision SET recorded_at = instant WHERE recorded_at IS NULL;
        DELETE FROM recording_pending WHERE id = NEW.id;
        RETURN NULL;
      END $$;
      CREATE CONSTRAINT TRIGGER recording_pending_stamp AFTER INSERT ON recording_pending
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stamp_pending_recording();

      -- Before an as-of read of \`instant\`: returns once no transaction that has not committed yet
      -- can be recorded at or before it; an instant later than both the clock and the last
      -- instant given is in the future (SQLSTATE 22008).
      CREATE FUNCTION settle_as_of(instant timestamptz) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF instant <= (SELECT last_instant FROM recording_clock) THEN RETURN; END IF;
        PERFORM pg_advisory_lock_shared(${RECORDING_LOCK_KEY});
        PERFORM pg_advisory_unlock_shared(${RECORDING_LOCK_KEY});
        IF instant > greatest(clock_timestamp(), (SELECT last_instant FROM recording_clock)) THEN
          RAISE EXCEPTION 'asOf % is in the future', instant USING ERRCODE = '22008', HINT = 'annals:as-of-future';
        END IF;
      END $$;

      DROP FUNCTION stamp_version();
    `);
  }

  private async stampAtCommit(queryRunner: QueryRunner, table: string): Promise<void> {
    const key = VERSIONED_KEYS[table]!.join(', ');
    await queryRunner.query(`
      DROP TRIGGER ${table}_stamp_version ON ${table};
      DROP VIEW as_of.${table};
      ALTER TABLE ${table} DROP COLUMN valid_from;
      ALTER TABLE ${table}_history ALTER COLUMN valid_from DROP NOT NULL, ALTER COLUMN valid_until DROP NOT NULL;
      CREATE INDEX ${table}_history_pending_from_idx ON ${table}_history (${key}) WHERE valid_from IS NULL;
      CREATE INDEX ${table}_history_pending_until_idx ON ${table}_history (${key}) WHERE valid_until IS NULL;
    `);
    const columns = await columnsOf(queryRunner, table);
    const list = columns.join(', ');
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION ${table}_keep_versions() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        instant timestamptz := recording_instant();
      BEGIN
        IF instant IS NULL THEN PERFORM note_pending_recording(); END IF;
        IF TG_OP <> 'INSERT' THEN
          UPDATE ${table}_history SET valid_until = instant
           WHERE ${currentVersionOf(table, 'OLD')} AND valid_from IS DISTINCT FROM instant;
          IF NOT FOUND THEN
            DELETE FROM ${table}_history WHERE ${currentVersionOf(table, 'OLD')};
          END IF;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          INSERT INTO ${table}_history (${list}, valid_from)
          VALUES (${columns.map((column) => `NEW.${column}`).join(', ')}, instant);
        END IF;
        RETURN NULL;
      END $$;

      CREATE VIEW as_of.${table} AS
        SELECT ${list} FROM public.${table}_history
         WHERE valid_from <= as_of_instant() AND valid_until > as_of_instant();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP FUNCTION settle_as_of(timestamptz);
      DROP TABLE recording_pending;
      DROP FUNCTION stamp_pending_recording();
      DROP TRIGGER revision_note_pending ON revision;
      DROP FUNCTION note_pending_revision();
      DROP INDEX revision_pending_idx;
      ALTER TABLE revision ALTER COLUMN recorded_at SET NOT NULL;

      CREATE OR REPLACE FUNCTION recording_instant() RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT date_trunc('milliseconds', now())
      $$;
      CREATE FUNCTION stamp_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.valid_from := greatest(recording_instant(), OLD.valid_from);
        RETURN NEW;
      END $$;
    `);
    for (const table of VERSIONED_TABLES) {
      const columns = await columnsOf(queryRunner, table);
      const current = (row: string) => currentVersionOf(table, row);
      await queryRunner.query(`
        DROP VIEW as_of.${table};
        DROP INDEX ${table}_history_pending_from_idx, ${table}_history_pending_until_idx;
        ALTER TABLE ${table}_history ALTER COLUMN valid_from SET NOT NULL, ALTER COLUMN valid_until SET NOT NULL;
        ALTER TABLE ${table} ADD COLUMN valid_from timestamptz NOT NULL DEFAULT '-infinity';
        UPDATE ${table} AS t SET valid_from = h.valid_from FROM ${table}_history AS h
         WHERE ${VERSIONED_KEYS[table]!.map((column) => `h.${column} = t.${column}`).join(' AND ')} AND h.valid_until = 'infinity';
        ALTER TABLE ${table} ALTER COLUMN valid_from SET DEFAULT recording_instant();
        CREATE TRIGGER ${table}_stamp_version BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION stamp_version();
      `);
      const list = [...columns, 'valid_from'].join(', ');
      await queryRunner.query(`
        CREATE OR REPLACE FUNCTION ${table}_keep_versions() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'INSERT' THEN
            IF OLD.valid_from >= recording_instant() THEN
              DELETE FROM ${table}_history WHERE ${current('OLD')};
            ELSE
              UPDATE ${table}_history SET valid_until = recording_instant() WHERE ${current('OLD')};
            END IF;
          END IF;
          IF TG_OP <> 'DELETE' THEN
            INSERT INTO ${table}_history (${list}) VALUES (${[...columns, 'valid_from'].map((column) => `NEW.${column}`).join(', ')});
          END IF;
          RETURN NULL;
        END $$;
        CREATE VIEW as_of.${table} AS
          SELECT ${list} FROM public.${table}_history
           WHERE valid_from <= as_of_instant() AND valid_until > as_of_instant();
      `);
    }
    await queryRunner.query(`
      DROP FUNCTION begin_bulk_recording(), note_pending_recording(), take_recording_instant(), ceil_to_millisecond(timestamptz);
      DROP TABLE recording_clock;
    `);
  }
}
