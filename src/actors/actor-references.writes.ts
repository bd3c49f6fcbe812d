import { type SqlClient } from '../db/sql-client';
import { type CitationRecord } from '../events/event.writes';
import { type ParticipantRole } from '../events/participation.queries';

/** An actor's part in an event, and the survivor's part in the same event and role, if any. */
export interface ActorParticipation {
  eventId: string;
  role: ParticipantRole;
  note: string | null;
  /** Whether the survivor already takes part in the event in this role. */
  survivorTakesPart: boolean;
  survivorNote: string | null;
}

/**
 * The actor's participations, locked for the write, in event id and position order; each with the
 * survivor's participation in the same event and role when a survivor is given.
 */
export function findActorParticipations(
  sql: SqlClient,
  actorId: string,
  survivorId: string | null = null,
): Promise<ActorParticipation[]> {
  return sql.query<ActorParticipation>(
    `SELECT p.event_id::text AS "eventId", p.role, p.note, s.actor_id IS NOT NULL AS "survivorTakesPart",
            s.note AS "survivorNote"
       FROM participation p
       LEFT JOIN participation s ON s.event_id = p.event_id AND s.role = p.role AND s.actor_id = $2
      WHERE p.actor_id = $1
      ORDER BY p.event_id, p.position
        FOR UPDATE OF p`,
    [actorId, survivorId],
  );
}

/** The citations that quote the actor or attribute to it, locked for the write, in event and id order. */
export function findCitationsNamingActor(sql: SqlClient, actorId: string): Promise<CitationRecord[]> {
  return sql.query<CitationRecord>(
    `SELECT id::text, event_id::text AS "eventId", source_id::text AS "sourceId",
            attributed_to_id::text AS "attributedToId", speaker_id::text AS "speakerId", quote, note
       FROM citation WHERE speaker_id = $1 OR attributed_to_id = $1
      ORDER BY event_id, id
        FOR UPDATE`,
    [actorId],
  );
}

/** The ids of the sources the actor published, locked for the write, in id order. */
export async function findSourcesPublishedBy(sql: SqlClient, actorId: string): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `SELECT id::text FROM source WHERE publisher_id = $1 ORDER BY id FOR UPDATE`,
    [actorId],
  );
  return rows.map((row) => row.id);
}

/**
 * Locks the events that name the actors (as participants, speakers or attributions), in id order,
 * then the sources they published: what deleting or merging them revises, taken before the
 * actors themselves, in the order writes that add participants or citations take them.
 */
export async function lockObjectsNamingActors(sql: SqlClient, actorIds: readonly string[]): Promise<void> {
  await sql.query(
    `SELECT id FROM event
      WHERE id IN (SELECT event_id FROM participation WHERE actor_id = ANY($1::bigint[])
                   UNION SELECT event_id FROM citation
                          WHERE speaker_id = ANY($1::bigint[]) OR attributed_to_id = ANY($1::bigint[]))
      ORDER BY id FOR UPDATE`,
    [actorIds],
  );
  await sql.query(`SELECT id FROM source WHERE publisher_id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`, [actorIds]);
}

/** The objects an actor appears in: its participations, the citations naming it, the sources it published. */
export interface ActorReferences {
  participations: readonly ActorParticipation[];
  citations: readonly CitationRecord[];
  sourceIds: readonly string[];
}

/** Everything that names the actor, locked for the write (see the functions above). */
export async function findActorReferences(
  sql: SqlClient,
  actorId: string,
  survivorId: string | null = null,
): Promise<ActorReferences> {
  return {
    participations: await findActorParticipations(sql, actorId, survivorId),
    citations: await findCitationsNamingActor(sql, actorId),
    sourceIds: await findSourcesPublishedBy(sql, actorId),
  };
}

/**
 * Gives the merged actor's participations to the survivor. Where the survivor already has the
 * event and role, the survivor's row stays (taking the merged note if it had none) and the
 * merged one goes.
 */
export async function moveParticipations(sql: SqlClient, mergedId: string, survivorId: string): Promise<void> {
  await sql.query(
    `WITH dropped AS (
       DELETE FROM participation p USING participation s
        WHERE p.actor_id = $1 AND s.actor_id = $2 AND s.event_id = p.event_id AND s.role = p.role
       RETURNING p.event_id, p.role, p.note)
     UPDATE participation s SET note = dropped.note FROM dropped
      WHERE s.actor_id = $2 AND s.event_id = dropped.event_id AND s.role = dropped.role
        AND s.note IS NULL AND dropped.note IS NOT NULL`,
    [mergedId, survivorId],
  );
  await sql.query(`UPDATE participation SET actor_id = $2 WHERE actor_id = $1`, [mergedId, survivorId]);
}

/** Makes the survivor the speaker and attribution of citations that had the merged actor. */
export async function moveCitationActors(sql: SqlClient, mergedId: string, survivorId: string): Promise<void> {
  await sql.query(
    `UPDATE citation
        SET speaker_id = CASE WHEN speaker_id = $1 THEN $2 ELSE speaker_id END,
            attributed_to_id = CASE WHEN attributed_to_id = $1 THEN $2 ELSE attributed_to_id END
      WHERE speaker_id = $1 OR attributed_to_id = $1`,
    [mergedId, survivorId],
  );
}

/** Makes the survivor the publisher of the sources the merged actor published. */
export async function movePublishers(sql: SqlClient, mergedId: string, survivorId: string): Promise<void> {
  await sql.query(`UPDATE source SET publisher_id = $2 WHERE publisher_id = $1`, [mergedId, survivorId]);
}

/**
 * Records that the merged actor (and every actor merged into it before) now leads to the
 * survivor, keeping its slug reserved.
 */
export async function recordActorMerge(
  sql: SqlClient,
  mergedId: string,
  mergedSlug: string,
  survivorId: string,
): Promise<void> {
  await sql.query(`UPDATE actor_merge SET survivor_id = $2 WHERE survivor_id = $1`, [mergedId, survivorId]);
  await sql.query(`INSERT INTO actor_merge (merged_id, merged_slug, survivor_id) VALUES ($1, $2, $3)`, [
    mergedId,
    mergedSlug,
    survivorId,
  ]);
}
