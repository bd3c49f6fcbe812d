import { type Pool, type QueryConfig } from 'pg';
import { counters } from '../shared/metrics';
import { assertBeforeDeadline } from './request-deadline';
import { statementNames } from './statement-names';

/** How a statement is planned. */
export interface StatementOptions {
  /**
   * True when the statement's best plan is the same whatever its values (rows by id, a timeline
   * page read in index order, filtered at most by window, kinds and statuses): PostgreSQL may then
   * plan it once per connection and reuse the plan. Otherwise (the default) it is planned for each
   * run's values, as tags, actors or search terms call for.
   */
  readonly planOnce?: boolean;
}

/** The one way application code reads and writes PostgreSQL: parameterised statements. */
export interface SqlClient {
  /** Runs one statement with `$1…$n` parameters and returns its rows. */
  query<Row>(text: string, params?: readonly unknown[], options?: StatementOptions): Promise<Row[]>;
}

/** What statements can be sent through: a pool, or a request's {@link ReadRoute}. */
export interface Queryable {
  query(query: QueryConfig): Promise<{ rows: unknown[] }>;
}

/**
 * A {@link SqlClient} over a pool (or a request's read route) that counts the statements it sends
 * (one per request). Statements planned once ({@link StatementOptions.planOnce}) that the process
 * sends often go as named statements (statement-names.ts), which each connection parses once and
 * PostgreSQL runs on one plan when that is no costlier; every other statement goes unnamed, so it
 * is planned for its values each time. A statement is refused, unsent, once the request's deadline
 * has passed (see request-deadline.ts).
 */
export class CountingSqlClient implements SqlClient {
  statements = 0;

  constructor(private readonly pool: Pool | Queryable) {}

  async query<Row>(text: string, params: readonly unknown[] = [], options?: StatementOptions): Promise<Row[]> {
    assertBeforeDeadline();
    this.statements += 1;
    counters.sqlStatements += 1;
    const name = options?.planOnce ? statementNames.nameFor(text) : undefined;
    const result = await this.pool.query({ name, text, values: params as unknown[] });
    return result.rows as Row[];
  }
}

/** Options for a statement whose best plan is the same whatever its values (rows by id or slug). */
export const PLAN_ONCE: StatementOptions = { planOnce: true };
