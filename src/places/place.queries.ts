import { PLAN_ONCE, type SqlClient } from '../db/sql-client';
import { PLACE_COLUMNS, type PlaceRow } from './place.row';

/** Places with the given ids, in no particular order. */
export function findPlacesByIds(sql: SqlClient, ids: readonly string[]): Promise<PlaceRow[]> {
  return sql.query<PlaceRow>(`SELECT ${PLACE_COLUMNS} FROM place p WHERE p.id = ANY($1::bigint[])`, [ids], PLAN_ONCE);
}
