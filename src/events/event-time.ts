import { formatLocalTime, localTimeFromSql } from '../shared/local-time';
import { type TimePrecision } from '../shared/precision';
import { type EventTime } from './event-time.type';

/** A time as stored: instants plus how to read them. */
export interface StoredTime {
  start: Date;
  end: Date | null;
  /** The exclusive end of the covered time, as the database computes it (precision_unit_end). */
  until: Date;
  precision: TimePrecision;
  timeZone: string;
  asWritten: string | null;
  approximate: boolean;
  /** Start and end already rendered by PostgreSQL (LOCAL_TIME_SQL_FORMAT), when the row has them. */
  renderedLocal?: { start: string; end: string | null };
}

/** The GraphQL EventTime of a stored time, with its local renderings. */
export function toEventTime(time: StoredTime): EventTime {
  const { start, end, precision, timeZone, renderedLocal } = time;
  const local = (instant: Date, rendered: string | null | undefined) =>
    rendered ? localTimeFromSql(rendered, precision) : formatLocalTime(instant, timeZone, precision);
  return {
    start,
    end,
    until: time.until,
    precision,
    timeZone,
    asWritten: time.asWritten,
    approximate: time.approximate,
    local: local(start, renderedLocal?.start),
    localEnd: end && local(end, renderedLocal?.end),
  };
}
