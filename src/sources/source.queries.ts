import { PLAN_ONCE, type SqlClient } from '../db/sql-client';
import { SqlParams, whereClause } from '../db/sql-params';
import { searchTextCondition } from '../search/search-conditions';
import { type SearchTerm } from '../search/search-terms';
import { SOURCE_COLUMNS, type SourceRow } from './source.row';

/** Sources with the given ids, in no particular order. */
export function findSourcesByIds(sql: SqlClient, ids: readonly string[]): Promise<SourceRow[]> {
  return sql.query<SourceRow>(
    `SELECT ${SOURCE_COLUMNS} FROM source s WHERE s.id = ANY($1::bigint[])`,
    [ids],
    PLAN_ONCE,
  );
}

/** The source with this slug, or null. */
export async function findSourceBySlug(sql: SqlClient, slug: string): Promise<SourceRow | null> {
  const [row] = await sql.query<SourceRow>(
    `SELECT ${SOURCE_COLUMNS} FROM source s WHERE s.slug = $1`,
    [slug],
    PLAN_ONCE,
  );
  return row ?? null;
}

/** Sources whose title, author, slug or URL contain every term, newest first; `limit` at most. */
export function findSourcesMatching(sql: SqlClient, terms: readonly SearchTerm[], limit: number): Promise<SourceRow[]> {
  const params = new SqlParams();
  const conditions = terms.map((term) => searchTextCondition('s', term, params));
  return sql.query<SourceRow>(
    `SELECT ${SOURCE_COLUMNS} FROM source s ${whereClause(conditions)}
      ORDER BY s.published_at DESC NULLS LAST, s.id LIMIT ${params.add(limit)}`,
    params.values,
  );
}
