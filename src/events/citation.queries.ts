import { type SqlClient } from '../db/sql-client';
import { type TimePrecision } from './event.row';

/** What a source says about an event, and through whom. */
export interface CitationRow {
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
  eventTimeZone: string;
}

const CITATION_COLUMNS = `c.id, c.event_id AS "eventId", c.source_id AS "sourceId",
  c.attributed_to_id AS "attributedToId", c.speaker_id AS "speakerId", c.quote, c.note,
  c.claimed_start AS "claimedStart", c.claimed_end AS "claimedEnd", c.claimed_precision AS "claimedPrecision",
  e.time_zone AS "eventTimeZone"`;

/** Citations of the given events, each event's in the order its data gives them. */
export function findCitationsByEventIds(sql: SqlClient, eventIds: readonly string[]): Promise<CitationRow[]> {
  return sql.query<CitationRow>(
    `SELECT ${CITATION_COLUMNS} FROM citation c JOIN event e ON e.id = c.event_id WHERE c.event_id = ANY($1::bigint[])
      ORDER BY c.event_id, c.position, c.id`,
    [eventIds],
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
