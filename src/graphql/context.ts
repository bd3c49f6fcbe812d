import { type Pool } from 'pg';
import { RequestAuth } from '../auth/request-auth';
import { AsOfSqlClient } from '../db/as-of-sql-client';
import { CountingSqlClient, type SqlClient } from '../db/sql-client';
import { createLoaders, type Loaders } from './loaders';

/**
 * What every resolver gets: this request's SQL client (counting its statements), loaders, and its
 * authentication (looked up only when a resolver asks).
 */
export interface RequestContext {
  /** The client reads go through: the request's own, or one reading as of {@link asOf}. */
  readonly sql: SqlClient;
  readonly loaders: Loaders;
  readonly auth: RequestAuth;
  /** The pool writes take their transaction's connection from. */
  readonly pool: Pool;
  /** The instant this context reads the data as of; null for the current data. */
  readonly asOf: Date | null;
  /** A context of the same request reading as of `instant`, with its own loaders (one per instant). */
  at(instant: Date): RequestContext;
  /** How many statements the request has sent, as-of reads included. */
  readonly statements: number;
}

/**
 * A fresh context for one GraphQL request from its raw `Authorization` header; nothing is shared
 * between requests.
 */
export function createRequestContext(pool: Pool, authorization?: string): RequestContext {
  const counting = new CountingSqlClient(pool);
  const auth = new RequestAuth(authorization, counting);
  const byInstant = new Map<number, RequestContext>();
  const contextOf = (sql: SqlClient, asOf: Date | null): RequestContext => ({
    sql,
    loaders: createLoaders(sql),
    auth,
    pool,
    asOf,
    at,
    get statements() {
      return counting.statements;
    },
  });
  function at(instant: Date): RequestContext {
    let scoped = byInstant.get(instant.getTime());
    if (!scoped) {
      scoped = contextOf(new AsOfSqlClient(pool, instant, counting), instant);
      byInstant.set(instant.getTime(), scoped);
    }
    return scoped;
  }
  return contextOf(counting, null);
}
