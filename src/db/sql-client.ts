import { type Pool } from 'pg';
import { counters } from '../shared/metrics';
import { assertBeforeDeadline } from './request-deadline';

/** The one way application code reads and writes PostgreSQL: parameterised statements. */
export interface SqlClient {
  /** Runs one statement with `$1…$n` parameters and returns its rows. */
  query<Row>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** What statements can be sent through: a pool, or a request's {@link ReadRoute}. */
export interface Queryable {
  query(text: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * A {@link SqlClient} over a pool (or a request's read route) that counts the statements it sends (one per request). A statement
 * is refused, unsent, once the request's deadline has passed (see request-deadline.ts).
 */
export class CountingSqlClient implements SqlClient {
  statements = 0;

  constructor(private readonly pool: Pool | Queryable) {}

  async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    assertBeforeDeadline();
    this.statements += 1;
    counters.sqlStatements += 1;
    const result = await this.pool.query(text, params as unknown[]);
    return result.rows as Row[];
  }
}
