import { type ExportEvent } from './export-events.query';
import { eventText, kindLabel } from './export-text';
import { escapeText, foldLine, icalDate, icalLocalDateTime, icalUtc, vtimezoneLines } from './icalendar-text';

const STATUS: Record<ExportEvent['status'], string> = {
  PLANNED: 'TENTATIVE',
  POSTPONED: 'TENTATIVE',
  OCCURRED: 'CONFIRMED',
  CANCELLED: 'CANCELLED',
};

/** Whether the event is at a time of day (HOUR, MINUTE) rather than on whole days. */
function isTimed(event: ExportEvent): boolean {
  return event.time.precision === 'HOUR' || event.time.precision === 'MINUTE';
}

/** iCalendar's years run from 0000 to 9999 (RFC 5545 §3.3.4); ancient or far events are left out. */
function fitsCalendar(event: ExportEvent): boolean {
  const { local, until } = event.time;
  return !local.startsWith('-') && Number(local.slice(0, 4)) >= 1 && Date.parse(until) < Date.parse('9999-12-31');
}

function eventLines(event: ExportEvent, lang: string | null): string[] {
  const { time } = event;
  const [start, until] = [new Date(time.start), new Date(time.until)];
  const when = isTimed(event)
    ? [
        `DTSTART;TZID=${time.timeZone}:${icalLocalDateTime(start, time.timeZone)}`,
        `DTEND;TZID=${time.timeZone}:${icalLocalDateTime(until, time.timeZone)}`,
      ]
    : [`DTSTART;VALUE=DATE:${icalDate(start, time.timeZone)}`, `DTEND;VALUE=DATE:${icalDate(until, time.timeZone)}`];
  const { place } = event;
  return [
    'BEGIN:VEVENT',
    `UID:${event.id}@annals`,
    `DTSTAMP:${icalUtc(new Date(event.updatedAt))}`,
    `LAST-MODIFIED:${icalUtc(new Date(event.updatedAt))}`,
    ...when,
    `SUMMARY:${escapeText(event.title)}`,
    `DESCRIPTION:${escapeText(eventText(event))}`,
    `STATUS:${STATUS[event.status]}`,
    `CATEGORIES:${escapeText(kindLabel(event.kind, lang))}`,
    ...(place ? [`LOCATION:${escapeText(place.name)}`] : []),
    ...(place?.latitude != null && place.longitude != null ? [`GEO:${place.latitude};${place.longitude}`] : []),
    'END:VEVENT',
  ];
}

/** One VTIMEZONE per zone of the timed events, exact over the time those events span. */
function timezoneLines(events: readonly ExportEvent[]): string[] {
  const spans = new Map<string, { from: Date; to: Date }>();
  for (const { time } of events.filter(isTimed)) {
    const [start, until] = [new Date(time.start), new Date(time.until)];
    const span = spans.get(time.timeZone);
    spans.set(time.timeZone, {
      from: span && span.from < start ? span.from : start,
      to: span && span.to > until ? span.to : until,
    });
  }
  return [...spans].flatMap(([zone, { from, to }]) => vtimezoneLines(zone, from, to));
}

/**
 * The events as an iCalendar stream (RFC 5545): DAY, MONTH and YEAR events as all-day events over
 * the local dates they cover (DTEND exclusive), HOUR and MINUTE events at local times with TZID
 * and a VTIMEZONE exact for their years; STATUS TENTATIVE for PLANNED and POSTPONED, CONFIRMED for
 * OCCURRED, CANCELLED for CANCELLED; UID from the global id; DTSTAMP the event's last change, so
 * the same data gives the same bytes. Text is escaped and lines folded at 75 octets. Events
 * outside iCalendar's years 1 to 9998 are left out.
 */
export function toEventsIcs(events: readonly ExportEvent[], lang: string | null, name: string): string {
  const listed = events.filter(fitsCalendar);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Annals//Timeline export//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    ...timezoneLines(listed),
    ...listed.flatMap((event) => eventLines(event, lang)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('');
}
