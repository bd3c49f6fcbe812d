import { type ActorRow } from '../actors/actor.row';
import { selectList, type RowFields } from '../db/row-fields';
import { PLAN_ONCE, type SqlClient } from '../db/sql-client';

export type ParticipantRole = 'HOST' | 'GUEST' | 'PARTICIPANT' | 'SPEAKER' | 'ISSUER' | 'TARGET' | 'MENTIONED';

/** An actor's part in an event. */
export interface ParticipationRow {
  eventId: string;
  actorId: string;
  role: ParticipantRole;
  note: string | null;
  /** The actor, when it was read in the same statement (event-plan.ts). */
  plannedActor?: ActorRow;
}

/** How a {@link ParticipationRow} is read from `participation p`. */
export const PARTICIPATION_FIELDS: RowFields = {
  eventId: 'p.event_id::text',
  actorId: 'p.actor_id::text',
  role: 'p.role',
  note: 'p.note',
};

/** The order of one event's participations: the order its data gives them. */
export const PARTICIPATION_ORDER = 'p.position, p.role, p.actor_id';

/** Participations of the given events, each event's in the order its data gives them. */
export function findParticipationsByEventIds(sql: SqlClient, eventIds: readonly string[]): Promise<ParticipationRow[]> {
  return sql.query<ParticipationRow>(
    `SELECT ${selectList(PARTICIPATION_FIELDS)}
       FROM participation p
      WHERE p.event_id = ANY($1::bigint[])
      ORDER BY p.event_id, ${PARTICIPATION_ORDER}`,
    [eventIds],
    PLAN_ONCE,
  );
}
