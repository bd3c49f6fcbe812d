import { type Pool } from 'pg';
import { counters } from '../shared/metrics';
import { assertBeforeDeadline } from './request-deadline';
import { type SqlClient } from './sql-client';

/**
 * A {@link SqlClient} that reads the data as it was recorded at `instant`: each statement runs in
 * its own read-only transaction with `search_path = as_of, public` and `annals.as_of` set, so the
 * read path's unqualified table names resolve to the `as_of` views (migration Curation). Writes
 * are refused by PostgreSQL. Statements are counted on `counted` (the request's own client); none
 * is sent once the request's deadline has passed.
 */
export class AsOfSqlClient implements SqlClient {
  private readonly setup: string;

  constructor(
    private readonly pool: Pool,
    readonly instant: Date,
    private readonly counted: { statements: number },
  ) {
    this.setup = `BEGIN READ ONLY; SET LOCAL search_path TO as_of, public; SET LOCAL annals.as_of TO '${instant.toISOString()}'`;
  }

  async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    assertBeforeDeadline();
    this.counted.statements += 1;
    counters.sqlStatements += 1;
    const client = await this.pool.connect();
    let failed = false;
    try {
      await client.query(this.setup);
      const result = await client.query(text, params as unknown[]);
      await client.query('COMMIT');
      return result.rows as Row[];
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      if (failed) await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  }
}
