import { type SqlClient } from '../db/sql-client';
import { SqlParams, whereClause } from '../db/sql-params';
import { eventFilterConditions, resolveEventFilter, type EventFilter } from './event-filter';

export type BucketSize = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';

export interface BucketRow {
  start: Date;
  end: Date;
  count: number;
}

/**
 * Counts of matching events per calendar unit of `timeZone`, by start time, in time order. Only
 * units with at least one event are returned. Units follow the zone's calendar, so a DAY in
 * Europe/Moscow runs from 21:00 to 21:00 UTC and a DST day is 23 or 25 hours long.
 */
export async function countEventsPerBucket(
  sql: SqlClient,
  filter: EventFilter,
  size: BucketSize,
  timeZone: string,
): Promise<BucketRow[]> {
  const params = new SqlParams();
  const where = whereClause(eventFilterConditions(await resolveEventFilter(sql, filter), params));
  const unit = params.add(size.toLowerCase());
  const zone = params.add(timeZone);
  return sql.query<BucketRow>(
    `SELECT bucket.start, ((bucket.start AT TIME ZONE ${zone}) + ('1 ' || ${unit})::interval) AT TIME ZONE ${zone} AS "end",
            bucket.count
       FROM (SELECT date_trunc(${unit}, e.start_at, ${zone}) AS start, count(*)::int AS count
               FROM event e ${where}
              GROUP BY 1) AS bucket
      ORDER BY bucket.start`,
    params.values,
  );
}
