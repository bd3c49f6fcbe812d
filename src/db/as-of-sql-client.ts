import { type Pool, type PoolClient, type QueryResult } from 'pg';
import { counters } from '../shared/metrics';
import { ReadRoute } from './replicas/read-route';
import { assertBeforeDeadline } from './request-deadline';
import { type SqlClient } from './sql-client';

/** The hint `settle_as_of` gives when the instant is later than anything recorded and the clock. */
const FUTURE_HINT = 'annals:as-of-future';

/** Whether `error` is PostgreSQL refusing an as-of instant that lies in the future. */
export function isAsOfInFuture(error: unknown): boolean {
  return (error as { hint?: unknown } | null)?.hint === FUTURE_HINT;
}

/** The rows of the last result of a (possibly multi-statement) simple query. */
function lastRows<Row>(result: QueryResult | QueryResult[]): Row[] {
  const results = Array.isArray(result) ? result : [result];
  return results[results.length - 1]!.rows as Row[];
}

/**
 * A {@link SqlClient} that reads the data as it was recorded at `instant`: each statement runs in
 * its own read-only transaction with `search_path = as_of, public` and `annals.as_of` set, so the
 * read path's unqualified table names resolve to the `as_of` views (migration Curation).
 *
 * On the primary, until a statement has succeeded, each is preceded by `settle_as_of` (migration
 * CommitOrderedHistory): it waits while a commit that may be recorded at or before `instant` is under
 * way, so whatever this client reads as of `instant` never changes afterwards, and it refuses an
 * instant in the future (see {@link isAsOfInFuture}).
 *
 * On a replica that wait means nothing (advisory locks are not replicated), so a statement is served
 * there only when the replica's `recording_clock` has reached `instant`, checked in the statement's
 * own transaction: instants follow commit order, so every commit recorded at or before `instant` is
 * then visible in it. Otherwise this instant's reads go to the primary. Writes are refused by
 * PostgreSQL. Statements are counted on `counted` (the request's own client); none is sent once the
 * request's deadline has passed.
 */
export class AsOfSqlClient implements SqlClient {
  private readonly setup: string;
  private readonly settle: string;
  private readonly replayed: string;
  private readonly route: ReadRoute;
  /** Where this instant reads once a statement has succeeded (and so is settled). */
  private pinned: { pool: Pool; setup: string } | null = null;

  constructor(
    source: Pool | ReadRoute,
    readonly instant: Date,
    private readonly counted: { statements: number },
  ) {
    this.route = source instanceof ReadRoute ? source : new ReadRoute(source);
    const iso = instant.toISOString();
    this.setup = `BEGIN READ ONLY; SET LOCAL search_path TO as_of, public; SET LOCAL annals.as_of TO '${iso}'`;
    this.settle = `${this.setup}; SELECT settle_as_of('${iso}')`;
    this.replayed = `${this.setup}; SELECT last_instant >= '${iso}'::timestamptz AS replayed FROM recording_clock`;
  }

  async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    assertBeforeDeadline();
    this.counted.statements += 1;
    counters.sqlStatements += 1;
    if (this.pinned) {
      const { pool, setup } = this.pinned;
      return (await this.run<Row>(pool, setup, text, params))!;
    }
    if (this.route.onReplica) {
      const onReplica = await this.route.read((pool) => this.run<Row>(pool, this.replayed, text, params, true));
      if (onReplica !== null) {
        this.pinned = { pool: this.route.pool, setup: this.setup };
        return onReplica;
      }
    }
    const rows = (await this.run<Row>(this.route.primary, this.settle, text, params))!;
    this.pinned = { pool: this.route.primary, setup: this.setup };
    return rows;
  }

  /** `text` in a transaction begun by `setup`; with `checked`, null (rolled back) unless the setup's last row says `replayed`. */
  private async run<Row>(
    pool: Pool,
    setup: string,
    text: string,
    params: readonly unknown[],
    checked = false,
  ): Promise<Row[] | null> {
    const client: PoolClient = await pool.connect();
    let open = false;
    try {
      open = true;
      const prepared = await client.query(setup);
      if (checked && !lastRows<{ replayed: boolean }>(prepared)[0]?.replayed) return null;
      const result = await client.query(text, params as unknown[]);
      await client.query('COMMIT');
      open = false;
      return result.rows as Row[];
    } finally {
      if (open) await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  }
}
