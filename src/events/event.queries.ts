import { PLAN_ONCE, type SqlClient } from '../db/sql-client';
import { plannedEventColumns, type EventPlan, type EventRowWithPlanned } from './event-plan';
import { EVENT_COLUMNS, type EventRow } from './event.row';

/** Events with the given ids, in no particular order; missing ids are simply absent. */
export function findEventsByIds(sql: SqlClient, ids: readonly string[]): Promise<EventRow[]> {
  return sql.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM event e WHERE e.id = ANY($1::bigint[])`, [ids], PLAN_ONCE);
}

/** {@link findEventsByIds} with the columns and relations `plan` reads, in the same statement. */
export function findPlannedEventsByIds(
  sql: SqlClient,
  ids: readonly string[],
  plan: EventPlan,
): Promise<EventRowWithPlanned[]> {
  return sql.query<EventRowWithPlanned>(
    `SELECT ${plannedEventColumns(plan)} FROM event e WHERE e.id = ANY($1::bigint[])`,
    [ids],
    PLAN_ONCE,
  );
}

/** The event with this slug, or null. */
export async function findEventBySlug(sql: SqlClient, slug: string): Promise<EventRow | null> {
  const [row] = await sql.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM event e WHERE e.slug = $1`, [slug], PLAN_ONCE);
  return row ?? null;
}
