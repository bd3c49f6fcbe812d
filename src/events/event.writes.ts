import { insertRow, updateRow } from '../curation/row-writes';
import { type SqlClient } from '../db/sql-client';
import { type ParticipantRole } from './participation.queries';
import { type StoredRelationType } from './relation.queries';

/** An event's recorded fields as its history shows them (the names of the GraphQL API). */
export interface EventSnapshot {
  slug: string;
  kind: string;
  status: string;
  'time.start': Date;
  'time.end': Date | null;
  'time.precision': string;
  'time.timeZone': string;
  'time.asWritten': string | null;
  'time.approximate': boolean;
  place: string | null;
  tags: string[];
  originalLanguage: string;
  titles: Record<string, string>;
  summaries: Record<string, string>;
}

/** The fields of {@link EventSnapshot}, in the order a revision lists its changes. */
export const EVENT_SNAPSHOT_FIELDS: readonly (keyof EventSnapshot)[] = [
  'slug',
  'kind',
  'status',
  'time.start',
  'time.end',
  'time.precision',
  'time.timeZone',
  'time.asWritten',
  'time.approximate',
  'place',
  'tags',
  'originalLanguage',
  'titles',
  'summaries',
];

/** The columns an event write sets, by column name; values already validated. */
export interface EventColumns {
  slug?: string;
  kind?: string;
  status?: string;
  start_at?: Date;
  end_at?: Date | null;
  precision?: string;
  time_zone?: string;
  time_as_written?: string | null;
  time_approximate?: boolean;
  place_id?: string | null;
  tags?: string[];
  original_language?: string;
  titles?: Record<string, string>;
  summaries?: Record<string, string>;
}

/** The event's {@link EventSnapshot}, or null if there is no such event. */
export async function findEventSnapshot(sql: SqlClient, id: string): Promise<EventSnapshot | null> {
  const [row] = await sql.query<EventSnapshot>(
    `SELECT e.slug, e.kind, e.status, e.start_at AS "time.start", e.end_at AS "time.end",
            e.precision AS "time.precision", e.time_zone AS "time.timeZone", e.time_as_written AS "time.asWritten",
            e.time_approximate AS "time.approximate", p.slug AS place, e.tags,
            e.original_language AS "originalLanguage", e.titles, e.summaries
       FROM event e LEFT JOIN place p ON p.id = e.place_id
      WHERE e.id = $1`,
    [id],
  );
  return row ?? null;
}

/** Inserts an event and returns its id (revision 1). */
export async function insertEvent(sql: SqlClient, columns: EventColumns): Promise<string> {
  return insertRow(sql, 'event', columns);
}

/** Sets the given columns of an event (no-op without any). */
export async function updateEventColumns(sql: SqlClient, id: string, columns: EventColumns): Promise<void> {
  await updateRow(sql, 'event', id, columns);
}

/** The id of the place with this slug, or null. */
export async function findPlaceIdBySlug(sql: SqlClient, slug: string): Promise<string | null> {
  const [row] = await sql.query<{ id: string }>(`SELECT id::text FROM place WHERE slug = $1`, [slug]);
  return row?.id ?? null;
}

/**
 * Locks the event and every event related to it, in id order: a write that deletes the event
 * revises the others, and taking them all up front in the order other writes use cannot deadlock.
 */
export async function lockEventWithRelated(sql: SqlClient, id: string): Promise<void> {
  await sql.query(
    `SELECT id FROM event
      WHERE id = $1
         OR id IN (SELECT to_event_id FROM event_relation WHERE from_event_id = $1
                   UNION SELECT from_event_id FROM event_relation WHERE to_event_id = $1)
      ORDER BY id FOR UPDATE`,
    [id],
  );
}

/** Deletes an event; its participations, citations and relations go with it (into history). */
export async function deleteEventRow(sql: SqlClient, id: string): Promise<void> {
  await sql.query(`DELETE FROM event WHERE id = $1`, [id]);
}

/** A participation to write, with ids already resolved. */
export interface ParticipationValues {
  actorId: string;
  role: ParticipantRole;
  note: string | null;
}

/** Adds a participation after the event's others; false if the actor already has that role. */
export async function insertParticipation(
  sql: SqlClient,
  eventId: string,
  { actorId, role, note }: ParticipationValues,
): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO participation (event_id, actor_id, role, note, position)
     SELECT $1, $2, $3, $4, coalesce(max(position) + 1, 0) FROM participation WHERE event_id = $1
     ON CONFLICT (event_id, actor_id, role) DO NOTHING RETURNING 1`,
    [eventId, actorId, role, note],
  );
  return rows.length > 0;
}

/** Removes a participation; returns its note, or undefined if there was none. */
export async function deleteParticipation(
  sql: SqlClient,
  eventId: string,
  actorId: string,
  role: ParticipantRole,
): Promise<{ note: string | null } | undefined> {
  const [row] = await sql.query<{ note: string | null }>(
    `DELETE FROM participation WHERE event_id = $1 AND actor_id = $2 AND role = $3 RETURNING note`,
    [eventId, actorId, role],
  );
  return row;
}

/** A citation to write, with ids already resolved. */
export interface CitationValues {
  sourceId: string;
  attributedToId: string | null;
  speakerId: string | null;
  quote: string | null;
  note: string | null;
}

/** Adds a citation after the event's others and returns its id. */
export async function insertCitation(sql: SqlClient, eventId: string, values: CitationValues): Promise<string> {
  const [row] = await sql.query<{ id: string }>(
    `INSERT INTO citation (event_id, source_id, attributed_to_id, speaker_id, quote, note, position)
     SELECT $1, $2, $3, $4, $5, $6, coalesce(max(position) + 1, 0) FROM citation WHERE event_id = $1
     RETURNING id::text`,
    [eventId, values.sourceId, values.attributedToId, values.speakerId, values.quote, values.note],
  );
  return row!.id;
}

/** A citation as its event's history shows it (global ids are added by the caller). */
export interface CitationRecord extends CitationValues {
  id: string;
  eventId: string;
}

/** The citation with this id, locked for the write, or undefined. */
export async function findCitationForUpdate(sql: SqlClient, id: string): Promise<CitationRecord | undefined> {
  const [row] = await sql.query<CitationRecord>(
    `SELECT id::text, event_id::text AS "eventId", source_id::text AS "sourceId",
            attributed_to_id::text AS "attributedToId", speaker_id::text AS "speakerId", quote, note
       FROM citation WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return row;
}

/** Deletes a citation. */
export async function deleteCitationRow(sql: SqlClient, id: string): Promise<void> {
  await sql.query(`DELETE FROM citation WHERE id = $1`, [id]);
}

/** Stores "from <type> to"; false if it was already stored. */
export async function insertRelation(
  sql: SqlClient,
  fromId: string,
  type: StoredRelationType,
  toId: string,
): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO event_relation (from_event_id, type, to_event_id) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING 1`,
    [fromId, type, toId],
  );
  return rows.length > 0;
}

/** Removes "from <type> to"; false if it was not stored. */
export async function deleteRelation(
  sql: SqlClient,
  fromId: string,
  type: StoredRelationType,
  toId: string,
): Promise<boolean> {
  const rows = await sql.query(
    `DELETE FROM event_relation WHERE from_event_id = $1 AND type = $2 AND to_event_id = $3 RETURNING 1`,
    [fromId, type, toId],
  );
  return rows.length > 0;
}
