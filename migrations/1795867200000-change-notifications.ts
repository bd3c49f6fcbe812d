import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { RECORDING_LOCK_KEY } from './1795860000000-commit-ordered-history';

/** The channel every recording transaction notifies when it commits; the payload is its instant. */
export const CHANGES_CHANNEL = 'annals_changes';

/**
 * `take_recording_instant()` as migration CommitOrderedHistory made it, with `notify` run after the
 * instant is set (in plpgsql, where `instant` is the instant taken).
 */
export function takeRecordingInstant(notify: string): string {
  return `
      CREATE OR REPLACE FUNCTION take_recording_instant() RETURNS timestamptz LANGUAGE plpgsql AS $$
      DECLARE
        instant timestamptz := recording_instant();
      BEGIN
        IF instant IS NOT NULL THEN RETURN instant; END IF;
        PERFORM pg_advisory_xact_lock(${RECORDING_LOCK_KEY});
        UPDATE recording_clock
           SET last_instant = greatest(ceil_to_millisecond(clock_timestamp()), last_instant + interval '1 millisecond')
        RETURNING last_instant INTO instant;
        PERFORM set_config('annals.recorded_at',
          to_char(instant AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), true);${notify}
        RETURN instant;
      END $$;`;
}

/**
 * Change notifications for live subscribers. Every transaction that records (the commit trigger
 * of migration CommitOrderedHistory, or `begin_bulk_recording()`) takes its instant once, in
 * `take_recording_instant()`; it now also queues `NOTIFY annals_changes, '<instant>'`. PostgreSQL
 * delivers a notification only once its transaction has committed, and delivers them in commit
 * order; since instants are taken under the recording lock, which is held until the commit is
 * visible, they arrive in the order of their instants, once per recording transaction. The
 * payload carries the instant only: listeners read what was recorded from the revision log.
 *
 * The index on `revision (recorded_at, id)` is the log in commit order, so that a listener (or a
 * client resuming from a cursor) reads the revisions after a position with one range scan.
 */
export class ChangeNotifications1795867200000 implements MigrationInterface {
  name = 'ChangeNotifications1795867200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      takeRecordingInstant(`
        PERFORM pg_notify('${CHANGES_CHANNEL}', current_setting('annals.recorded_at'));`),
    );
    await queryRunner.query(`CREATE INDEX revision_commit_order_idx ON revision (recorded_at, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX revision_commit_order_idx`);
    await queryRunner.query(takeRecordingInstant(''));
  }
}
