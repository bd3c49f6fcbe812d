import { type TimePrecision } from './precision';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The instant as local calendar time in `timeZone`, written only to `precision`:
 * "2024", "2023-03", "2023-03-20", "2023-03-20T14", "2023-03-20T14:30". Years before 1 CE are
 * written astronomically ("-0043").
 */
export function formatLocalTime(instant: Date, timeZone: string, precision: TimePrecision): string {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const yearNumber = parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year);
  const year = yearNumber < 0 ? `-${String(-yearNumber).padStart(4, '0')}` : String(yearNumber).padStart(4, '0');
  return truncateToPrecision(`${year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`, precision);
}

const TEXT_LENGTH: Record<TimePrecision, number> = { YEAR: 4, MONTH: 7, DAY: 10, HOUR: 13, MINUTE: 16 };

function truncateToPrecision(minuteText: string, precision: TimePrecision): string {
  return minuteText.slice(0, TEXT_LENGTH[precision] + (minuteText.startsWith('-') ? 1 : 0));
}

/**
 * `to_char` format rendering a timestamp's local time in PostgreSQL, for {@link localTimeFromSql}:
 * `(instant AT TIME ZONE zone)` formatted gives "2023-03-20T14:30 AD".
 */
export const LOCAL_TIME_SQL_FORMAT = 'YYYY-MM-DD"T"HH24:MI BC';

/**
 * A local time rendered by PostgreSQL with {@link LOCAL_TIME_SQL_FORMAT}, written exactly as
 * {@link formatLocalTime} writes it (years before 1 CE astronomically), without Intl's cost.
 */
export function localTimeFromSql(rendered: string, precision: TimePrecision): string {
  if (!rendered.endsWith(' BC')) return rendered.slice(0, TEXT_LENGTH[precision]);
  const dateTime = rendered.slice(0, -3);
  const yearEnd = dateTime.indexOf('-');
  const astronomicalYear = 1 - Number(dateTime.slice(0, yearEnd));
  const year = astronomicalYear < 0 ? `-${String(-astronomicalYear).padStart(4, '0')}` : '0000';
  return truncateToPrecision(`${year}${dateTime.slice(yearEnd)}`, precision);
}
