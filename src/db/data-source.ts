import { type Client, type Pool } from 'pg';
import { DataSource } from 'typeorm';
import { type PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { MIGRATIONS } from '../../migrations';
import { type Logger } from '../logger';

/** Time limits of a data source's sessions; a limit left out is no limit. */
export interface SessionLimits {
  /**
   * PostgreSQL's `statement_timeout` (a longer statement is cancelled with SQLSTATE 57014) and
   * `idle_in_transaction_session_timeout`, in milliseconds. node-postgres gives up on a connection
   * that has not answered {@link QUERY_TIMEOUT_MARGIN_MS} later (`query_timeout`).
   */
  readonly statementTimeoutMs?: number;
  /** Longest wait for a connection, whether a new one or a free one from the pool, in milliseconds. */
  readonly connectTimeoutMs?: number;
}

export interface DataSourceOptions {
  readonly limits?: SessionLimits;
  /** Where connections lost while idle in the pool are reported. */
  readonly logger?: Logger;
}

/**
 * How much longer than the statement timeout node-postgres waits for an answer before it gives the
 * connection up as dead (`query_timeout`): PostgreSQL's own cancellation normally comes first.
 */
export const QUERY_TIMEOUT_MARGIN_MS = 2_000;

/**
 * The startup `options` of every Annals session: UTC, no JIT, and `limits`' statement timeouts.
 * Plans are PostgreSQL's usual choice: a named statement may run on one generic plan once that is
 * no costlier than planning for each run's values. Only statements whose best plan does not depend
 * on their values are named (see sql-client.ts).
 */
export function sessionSettings(limits: SessionLimits | undefined): string {
  const statementTimeoutMs = limits?.statementTimeoutMs;
  const settings = ['-c TimeZone=UTC', '-c jit=off'];
  if (statementTimeoutMs !== undefined) {
    settings.push(
      `-c statement_timeout=${statementTimeoutMs}`,
      `-c idle_in_transaction_session_timeout=${statementTimeoutMs}`,
    );
  }
  return settings.join(' ');
}

/** A checked-out client's failure surfaces in its holder's next statement; the event itself needs no handling. */
export function ignore(): void {}

/**
 * A TypeORM data source for `url` with Annals' migrations. Sessions run in UTC, without JIT
 * compilation (which costs short queries more than it saves), within `limits` when given. A
 * connection that fails, idle in the pool or checked out, is logged and dropped without an
 * unhandled 'error' event, so a database outage cannot crash the process. Not yet initialised.
 */
export function createDataSource(url: string, poolSize = 10, { limits, logger }: DataSourceOptions = {}): DataSource {
  const statementTimeoutMs = limits?.statementTimeoutMs;
  return new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    applicationName: 'annals',
    poolErrorHandler: (error: unknown) => logger?.warn({ err: error }, 'lost an idle database connection'),
    extra: {
      max: poolSize,
      options: sessionSettings(limits),
      keepAlive: true,
      onConnect: (client: Client) => {
        client.on('error', ignore);
      },
      connectionTimeoutMillis: limits?.connectTimeoutMs,
      query_timeout: statementTimeoutMs === undefined ? undefined : statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS,
    },
  });
}

/** The node-postgres pool behind an initialised data source. */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as PostgresDriver).master as Pool;
}
