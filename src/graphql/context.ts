import { type Pool } from 'pg';
import { CountingSqlClient } from '../db/sql-client';
import { createLoaders, type Loaders } from './loaders';

/** What every resolver gets: this request's SQL client (counting its statements) and loaders. */
export interface RequestContext {
  readonly sql: CountingSqlClient;
  readonly loaders: Loaders;
}

/** A fresh context for one GraphQL request; nothing is shared between requests. */
export function createRequestContext(pool: Pool): RequestContext {
  const sql = new CountingSqlClient(pool);
  return { sql, loaders: createLoaders(sql) };
}
