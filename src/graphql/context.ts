import { type Pool } from 'pg';
import { RequestAuth } from '../auth/request-auth';
import { AsOfSqlClient } from '../db/as-of-sql-client';
import { ReadRoute } from '../db/replicas/read-route';
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
  /** The pool writes take their transaction's connection from: always the primary. */
  readonly pool: Pool;
  /** Where the request's reads go (a replica or the primary), and the position of its writes. */
  readonly route: ReadRoute;
  /** The instant this context reads the data as of; null for the current data. */
  readonly asOf: Date | null;
  /** A context of the same request reading as of `instant`, with its own loaders (one per instant). */
  at(instant: Date): RequestContext;
  /** How many statements the request has sent, as-of reads included. */
  readonly statements: number;
}

/**
 * A fresh context for one GraphQL request from its raw `Authorization` header; nothing is shared
 * between requests. Reads go where `route` says (the primary `pool` without one); tokens are
 * looked up on the primary, so a token made a moment ago works at once.
 */
export function createRequestContext(pool: Pool, authorization?: string, route = new ReadRoute(pool)): RequestContext {
  const counting = new CountingSqlClient(route);
  const onPrimary = new CountingSqlClient(pool);
  const auth = new RequestAuth(authorization, onPrimary);
  const byInstant = new Map<number, RequestContext>();
  const contextOf = (sql: SqlClient, asOf: Date | null): RequestContext => ({
    sql,
    loaders: createLoaders(sql),
    auth,
    pool,
    route,
    asOf,
    at,
    get statements() {
      return counting.statements + onPrimary.statements;
    },
  });
  function at(instant: Date): RequestContext {
    let scoped = byInstant.get(instant.getTime());
    if (!scoped) {
      scoped = contextOf(new AsOfSqlClient(route, instant, counting), instant);
      byInstant.set(instant.getTime(), scoped);
    }
    return scoped;
  }
  return contextOf(counting, null);
}
