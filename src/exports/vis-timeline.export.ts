import { type ExportEvent } from './export-events.query';
import { type VisGroupBy } from './export-params';
import { displayDate, escapeHtml, kindLabel } from './export-text';

/** A vis-timeline item (https://visjs.github.io/vis-timeline/docs/timeline/#items). */
export interface VisItem {
  id: string;
  /** The event's global id (items of one event share it when grouped by actor). */
  eventId: string;
  group: string;
  content: string;
  title: string;
  start: string;
  end?: string;
  type: 'range' | 'point';
  className: string;
}

/** A vis-timeline group. */
export interface VisGroup {
  id: string;
  content: string;
  order: number;
}

/** What vis-timeline reads: `new Timeline(element, items, groups)`. */
export interface VisTimelineDocument {
  items: VisItem[];
  groups: VisGroup[];
}

const DAY_MS = 86_400_000;
const NO_ACTOR = 'no-actor';

/**
 * The events as vis-timeline items and groups. An event covering a day or more is a range item
 * `[start, until)`, so a DAY event fills its whole day and a span keeps its last day; a shorter
 * one (HOUR, MINUTE) is a point at its start. `className` is `annals-status-<status>` (and
 * `annals-kind-<kind>`), so PLANNED events can be drawn apart. Groups are the kinds, or with
 * `groupBy: 'actor'` the participants, one item per event and actor (events without participants
 * in a group of their own).
 */
export function toVisTimeline(
  events: readonly ExportEvent[],
  groupBy: VisGroupBy,
  lang: string | null,
): VisTimelineDocument {
  const groups = new Map<string, VisGroup>();
  const items: VisItem[] = [];
  const groupFor = (id: string, content: string) => {
    if (!groups.has(id)) groups.set(id, { id, content: escapeHtml(content), order: groups.size });
    return id;
  };
  for (const event of events) {
    const { time } = event;
    const isRange = Date.parse(time.until) - Date.parse(time.start) >= DAY_MS;
    const base = {
      eventId: event.id,
      content: escapeHtml(event.title),
      title: escapeHtml(`${displayDate(event)} · ${event.title}`),
      start: time.start,
      ...(isRange ? { end: time.until, type: 'range' as const } : { type: 'point' as const }),
      className: `annals-status-${event.status.toLowerCase()} annals-kind-${event.kind.toLowerCase()}`,
    };
    if (groupBy === 'kind') {
      items.push({ ...base, id: event.id, group: groupFor(event.kind, kindLabel(event.kind, lang)) });
      continue;
    }
    const actors = new Map(event.participants.map(({ actor }) => [actor.id, actor]));
    if (!actors.size) items.push({ ...base, id: event.id, group: groupFor(NO_ACTOR, '—') });
    for (const actor of actors.values()) {
      items.push({ ...base, id: `${event.id}:${actor.id}`, group: groupFor(actor.id, actor.name) });
    }
  }
  return { items, groups: [...groups.values()] };
}
