import { PLAN_ONCE, type SqlClient } from '../db/sql-client';
import { queryJsonRows } from '../db/json-rows';
import { plannedEventRow, readPlannedEvents, type EventPlan } from './event-plan';
import { EVENT_COLUMNS, type EventRow } from './event.row';

/** Events with the given ids, in no particular order; missing ids are simply absent. */
export function findEventsByIds(sql: SqlClient, ids: readonly string[]): Promise<EventRow[]> {
  return sql.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM event e WHERE e.id = ANY($1::bigint[])`, [ids], PLAN_ONCE);
}

/** {@link findEventsByIds} with the columns and relations `plan` reads, in the same statement. */
export async function findPlannedEventsByIds(
  sql: SqlClient,
  ids: readonly string[],
  plan: EventPlan,
): Promise<EventRow[]> {
  const statement = `SELECT ${plannedEventRow(plan).selectItem} FROM event e WHERE e.id = ANY($1::bigint[])`;
  return readPlannedEvents(plan, await queryJsonRows(sql, statement, [ids], PLAN_ONCE));
}

/** The event with this slug, or null. */
export async function findEventBySlug(sql: SqlClient, slug: string): Promise<EventRow | null> {
  const [row] = await sql.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM event e WHERE e.slug = $1`, [slug], PLAN_ONCE);
  return row ?? null;
}
