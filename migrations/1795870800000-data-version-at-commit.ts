import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { CHANGES_CHANNEL, takeRecordingInstant } from './1795867200000-change-notifications';

/** The tables whose writes are recorded (migration Curation); the data version moves with their commits. */
const RECORDED_TABLES = ['event', 'actor', 'source', 'participation', 'citation', 'event_relation'];

const NOTIFY = `
        PERFORM pg_notify('${CHANGES_CHANNEL}', current_setting('annals.recorded_at'));`;

const BUMP = `
        UPDATE data_version SET version = version + 1, changed_at = instant;`;

/**
 * The data version moves when a recording transaction commits, not at each of its statements.
 * Migration DataVersion bumped it from a statement trigger on every table the API reads, so the
 * first write of a transaction locked the one data_version row until that transaction ended: every
 * writing transaction waited for every other one, from its first write to its commit, holding its
 * pool connection meanwhile. Writes to the recorded tables are now counted once, in
 * `take_recording_instant()` (the commit trigger, or a bulk load's start), under the recording lock
 * that only a commit under way holds. Their TRUNCATE still bumps it from the statement trigger, as
 * do writes to `place`, which is not recorded; both are rare.
 */
export class DataVersionAtCommit1795870800000 implements MigrationInterface {
  name = 'DataVersionAtCommit1795870800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of RECORDED_TABLES) {
      await queryRunner.query(`
        DROP TRIGGER ${table}_bump_data_version ON ${table};
        CREATE TRIGGER ${table}_bump_data_version AFTER TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
      `);
    }
    await queryRunner.query(takeRecordingInstant(`${NOTIFY}${BUMP}`));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(takeRecordingInstant(NOTIFY));
    for (const table of RECORDED_TABLES) {
      await queryRunner.query(`
        DROP TRIGGER ${table}_bump_data_version ON ${table};
        CREATE TRIGGER ${table}_bump_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
      `);
    }
  }
}
