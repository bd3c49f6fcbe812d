import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * State that instances used to keep in their own memory, moved into PostgreSQL so that any
 * instance can answer any request.
 *
 * `persisted_query`: GraphQL documents by the hex SHA-256 of their text. Automatic persisted
 * queries register here (`trusted` false); a client's manifest registered with
 * `npm run persisted` is trusted, and `PERSISTED_QUERIES=trusted` runs nothing else. It replicates,
 * so replicas can serve look-ups.
 *
 * `rate_limit`: the counters of rate-limiter-flexible's PostgreSQL store (its own table shape),
 * used when no `REDIS_URL` is set. UNLOGGED: counters are worth no WAL, need not survive a crash
 * and must not be shipped to replicas (a standby cannot read an unlogged table, and never needs to).
 *
 * Neither table is tracked by the data version: registering a query or counting a request changes
 * no data the API returns, so it must not invalidate ETags.
 */
export class SharedInstanceState1795863600000 implements MigrationInterface {
  name = 'SharedInstanceState1795863600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE persisted_query (
        hash text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
        document text NOT NULL,
        trusted boolean NOT NULL DEFAULT false,
        registered_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNLOGGED TABLE rate_limit (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rate_limit; DROP TABLE persisted_query;`);
  }
}
