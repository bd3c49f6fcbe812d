import { type Pool } from 'pg';
import { counters } from '../shared/metrics';
import { assertBeforeDeadline } from './request-deadline';
import { type SqlClient } from './sql-client';

/** The hint `settle_as_of` gives when the instant is later than anything recorded and the clock. */
const FUTURE_HINT = 'annals:as-of-future';

/** Whether `error` is PostgreSQL refusing an as-of instant that lies in the future. */
export function isAsOfInFuture(error: unknown): boolean {
  return (error as { hint?: unknown } | null)?.hint === FUTURE_HINT;
}

/**
 * A {@link SqlClient} that reads the data as it was recorded at `instant`: each statement runs in
 * its own read-only transaction with `search_path = as_of, public` and `annals.as_of` set, so the
 * read path's unqualified table names resolve to the `as_of` views (migration Curation). Until a
 * statement has succeeded, each is preceded by `settle_as_of` (migration CommitOrderedHistory):
 * it waits while a commit that may be recorded at or before `instant` is under way, so whatever
 * this client reads as of `instant` never changes afterwards, and it refuses an instant in the
 * future (see {@link isAsOfInFuture}). Writes are refused by PostgreSQL. Statements are counted on
 * `counted` (the request's own client); none is sent once the request's deadline has passed.
 */
export class AsOfSqlClient implements SqlClient {
  private readonly setup: string;
  private readonly settle: string;
  private settled = false;

  constructor(
    private readonly pool: Pool,
    readonly instant: Date,
    private readonly counted: { statements: number },
  ) {
    const iso = instant.toISOString();
    this.setup = `BEGIN READ ONLY; SET LOCAL search_path TO as_of, public; SET LOCAL annals.as_of TO '${iso}'`;
    this.settle = `${this.setup}; SELECT settle_as_of('${iso}')`;
  }

  async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    assertBeforeDeadline();
    this.counted.statements += 1;
    counters.sqlStatements += 1;
    const client = await this.pool.connect();
    let failed = false;
    try {
      await client.query(this.settled ? this.setup : this.settle);
      const result = await client.query(text, params as unknown[]);
      await client.query('COMMIT');
      this.settled = true;
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
