import { type Pool, type QueryConfig } from 'pg';
import { counters } from '../shared/metrics';
import { assertBeforeDeadline } from './request-deadline';
import { statementNames } from './statement-names';

/** The one way application code reads and writes PostgreSQL: parameterised statements. */
export interface SqlClient {
  /** Runs one statement with `$1…$n` parameters and returns its rows. */
  query<Row>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** What statements can be sent through: a pool, or a request's {@link ReadRoute}. */
export interface Queryable {
  query(query: QueryConfig): Promise<{ rows: unknown[] }>;
}

/**
 * A {@link SqlClient} over a pool (or a request's read route) that counts the statements it sends
 * (one per request), sending those the process sends often as named statements (statement-names.ts).
 * A statement is refused, unsent, once the request's deadline has passed (see request-deadline.ts).
 */
export class CountingSqlClient implements SqlClient {
  statements = 0;

  constructor(private readonly pool: Pool | Queryable) {}

  async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    assertBeforeDeadline();
    this.statements += 1;
    counters.sqlStatements += 1;
    const result = await this.pool.query({ name: statementNames.nameFor(text), text, values: params as unknown[] });
    return result.rows as Row[];
  }
}
