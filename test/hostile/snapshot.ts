import { type Pool } from 'pg';

/** The row count of every table in `public` and the data version: what a rejected write must leave as it was. */
export type DatabaseSnapshot = Record<string, number>;

/** Counts the rows of every table of the schema `public` and reads `data_version.version`. */
export async function snapshotDatabase(pool: Pool): Promise<DatabaseSnapshot> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const counts = await pool.query<{ name: string; count: string }>(
    tables.map(({ name }) => `SELECT '${name}' AS name, count(*) AS count FROM public."${name}"`).join(' UNION ALL '),
  );
  const { rows: version } = await pool.query<{ version: string }>('SELECT version FROM data_version');
  return {
    ...Object.fromEntries(counts.rows.map(({ name, count }) => [name, Number(count)])),
    'data_version.version': Number(version[0]!.version),
  };
}
