import { type MigrationInterface, type QueryRunner } from 'typeorm';

const TRACKED_TABLES = ['place', 'actor', 'source', 'event', 'participation', 'citation', 'event_relation'];

/**
 * A data version: one number that changes whenever the data the API reads changes. HTTP caching
 * derives its ETags from it, so revalidating a cached GraphQL response costs one tiny statement
 * (`SELECT version FROM data_version`) instead of the whole query.
 *
 * Statement-level triggers bump it once per writing statement, so a bulk load of a thousand rows
 * costs one bump, not a thousand. The bump happens inside the writing transaction: a rolled-back
 * write leaves the version alone, and concurrent writers queue on the single row until they commit.
 */
export class DataVersion1795849200000 implements MigrationInterface {
  name = 'DataVersion1795849200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE data_version (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        version bigint NOT NULL,
        changed_at timestamptz NOT NULL
      );
      INSERT INTO data_version (version, changed_at) VALUES (1, now());

      CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE data_version SET version = version + 1, changed_at = now();
        RETURN NULL;
      END $$;
    `);
    for (const table of TRACKED_TABLES) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_bump_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
      `);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TRACKED_TABLES) {
      await queryRunner.query(`DROP TRIGGER ${table}_bump_data_version ON ${table};`);
    }
    await queryRunner.query(`DROP FUNCTION bump_data_version; DROP TABLE data_version;`);
  }
}
