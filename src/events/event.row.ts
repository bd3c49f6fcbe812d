import { selectList, type RowFields } from '../db/row-fields';
import { type CitationRow } from './citation.queries';
import { type ParticipationRow } from './participation.queries';
import { LOCAL_TIME_SQL_FORMAT } from '../shared/local-time';
import { type TimePrecision } from '../shared/precision';
import { type LocalizedTexts } from '../shared/localized-text';

export type EventKind =
  'MEETING' | 'VISIT' | 'STATEMENT' | 'LEGAL_ACTION' | 'PROPOSAL' | 'ELECTION' | 'AGREEMENT' | 'ANNOUNCEMENT' | 'OTHER';
export type EventStatus = 'PLANNED' | 'OCCURRED' | 'CANCELLED' | 'POSTPONED';

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
  /** Relations read in the same statement as the row, when the query planned them (event-plan.ts). */
  plannedParticipations?: ParticipationRow[];
  plannedCitations?: CitationRow[];
}

/** How an {@link EventRow} is read from `event e` (its planned relations aside). */
export const EVENT_ROW_FIELDS: RowFields = {
  __typename: `'Event'`,
  id: 'e.id::text',
  slug: 'e.slug',
  kind: 'e.kind',
  status: 'e.status',
  startAt: 'e.start_at',
  endAt: 'e.end_at',
  coversUntil: 'e.covers_until',
  precision: 'e.precision',
  timeZone: 'e.time_zone',
  timeAsWritten: 'e.time_as_written',
  timeApproximate: 'e.time_approximate',
  placeId: 'e.place_id::text',
  tags: 'e.tags',
  originalLanguage: 'e.original_language',
  titles: 'e.titles',
  summaries: 'e.summaries',
  createdAt: 'e.created_at',
  updatedAt: 'e.updated_at',
  revision: 'e.revision',
  startLocal: `to_char(e.start_at AT TIME ZONE e.time_zone, '${LOCAL_TIME_SQL_FORMAT}')`,
  endLocal: `to_char(e.end_at AT TIME ZONE e.time_zone, '${LOCAL_TIME_SQL_FORMAT}')`,
};

/** The {@link EVENT_ROW_FIELDS} that are instants (see JsonArrayRow). */
export const EVENT_INSTANTS: ReadonlySet<string> = new Set([
  'startAt',
  'endAt',
  'coversUntil',
  'createdAt',
  'updatedAt',
]);

/** The select list producing a whole {@link EventRow} from `event e`. */
export const EVENT_COLUMNS = selectList(EVENT_ROW_FIELDS);
