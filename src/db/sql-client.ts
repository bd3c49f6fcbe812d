import { type Pool } from 'pg';
import { counters } from '../shared/metrics';
import { assertBeforeDeadline } from './request-deadline';

/** The one way application code reads and writes PostgreSQL: parameterised statements. */
export interface SqlClient {
  /** Runs one statement with `$1…$n` parameters and returns its rows. */
  query<Row>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

/**
 * A {@link SqlClient} over a pool that counts the statements it sends (one per request). A statement
 * is refused, unsent, once the request's deadline has passed (see request-deadline.ts).
 */
export class CountingSqlClient implements SqlClient {
  statements = 0;

  constructor(private readonly pool: Pool) {}

  async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    assertBeforeDeadline();
    this.statements += 1;
    counters.sqlStatements += 1;
    const result = await this.pool.query(text, params as unknown[]);
    return result.rows as Row[];
  }
}
