import { type SourceRow } from '../sources/source.row';
import { selectList, type RowFields } from '../db/row-fields';
import { PLAN_ONCE, type SqlClient } from '../db/sql-client';
import { type TimePrecision } from '../shared/precision';

/** What a source says about an event, and through whom. */
export interface CitationRow {
  __typename: 'Citation';
  id: string;
  eventId: string;
  sourceId: string;
  attributedToId: string | null;
  speakerId: string | null;
  quote: string | null;
  note: string | null;
  /** The event's time as this source gives it, when it disagrees; read in the event's zone. */
  claimedStart: Date | null;
  claimedEnd: Date | null;
  claimedPrecision: TimePrecision | null;
  /** The exclusive end of the claimed time (precision_unit_end in the event's zone); null without a claim. */
  claimedUntil: Date | null;
  eventTimeZone: string;
  /** The source, when it was read in the same statement (event-plan.ts). */
  plannedSource?: SourceRow;
}

/** How a {@link CitationRow} is read from `citation c` joined with its `event e`. */
export const CITATION_FIELDS: RowFields = {
  __typename: `'Citation'`,
  id: 'c.id::text',
  eventId: 'c.event_id::text',
  sourceId: 'c.source_id::text',
  attributedToId: 'c.attributed_to_id::text',
  speakerId: 'c.speaker_id::text',
  quote: 'c.quote',
  note: 'c.note',
  claimedStart: 'c.claimed_start',
  claimedEnd: 'c.claimed_end',
  claimedPrecision: 'c.claimed_precision',
  claimedUntil: 'precision_unit_end(coalesce(c.claimed_end, c.claimed_start), c.claimed_precision, e.time_zone)',
  eventTimeZone: 'e.time_zone',
};

/** The order of one event's citations: the order its data gives them. */
export const CITATION_ORDER = 'c.position, c.id';

const CITATION_COLUMNS = selectList(CITATION_FIELDS);

/** The {@link CITATION_FIELDS} that are instants (see JsonArrayRow). */
export const CITATION_INSTANTS: ReadonlySet<string> = new Set(['claimedStart', 'claimedEnd', 'claimedUntil']);

/** Citations with the given ids, in no particular order; missing ids are simply absent. */
export function findCitationsByIds(sql: SqlClient, ids: readonly string[]): Promise<CitationRow[]> {
  return sql.query<CitationRow>(
    `SELECT ${CITATION_COLUMNS} FROM citation c JOIN event e ON e.id = c.event_id WHERE c.id = ANY($1::bigint[])`,
    [ids],
    PLAN_ONCE,
  );
}

/** Citations of the given events, each event's in the order its data gives them. */
export function findCitationsByEventIds(sql: SqlClient, eventIds: readonly string[]): Promise<CitationRow[]> {
  return sql.query<CitationRow>(
    `SELECT ${CITATION_COLUMNS} FROM citation c JOIN event e ON e.id = c.event_id WHERE c.event_id = ANY($1::bigint[])
      ORDER BY c.event_id, ${CITATION_ORDER}`,
    [eventIds],
    PLAN_ONCE,
  );
}

/** Citations drawn from the given sources, each source's in event time order. */
export function findCitationsBySourceIds(sql: SqlClient, sourceIds: readonly string[]): Promise<CitationRow[]> {
  return sql.query<CitationRow>(
    `SELECT ${CITATION_COLUMNS} FROM citation c JOIN event e ON e.id = c.event_id
      WHERE c.source_id = ANY($1::bigint[])
      ORDER BY c.source_id, e.start_at, e.id, c.position, c.id`,
    [sourceIds],
  );
}
