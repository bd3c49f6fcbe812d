/** How precisely an event's time is known: the unit its start (and end) are given in. */
export type TimePrecision = 'YEAR' | 'MONTH' | 'DAY' | 'HOUR' | 'MINUTE';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

/** The local wall-clock time of `epochMs` in `timeZone`, written as if it were a UTC instant. */
function wallClockMs(epochMs: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) parts[part.type] = part.value;
  const year = parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year);
  const ms = ((epochMs % 1000) + 1000) % 1000;
  return utcMs(
    year,
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
    ms,
  );
}

/** The astronomical year (1 BC is 0) of the local date of `instant` in `timeZone`; a RangeError for an unknown zone. */
export function localYear(instant: Date, timeZone: string): number {
  return new Date(wallClockMs(instant.getTime(), timeZone)).getUTCFullYear();
}

function offsetMs(epochMs: number, timeZone: string): number {
  return wallClockMs(epochMs, timeZone) - epochMs;
}

function floorTo(value: number, unit: number): number {
  return value - (((value % unit) + unit) % unit);
}

function truncateWallClock(wall: number, precision: TimePrecision): number {
  const date = new Date(wall);
  switch (precision) {
    case 'MINUTE':
      return floorTo(wall, MINUTE_MS);
    case 'HOUR':
      return floorTo(wall, HOUR_MS);
    case 'DAY':
      return floorTo(wall, DAY_MS);
    case 'MONTH':
      return utcMs(date.getUTCFullYear(), date.getUTCMonth(), 1);
    case 'YEAR':
      return utcMs(date.getUTCFullYear(), 0, 1);
  }
}

/** Where `wall` lands with the offset in effect a day before it and a day after it. */
function candidateInstants(wall: number, timeZone: string): number[] {
  return [wall - offsetMs(wall - DAY_MS, timeZone), wall - offsetMs(wall + DAY_MS, timeZone)];
}

/** The instants whose local time in `timeZone` is `wall`: two when clocks go back over it, none when they skip it. */
function instantsShowing(wall: number, timeZone: string): number[] {
  return [...new Set(candidateInstants(wall, timeZone))].filter((epochMs) => wallClockMs(epochMs, timeZone) === wall);
}

/**
 * The instant PostgreSQL gives a local time: a time that clocks skip takes the offset from before the
 * change (landing just after it), and a time they show twice means its later occurrence.
 */
function postgresInstantOf(wall: number, timeZone: string): number {
  const candidates = candidateInstants(wall, timeZone);
  const showing = candidates.filter((epochMs) => wallClockMs(epochMs, timeZone) === wall);
  return Math.max(...(showing.length > 0 ? showing : candidates));
}

/**
 * The first instant of the local YEAR, MONTH, DAY, HOUR or MINUTE in `timeZone` that contains
 * `instant`, never later than it: the latest instant at or before it whose local time is the unit's
 * first (local midnight, the first of the month, …), or the first instant after a clock change that
 * skips that time. Works from Intl's offsets, so Asia/Kolkata's +05:30, Australia/Lord_Howe's half-hour
 * daylight saving and historical offsets in seconds come out right. Rarely (Lord_Howe's hour after
 * its clocks skip 02:00, America/Havana's day on which midnight repeats) the result is not
 * {@link isAlignedToPrecision}. Throws a RangeError for an invalid date or a zone Intl does not know.
 */
export function startOfPrecisionUnit(instant: Date, precision: TimePrecision, timeZone: string): Date {
  const epochMs = instant.getTime();
  const start = truncateWallClock(wallClockMs(epochMs, timeZone), precision);
  const earlier = instantsShowing(start, timeZone).filter((showing) => showing <= epochMs);
  return new Date(earlier.length > 0 ? Math.max(...earlier) : Math.min(epochMs, postgresInstantOf(start, timeZone)));
}

/**
 * Whether `instant` is a whole local unit of `precision` in `timeZone`, deciding exactly as the
 * database's `is_aligned_to_precision` (PostgreSQL's `date_trunc(unit, instant, zone) = instant`):
 * HOUR and MINUTE need a local time with nothing smaller; DAY, MONTH and YEAR need the instant
 * PostgreSQL gives local midnight (after a skipped midnight, the first time shown; of a repeated one,
 * the later). Throws a RangeError for an invalid date or a zone Intl does not know.
 */
export function isAlignedToPrecision(instant: Date, precision: TimePrecision, timeZone: string): boolean {
  const epochMs = instant.getTime();
  const wall = wallClockMs(epochMs, timeZone);
  const start = truncateWallClock(wall, precision);
  if (precision === 'HOUR' || precision === 'MINUTE') return wall === start;
  return postgresInstantOf(start, timeZone) === epochMs;
}

/**
 * The instant the database takes as the start of the local unit containing `instant`: one that
 * {@link isAlignedToPrecision} accepts and whose local unit is the same. Usually that is
 * {@link startOfPrecisionUnit}; on a day whose midnight repeats it is the later midnight (possibly
 * after `instant`), and it is null when a clock change leaves the unit without one (Lord_Howe's
 * hour after its clocks skip 02:00). Throws a RangeError for an invalid date or an unknown zone.
 */
export function alignedStartOfPrecisionUnit(instant: Date, precision: TimePrecision, timeZone: string): Date | null {
  const epochMs = instant.getTime();
  const start = truncateWallClock(wallClockMs(epochMs, timeZone), precision);
  if (precision !== 'HOUR' && precision !== 'MINUTE') return new Date(postgresInstantOf(start, timeZone));
  const showing = instantsShowing(start, timeZone);
  if (showing.length === 0) return null;
  const earlier = showing.filter((candidate) => candidate <= epochMs);
  return new Date(earlier.length > 0 ? Math.max(...earlier) : Math.min(...showing));
}
