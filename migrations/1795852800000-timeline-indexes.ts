import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes that keep every timeline page cheap however much data there is:
 * - a GiST index over the time each event covers, `[start_at, covers_until)`, for the time window
 *   of filters and buckets (a B-tree on start_at cannot bound "covers time after `from`");
 * - each participation and citation carries its event's start, kept by triggers, so that an
 *   actor's or a source's timeline is read in time order from one index, a page at a time,
 *   instead of gathering and sorting all of its events.
 */
export class TimelineIndexes1795852800000 implements MigrationInterface {
  name = 'TimelineIndexes1795852800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- Including the bounds lets buckets count a window's events from the index alone.
      CREATE INDEX event_time_span_idx ON event USING gist (tstzrange(start_at, covers_until))
        INCLUDE (start_at, covers_until);

      ALTER TABLE participation ADD COLUMN event_start_at timestamptz(3);
      ALTER TABLE citation ADD COLUMN event_start_at timestamptz(3);
      UPDATE participation p SET event_start_at = e.start_at FROM event e WHERE e.id = p.event_id;
      UPDATE citation c SET event_start_at = e.start_at FROM event e WHERE e.id = c.event_id;
      ALTER TABLE participation ALTER COLUMN event_start_at SET NOT NULL;
      ALTER TABLE citation ALTER COLUMN event_start_at SET NOT NULL;

      -- A participation or citation takes its event's start, whatever the writer sent; a missing
      -- event is the foreign key violation it would have been without this trigger.
      CREATE FUNCTION copy_event_start_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT start_at INTO NEW.event_start_at FROM event WHERE id = NEW.event_id;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%_event_id_fkey"', TG_TABLE_NAME, TG_TABLE_NAME
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_TABLE_NAME || '_event_id_fkey',
                  DETAIL = format('Key (event_id)=(%s) is not present in table "event".', NEW.event_id);
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER participation_copy_event_start_at BEFORE INSERT OR UPDATE ON participation
        FOR EACH ROW EXECUTE FUNCTION copy_event_start_at();
      CREATE TRIGGER citation_copy_event_start_at BEFORE INSERT OR UPDATE ON citation
        FOR EACH ROW EXECUTE FUNCTION copy_event_start_at();

      -- An event that moves in time takes its participations and citations along.
      CREATE FUNCTION spread_event_start_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE participation SET event_start_at = NEW.start_at WHERE event_id = NEW.id;
        UPDATE citation SET event_start_at = NEW.start_at WHERE event_id = NEW.id;
        RETURN NULL;
      END $$;
      CREATE TRIGGER event_spread_start_at AFTER UPDATE OF start_at ON event
        FOR EACH ROW WHEN (OLD.start_at IS DISTINCT FROM NEW.start_at) EXECUTE FUNCTION spread_event_start_at();

      CREATE INDEX participation_actor_timeline_idx ON participation (actor_id, event_start_at, event_id);
      CREATE INDEX citation_source_timeline_idx ON citation (source_id, event_start_at, event_id);
      DROP INDEX citation_source_id_idx;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX citation_source_id_idx ON citation (source_id);
      DROP INDEX citation_source_timeline_idx, participation_actor_timeline_idx, event_time_span_idx;
      DROP TRIGGER event_spread_start_at ON event;
      DROP TRIGGER citation_copy_event_start_at ON citation;
      DROP TRIGGER participation_copy_event_start_at ON participation;
      DROP FUNCTION spread_event_start_at, copy_event_start_at;
      ALTER TABLE citation DROP COLUMN event_start_at;
      ALTER TABLE participation DROP COLUMN event_start_at;
    `);
  }
}
