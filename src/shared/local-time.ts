import { type TimePrecision } from '../events/event.row';

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
  const pieces = [year, `-${parts.month}`, `-${parts.day}`, `T${parts.hour}`, `:${parts.minute}`];
  const length = { YEAR: 1, MONTH: 2, DAY: 3, HOUR: 4, MINUTE: 5 }[precision];
  return pieces.slice(0, length).join('');
}
