import { type SqlClient } from '../db/sql-client';
import { SqlParams } from '../db/sql-params';

/** Tables the write path inserts into and updates by id. */
export type WritableTable = 'event' | 'actor' | 'source';

function givenColumns(columns: object): [string, unknown][] {
  return Object.entries(columns).filter(([, value]) => value !== undefined);
}

/**
 * Inserts a row with the given columns (undefined ones left to their defaults) and returns its id.
 * Column names come from the callers' typed column objects, never from input.
 */
export async function insertRow(sql: SqlClient, table: WritableTable, columns: object): Promise<string> {
  const params = new SqlParams();
  const entries = givenColumns(columns);
  const [row] = await sql.query<{ id: string }>(
    `INSERT INTO ${table} (${entries.map(([column]) => column).join(', ')})
     VALUES (${entries.map(([, value]) => params.add(value)).join(', ')}) RETURNING id::text`,
    params.values,
  );
  return row!.id;
}

/** Sets the given columns (undefined ones untouched) of the row with `id`; no statement without any. */
export async function updateRow(sql: SqlClient, table: WritableTable, id: string, columns: object): Promise<void> {
  const params = new SqlParams();
  const entries = givenColumns(columns);
  if (!entries.length) return;
  await sql.query(
    `UPDATE ${table} SET ${entries.map(([column, value]) => `${column} = ${params.add(value)}`).join(', ')}
      WHERE id = ${params.add(id)}`,
    params.values,
  );
}
