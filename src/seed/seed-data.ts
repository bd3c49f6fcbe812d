import { type ActorKind } from '../actors/actor.row';
import { type EventKind, type EventStatus } from '../events/event.row';
import { type TimePrecision } from '../shared/precision';
import { type ParticipantRole } from '../events/participation.queries';
import { type StoredRelationType } from '../events/relation.queries';
import { type SourceKind } from '../sources/source.row';

/** The shape of a seed data file (see src/seed/data/). References between records are slugs. */
export interface SeedData {
  places: SeedPlace[];
  actors: SeedActor[];
  sources: SeedSource[];
  events: SeedEvent[];
}

export interface SeedPlace {
  slug: string;
  names: Record<string, string>;
  originalLanguage: string;
  timeZone: string;
  latitude: number | null;
  longitude: number | null;
}

export interface SeedActor {
  slug: string;
  kind: ActorKind;
  originalLanguage: string;
  names: Record<string, string>;
  aliases: string[];
  description: Record<string, string>;
  sameAs: string[];
}

export interface SeedSource {
  slug: string;
  kind: SourceKind;
  title: string;
  url: string | null;
  publisher: string | null;
  author: string | null;
  language: string;
  publishedAt: string | null;
}

export interface SeedEvent {
  slug: string;
  kind: EventKind;
  status: EventStatus;
  /** Local times in `timeZone`, written at `precision` ("2024", "2023-03", "2023-03-20", "2023-03-20T14:30"). */
  time: {
    start: string;
    end: string | null;
    precision: TimePrecision;
    timeZone: string;
    asWritten: string | null;
    approximate: boolean;
  };
  place: string | null;
  tags: string[];
  originalLanguage: string;
  titles: Record<string, string>;
  summaries: Record<string, string>;
  participants: { actor: string; role: ParticipantRole; note: string | null }[];
  citations: {
    source: string;
    attributedTo: string | null;
    speaker: string | null;
    quote: string | null;
    note: string | null;
    /** A conflicting date this source gives the event, written like `time` (in the event's zone). */
    claimedTime?: { start: string; end: string | null; precision: TimePrecision };
  }[];
  relations: { type: StoredRelationType; event: string }[];
}

const LOCAL_TIME_PATTERNS: Record<TimePrecision, RegExp> = {
  YEAR: /^\d{4}$/,
  MONTH: /^\d{4}-\d{2}$/,
  DAY: /^\d{4}-\d{2}-\d{2}$/,
  HOUR: /^\d{4}-\d{2}-\d{2}T\d{2}$/,
  MINUTE: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
};

/**
 * A seed local time written at its precision, completed to a full local timestamp
 * ("2023-03" → "2023-03-01T00:00:00") for PostgreSQL to place in the event's zone.
 */
export function completeLocalTime(local: string, precision: TimePrecision, where: string): string {
  if (!LOCAL_TIME_PATTERNS[precision].test(local)) {
    throw new Error(`${where}: "${local}" is not a local time written at ${precision} precision.`);
  }
  const template = '0000-01-01T00:00:00';
  return local + template.slice(local.length);
}

/** Checks that every slug a record refers to exists in the file; throws naming the first that does not. */
export function checkSeedReferences(data: SeedData): void {
  const places = new Set(data.places.map((p) => p.slug));
  const actors = new Set(data.actors.map((a) => a.slug));
  const sources = new Set(data.sources.map((s) => s.slug));
  const events = new Set(data.events.map((e) => e.slug));
  const expect = (set: Set<string>, slug: string | null, where: string) => {
    if (slug !== null && !set.has(slug)) throw new Error(`Seed data: ${where} refers to unknown "${slug}".`);
  };
  for (const source of data.sources) expect(actors, source.publisher, `source ${source.slug} publisher`);
  for (const event of data.events) {
    expect(places, event.place, `event ${event.slug} place`);
    for (const p of event.participants) expect(actors, p.actor, `event ${event.slug} participant`);
    for (const c of event.citations) {
      expect(sources, c.source, `event ${event.slug} citation source`);
      expect(actors, c.attributedTo, `event ${event.slug} citation attributedTo`);
      expect(actors, c.speaker, `event ${event.slug} citation speaker`);
    }
    for (const r of event.relations) expect(events, r.event, `event ${event.slug} relation`);
  }
}
