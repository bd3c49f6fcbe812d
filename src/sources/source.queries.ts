import { type SqlClient } from '../db/sql-client';
import { SqlParams, whereClause } from '../db/sql-params';
import { SOURCE_COLUMNS, type SourceRow } from './source.row';

/** Sources with the given ids, in no particular order. */
export function findSourcesByIds(sql: SqlClient, ids: readonly string[]): Promise<SourceRow[]> {
  return sql.query<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM source s WHERE s.id = ANY($1::bigint[])`, [ids]);
}

/** Sources whose title, author, slug or URL match every pattern, newest first; `limit` at most. */
export function findSourcesMatching(sql: SqlClient, patterns: readonly string[], limit: number): Promise<SourceRow[]> {
  const params = new SqlParams();
  const conditions = patterns.map((pattern) => {
    const p = params.add(pattern);
    return `(s.title ILIKE ${p} OR s.author ILIKE ${p} OR s.slug ILIKE ${p} OR s.url ILIKE ${p})`;
  });
  return sql.query<SourceRow>(
    `SELECT ${SOURCE_COLUMNS} FROM source s ${whereClause(conditions)}
      ORDER BY s.published_at DESC NULLS LAST, s.id LIMIT ${params.add(limit)}`,
    params.values,
  );
}
