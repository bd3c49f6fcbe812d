import { PLAN_ONCE, type SqlClient } from '../db/sql-client';

/** Stored (forward) relation types. */
export type StoredRelationType = 'PART_OF' | 'FOLLOWS' | 'CAUSED_BY' | 'RESPONDS_TO';
/** Every relation type a reader sees: the stored ones and their derived inverses. */
export type RelationType = StoredRelationType | 'HAS_PART' | 'FOLLOWED_BY' | 'CAUSES' | 'HAS_RESPONSE';

/** The inverse of each relation type: A PART_OF B ⇔ B HAS_PART A. */
export const INVERSE_RELATION: Readonly<Record<RelationType, RelationType>> = {
  PART_OF: 'HAS_PART',
  HAS_PART: 'PART_OF',
  FOLLOWS: 'FOLLOWED_BY',
  FOLLOWED_BY: 'FOLLOWS',
  CAUSED_BY: 'CAUSES',
  CAUSES: 'CAUSED_BY',
  RESPONDS_TO: 'HAS_RESPONSE',
  HAS_RESPONSE: 'RESPONDS_TO',
};

/** A relation seen from `eventId`: "eventId <type> otherEventId". */
export interface RelationRow {
  eventId: string;
  type: RelationType;
  otherEventId: string;
}

/**
 * Relations of the given events in both directions: stored rows read forwards, and the same rows
 * read backwards as their inverse type. Ordered by event, then the other event's time.
 */
export async function findRelationsByEventIds(sql: SqlClient, eventIds: readonly string[]): Promise<RelationRow[]> {
  const rows = await sql.query<{ eventId: string; type: StoredRelationType; otherEventId: string; inverse: boolean }>(
    `SELECT related."eventId", related.type, related."otherEventId", related.inverse
       FROM (SELECT r.from_event_id AS "eventId", r.type, r.to_event_id AS "otherEventId", false AS inverse
               FROM event_relation r WHERE r.from_event_id = ANY($1::bigint[])
             UNION ALL
             SELECT r.to_event_id, r.type, r.from_event_id, true
               FROM event_relation r WHERE r.to_event_id = ANY($1::bigint[])) AS related
       JOIN event other ON other.id = related."otherEventId"
      ORDER BY related."eventId", other.start_at, other.id, related.type`,
    [eventIds],
    PLAN_ONCE,
  );
  return rows.map(({ eventId, type, otherEventId, inverse }) => ({
    eventId,
    type: inverse ? INVERSE_RELATION[type] : type,
    otherEventId,
  }));
}
