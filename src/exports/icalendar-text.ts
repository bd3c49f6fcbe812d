import { formatLocalTime } from '../shared/local-time';

const encoder = new TextEncoder();

/** A TEXT value escaped as RFC 5545 §3.3.11 asks: backslash, semicolon, comma and newlines. */
export function escapeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\\;,\n]/g, (char) => (char === '\n' ? '\\n' : `\\${char}`));
}

/**
 * A content line folded as RFC 5545 §3.1 asks: at most 75 octets a line, continued after CRLF and
 * a space, never inside a UTF-8 sequence (nor a UTF-16 surrogate pair), ending with CRLF.
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = lines.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      lines.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return `${lines.join('\r\n ')}\r\n`;
}

/** "2023-03-20T14:30" (or a date) → "20230320T143000" ("20230320"). */
function compact(local: string): string {
  const [date = '', time] = local.split('T');
  const digits = date.replaceAll('-', '');
  return time === undefined ? digits : `${digits}T${time.replace(':', '').padEnd(4, '0')}00`;
}

/** The local date of `instant` in `timeZone` as an iCalendar DATE ("20230320"). */
export function icalDate(instant: Date, timeZone: string): string {
  return compact(formatLocalTime(instant, timeZone, 'DAY'));
}

/** The local time of `instant` in `timeZone` as an iCalendar local DATE-TIME ("20230320T143000"). */
export function icalLocalDateTime(instant: Date, timeZone: string): string {
  return compact(formatLocalTime(instant, timeZone, 'MINUTE'));
}

/** `instant` as an iCalendar UTC DATE-TIME ("20230320T113000Z"). */
export function icalUtc(instant: Date): string {
  return `${instant.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The UTC offset of `timeZone` at `epochMs`, in minutes east of UTC. */
function offsetMinutes(epochMs: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

function utcOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** The first minute at which the offset differs from the one at `from`, found by halving (from < to). */
function changeBetween(from: number, to: number, timeZone: string): number {
  const before = offsetMinutes(from, timeZone);
  let [low, high] = [from, to];
  while (high - low > MINUTE_MS) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetMinutes(middle, timeZone) === before) low = middle;
    else high = middle;
  }
  return high;
}

/**
 * A VTIMEZONE for `timeZone` (RFC 5545 §3.6.5) that is exact from `from` to `to`: the offset in
 * effect at `from`, then every change the runtime's time-zone data has until `to`, each as an
 * observance starting at the local time it happens (TZOFFSETFROM's clock). Explicit changes rather
 * than today's rules, so that times of past years keep the offsets they had.
 */
export function vtimezoneLines(timeZone: string, from: Date, to: Date): string[] {
  const start = from.getTime() - DAY_MS;
  const end = to.getTime() + DAY_MS;
  const observance = (kind: 'STANDARD' | 'DAYLIGHT', at: number, before: number, after: number) => [
    `BEGIN:${kind}`,
    `DTSTART:${compact(formatLocalTime(new Date(at + before * MINUTE_MS), 'UTC', 'MINUTE'))}`,
    `TZOFFSETFROM:${utcOffset(before)}`,
    `TZOFFSETTO:${utcOffset(after)}`,
    `END:${kind}`,
  ];
  const first = offsetMinutes(start, timeZone);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, ...observance('STANDARD', start, first, first)];
  let offset = first;
  for (let day = start; day < end; day += DAY_MS) {
    const next = offsetMinutes(Math.min(day + DAY_MS, end), timeZone);
    if (next === offset) continue;
    const at = changeBetween(day, Math.min(day + DAY_MS, end), timeZone);
    lines.push(...observance(next > offset ? 'DAYLIGHT' : 'STANDARD', at, offset, next));
    offset = next;
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
