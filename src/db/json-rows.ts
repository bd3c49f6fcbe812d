import { type SqlClient, type StatementOptions } from './sql-client';

/**
 * Runs `statement`, which must select one JSON value per row (a {@link JsonArrayRow}'s
 * `selectItem`), and returns those values in its order. They travel as one JSON array
 * (`array_to_json(ARRAY(statement))`), so pg parses one value instead of every column of every
 * row: on the timeline page the server's CPU for reading the rows about halves, for a little
 * more of PostgreSQL's (docs/performance.md, item 17).
 */
export async function queryJsonRows(
  sql: SqlClient,
  statement: string,
  params: readonly unknown[],
  options?: StatementOptions,
): Promise<unknown[][]> {
  const [result] = await sql.query<{ rows: unknown[][] }>(
    `SELECT array_to_json(ARRAY(${statement})) AS "rows"`,
    params,
    options,
  );
  return result!.rows;
}
