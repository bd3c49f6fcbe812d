import {
  type CreativeWork,
  type Event,
  type EventStatusType,
  type ItemList,
  type Organization,
  type Person,
  type Place,
  type WithContext,
} from 'schema-dts';
import { type ExportActor, type ExportCitation, type ExportEvent, type ExportTime } from './export-events.query';

const STATUS: Record<ExportEvent['status'], EventStatusType> = {
  PLANNED: 'https://schema.org/EventScheduled',
  OCCURRED: 'https://schema.org/EventScheduled',
  POSTPONED: 'https://schema.org/EventPostponed',
  CANCELLED: 'https://schema.org/EventCancelled',
};

const ORGANIZER_ROLES = new Set(['HOST', 'ISSUER']);
const ATTENDEE_ROLES = new Set(['GUEST', 'PARTICIPANT']);

/** An ISO 8601 date or date-time at the time's precision; HOUR and MINUTE carry the zone's offset then. */
function isoAtPrecision(local: string, instant: string, time: ExportTime): string {
  if (time.precision !== 'HOUR' && time.precision !== 'MINUTE') return local;
  const wall = `${local.length === 13 ? `${local}:00` : local}:00`;
  const offsetMinutes = Math.round((Date.parse(`${wall}Z`) - Date.parse(instant)) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The instant the last unit of a span starts, for its local rendering's offset. */
function lastUnitStart(time: ExportTime): string {
  return time.end ?? time.start;
}

function agentOf(actor: ExportActor): Person | Organization {
  const identity = { name: actor.name, identifier: actor.id };
  switch (actor.actorKind) {
    case 'PERSON':
      return { '@type': 'Person', ...identity };
    case 'GOVERNMENT':
      return { '@type': 'GovernmentOrganization', ...identity };
    case 'MEDIA_OUTLET':
      return { '@type': 'NewsMediaOrganization', ...identity };
    default:
      return { '@type': 'Organization', ...identity };
  }
}

function workOf({ source, quote }: ExportCitation): CreativeWork {
  const type = { NEWS_ARTICLE: 'NewsArticle', SOCIAL_POST: 'SocialMediaPosting', REPORT: 'Report' } as const;
  const work = {
    name: source.title,
    identifier: source.id,
    inLanguage: source.language,
    ...(source.url ? { url: source.url } : {}),
    ...(source.publishedAt ? { datePublished: source.publishedAt } : {}),
    ...(source.publisher ? { publisher: agentOf(source.publisher) } : {}),
    ...(quote ? { text: quote } : {}),
  };
  const kind = source.sourceKind;
  return kind === 'NEWS_ARTICLE' || kind === 'SOCIAL_POST' || kind === 'REPORT'
    ? { '@type': type[kind], ...work }
    : { '@type': 'CreativeWork', ...work };
}

function placeOf(place: NonNullable<ExportEvent['place']>): Place {
  const geo =
    place.latitude !== null && place.longitude !== null
      ? { geo: { '@type': 'GeoCoordinates' as const, latitude: place.latitude, longitude: place.longitude } }
      : {};
  return { '@type': 'Place', name: place.name, ...geo };
}

function agentsIn(event: ExportEvent, roles: (role: string) => boolean): (Person | Organization)[] {
  const seen = new Set<string>();
  return event.participants
    .filter(({ role, actor }) => roles(role) && !seen.has(actor.id) && seen.add(actor.id))
    .map(({ actor }) => agentOf(actor));
}

function eventOf(event: ExportEvent): Event {
  const { time } = event;
  const organizers = agentsIn(event, (role) => ORGANIZER_ROLES.has(role));
  const attendees = agentsIn(event, (role) => ATTENDEE_ROLES.has(role));
  // schema.org's `actor` takes people (and performing groups) only; other speakers contribute.
  const speakers = event.participants.filter(({ role }) => role === 'SPEAKER');
  const isPerson = ({ actor }: { actor: ExportActor }) => actor.actorKind === 'PERSON';
  const people = speakers
    .filter(isPerson)
    .map(({ actor }): Person => ({ '@type': 'Person', name: actor.name, identifier: actor.id }));
  const contributors = speakers.filter((speaker) => !isPerson(speaker)).map(({ actor }) => agentOf(actor));
  return {
    '@type': 'Event',
    identifier: event.id,
    name: event.title,
    ...(event.summary ? { description: event.summary } : {}),
    startDate: isoAtPrecision(time.local, time.start, time),
    endDate: isoAtPrecision(time.localEnd ?? time.local, lastUnitStart(time), time),
    eventStatus: STATUS[event.status],
    ...(event.place ? { location: placeOf(event.place) } : {}),
    ...(organizers.length ? { organizer: organizers } : {}),
    ...(attendees.length ? { attendee: attendees } : {}),
    ...(people.length ? { actor: people } : {}),
    ...(contributors.length ? { contributor: contributors } : {}),
    ...(event.tags.length ? { keywords: event.tags.join(',') } : {}),
    ...(event.citations.length ? { subjectOf: event.citations.map(workOf) } : {}),
  };
}

/**
 * The events as a schema.org `ItemList` of `Event`s in JSON-LD: `startDate`/`endDate` as ISO
 * dates at the event's precision ("2024", "2023-03", "2023-03-20"; HOUR and MINUTE with the
 * zone's offset), `endDate` the last unit covered; `eventStatus` EventScheduled (PLANNED and
 * OCCURRED), EventPostponed or EventCancelled; `location` with coordinates; hosts and issuers as
 * `organizer`, guests and participants as `attendee` (Person or an Organization subtype by actor
 * kind), speakers as `actor` when they are people and `contributor` when not; the cited sources as `subjectOf`, each with its quote.
 */
export function toEventsJsonLd(events: readonly ExportEvent[], name: string): WithContext<ItemList> {
  return {
    '@context': 'https://schema.org',
    '@type': 'ItemList',
    name,
    numberOfItems: events.length,
    itemListOrder: 'https://schema.org/ItemListOrderAscending',
    itemListElement: events.map((event, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      item: eventOf(event),
    })),
  };
}
