import { type SqlClient } from '../db/sql-client';

export type ParticipantRole = 'HOST' | 'GUEST' | 'PARTICIPANT' | 'SPEAKER' | 'ISSUER' | 'TARGET' | 'MENTIONED';

/** An actor's part in an event. */
export interface ParticipationRow {
  eventId: string;
  actorId: string;
  role: ParticipantRole;
  note: string | null;
}

/** Participations of the given events, each event's in the order its data gives them. */
export function findParticipationsByEventIds(sql: SqlClient, eventIds: readonly string[]): Promise<ParticipationRow[]> {
  return sql.query<ParticipationRow>(
    `SELECT p.event_id AS "eventId", p.actor_id AS "actorId", p.role, p.note
       FROM participation p
      WHERE p.event_id = ANY($1::bigint[])
      ORDER BY p.event_id, p.position, p.role, p.actor_id`,
    [eventIds],
  );
}
