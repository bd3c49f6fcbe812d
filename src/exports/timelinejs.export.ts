import { formatLocalTime } from '../shared/local-time';
import { type ExportEvent, type ExportTime } from './export-events.query';
import { displayDate, escapeHtml, eventHtml, kindLabel } from './export-text';

/** A TimelineJS 3 date: only the parts the event's precision knows, as TimelineJS's docs write them. */
export interface TimelineJsDate {
  year: string;
  month?: string;
  day?: string;
  hour?: string;
  minute?: string;
}

/** A TimelineJS 3 slide. */
export interface TimelineJsSlide {
  start_date: TimelineJsDate;
  end_date?: TimelineJsDate;
  display_date: string;
  text: { headline: string; text: string };
  group: string;
  unique_id: string;
}

/** A TimelineJS 3 era: a band behind the slides. */
export interface TimelineJsEra {
  start_date: TimelineJsDate;
  end_date: TimelineJsDate;
  text: { headline: string };
}

/** The TimelineJS 3 JSON document (https://timeline.knightlab.com/docs/json-format.html). */
export interface TimelineJsDocument {
  title: { text: { headline: string; text: string } };
  events: TimelineJsSlide[];
  eras: TimelineJsEra[];
}

const PARTS = ['year', 'month', 'day', 'hour', 'minute'] as const;
const DEPTH: Record<ExportTime['precision'], number> = { YEAR: 1, MONTH: 2, DAY: 3, HOUR: 4, MINUTE: 5 };

/** "2023-03-20T14" at HOUR → { year: "2023", month: "3", day: "20", hour: "14" }; years may be negative. */
function dateOf(local: string, precision: ExportTime['precision']): TimelineJsDate {
  const match = /^(-?\d{4,})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}))?(?::(\d{2}))?$/.exec(local);
  if (!match) throw new Error(`not a local time: ${local}`);
  const date: Partial<Record<(typeof PARTS)[number], string>> = {};
  PARTS.slice(0, DEPTH[precision]).forEach((part, index) => {
    date[part] = String(Number(match[index + 1]));
  });
  return date as TimelineJsDate;
}

function slideOf(event: ExportEvent, lang: string | null): TimelineJsSlide {
  const { time } = event;
  return {
    start_date: dateOf(time.local, time.precision),
    ...(time.localEnd ? { end_date: dateOf(time.localEnd, time.precision) } : {}),
    display_date: escapeHtml(displayDate(event)),
    text: { headline: escapeHtml(event.title), text: eventHtml(event) },
    group: kindLabel(event.kind, lang),
    unique_id: event.id,
  };
}

/** One era per distinct PART_OF parent of the events, in the order they are first met. */
function erasOf(events: readonly ExportEvent[]): TimelineJsEra[] {
  const eras = new Map<string, TimelineJsEra>();
  for (const { parents } of events) {
    for (const { event: parent } of parents) {
      if (eras.has(parent.id)) continue;
      const { time } = parent;
      eras.set(parent.id, {
        start_date: dateOf(time.local, time.precision),
        // An era needs an end after its start: the exclusive end, so a one-day parent spans its day.
        end_date: dateOf(formatLocalTime(new Date(time.until), time.timeZone, time.precision), time.precision),
        text: { headline: escapeHtml(parent.title) },
      });
    }
  }
  return [...eras.values()];
}

/**
 * The events as a TimelineJS 3 document: one slide per event with dates to its precision and no
 * further, the local date as `display_date`, the title as headline and the summary, participants,
 * quotes and citations as the slide's HTML (all text escaped), `group` by kind, `unique_id` the
 * global id; an era for each event the slides are PART_OF, from its start to
 * the end of its last unit (exclusive, so that a one-day parent has an era a day long).
 */
export function toTimelineJs(
  events: readonly ExportEvent[],
  lang: string | null,
  headline: string,
): TimelineJsDocument {
  return {
    title: {
      text: {
        headline: escapeHtml(headline),
        text: `<p>${events.length} events from Annals, with the sources that report them.</p>`,
      },
    },
    events: events.map((event) => slideOf(event, lang)),
    eras: erasOf(events),
  };
}
