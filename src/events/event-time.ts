import { formatLocalTime } from '../shared/local-time';
import { type TimePrecision } from './event.row';
import { type EventTime } from './event-time.type';

/** A time as stored: instants plus how to read them. */
export interface StoredTime {
  start: Date;
  end: Date | null;
  precision: TimePrecision;
  timeZone: string;
  asWritten: string | null;
  approximate: boolean;
}

/** The GraphQL EventTime of a stored time, with its local renderings. */
export function toEventTime(time: StoredTime): EventTime {
  return {
    ...time,
    local: formatLocalTime(time.start, time.timeZone, time.precision),
    localEnd: time.end && formatLocalTime(time.end, time.timeZone, time.precision),
  };
}
