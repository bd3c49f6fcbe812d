import { type CitationRow } from './citation.queries';
import { type ParticipationRow } from './participation.queries';
import { LOCAL_TIME_SQL_FORMAT } from '../shared/local-time';
import { type LocalizedTexts } from '../shared/localized-text';

export type EventKind =
  'MEETING' | 'VISIT' | 'STATEMENT' | 'LEGAL_ACTION' | 'PROPOSAL' | 'ELECTION' | 'AGREEMENT' | 'ANNOUNCEMENT' | 'OTHER';
export type EventStatus = 'PLANNED' | 'OCCURRED' | 'CANCELLED' | 'POSTPONED';
export type TimePrecision = 'YEAR' | 'MONTH' | 'DAY' | 'HOUR' | 'MINUTE';

/** An event row as the read path returns it: plain data, no entity hydration. */
export interface EventRow {
  __typename: 'Event';
  id: string;
  slug: string;
  kind: EventKind;
  status: EventStatus;
  startAt: Date;
  endAt: Date | null;
  /** Where the time the event covers ends, exclusive: the end of its last precision unit in its zone. */
  coversUntil: Date;
  precision: TimePrecision;
  timeZone: string;
  timeAsWritten: string | null;
  timeApproximate: boolean;
  placeId: string | null;
  tags: string[];
  originalLanguage: string;
  titles: LocalizedTexts;
  summaries: LocalizedTexts;
  createdAt: Date;
  updatedAt: Date;
  /** Bumped by every change to the event, its participants, citations and relations. */
  revision: number;
  /** Start and end as local time in the event's zone, rendered with LOCAL_TIME_SQL_FORMAT. */
  startLocal: string;
  endLocal: string | null;
  /** Relations read in the same statement as the row, when the query planned them (event-includes.ts). */
  plannedParticipations?: ParticipationRow[];
  plannedCitations?: CitationRow[];
}

/** The select list producing an {@link EventRow} from `event e`. */
export const EVENT_COLUMNS = `'Event' AS "__typename", e.id, e.slug, e.kind, e.status,
  e.start_at AS "startAt", e.end_at AS "endAt", e.covers_until AS "coversUntil", e.precision, e.time_zone AS "timeZone",
  e.time_as_written AS "timeAsWritten", e.time_approximate AS "timeApproximate", e.place_id AS "placeId",
  e.tags, e.original_language AS "originalLanguage", e.titles, e.summaries,
  e.created_at AS "createdAt", e.updated_at AS "updatedAt", e.revision,
  to_char(e.start_at AT TIME ZONE e.time_zone, '${LOCAL_TIME_SQL_FORMAT}') AS "startLocal",
  to_char(e.end_at AT TIME ZONE e.time_zone, '${LOCAL_TIME_SQL_FORMAT}') AS "endLocal"`;
