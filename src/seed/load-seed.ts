import { type DataSource } from 'typeorm';
import { type SqlClient } from '../db/sql-client';
import { checkSeedReferences, completeLocalTime, type SeedData, type SeedEvent } from './seed-data';

/** How many records a seed run added. */
export interface SeedResult {
  places: number;
  actors: number;
  sources: number;
  events: number;
}

async function insertEvent(sql: SqlClient, event: SeedEvent): Promise<string | null> {
  const { time } = event;
  const [row] = await sql.query<{ id: string }>(
    `INSERT INTO event (slug, kind, status, start_at, end_at, precision, time_zone, time_as_written, time_approximate,
                        place_id, tags, original_language, titles, summaries)
     VALUES ($1, $2, $3, $4::timestamp AT TIME ZONE $7, $5::timestamp AT TIME ZONE $7, $6, $7, $8, $9,
             (SELECT id FROM place WHERE slug = $10), $11, $12, $13, $14)
     ON CONFLICT (slug) DO NOTHING RETURNING id`,
    [
      event.slug,
      event.kind,
      event.status,
      completeLocalTime(time.start, time.precision, `event ${event.slug} start`),
      time.end === null ? null : completeLocalTime(time.end, time.precision, `event ${event.slug} end`),
      time.precision,
      time.timeZone,
      time.asWritten,
      time.approximate,
      event.place,
      event.tags,
      event.originalLanguage,
      event.titles,
      event.summaries,
    ],
  );
  return row?.id ?? null;
}

async function insertEventDetails(sql: SqlClient, eventId: string, event: SeedEvent): Promise<void> {
  for (const [position, participant] of event.participants.entries()) {
    await sql.query(
      `INSERT INTO participation (event_id, actor_id, role, note, position)
       VALUES ($1, (SELECT id FROM actor WHERE slug = $2), $3, $4, $5) ON CONFLICT DO NOTHING`,
      [eventId, participant.actor, participant.role, participant.note, position],
    );
  }
  for (const [position, citation] of event.citations.entries()) {
    const claimed = citation.claimedTime;
    const where = `event ${event.slug} citation ${position} claimed time`;
    await sql.query(
      `INSERT INTO citation (event_id, source_id, attributed_to_id, speaker_id, quote, note,
                             claimed_start, claimed_end, claimed_precision, position)
       VALUES ($1, (SELECT id FROM source WHERE slug = $2), (SELECT id FROM actor WHERE slug = $3),
               (SELECT id FROM actor WHERE slug = $4), $5, $6,
               $7::timestamp AT TIME ZONE $10, $8::timestamp AT TIME ZONE $10, $9, $11)`,
      [
        eventId,
        citation.source,
        citation.attributedTo,
        citation.speaker,
        citation.quote,
        citation.note,
        claimed ? completeLocalTime(claimed.start, claimed.precision, where) : null,
        claimed?.end ? completeLocalTime(claimed.end, claimed.precision, where) : null,
        claimed?.precision ?? null,
        event.time.timeZone,
        position,
      ],
    );
  }
}

async function insertRelations(sql: SqlClient, eventSlug: string, relations: SeedEvent['relations']): Promise<void> {
  for (const relation of relations) {
    await sql.query(
      `INSERT INTO event_relation (from_event_id, type, to_event_id)
       SELECT from_event.id, $2, to_event.id FROM event from_event, event to_event
        WHERE from_event.slug = $1 AND to_event.slug = $3
       ON CONFLICT DO NOTHING`,
      [eventSlug, relation.type, relation.event],
    );
  }
}

/**
 * Adds what is missing of `data` in one transaction, keyed by slug: records that already exist
 * are left as they are (so local edits survive); new events get their participants, citations
 * and relations, including relations to events that existed before. Every record added gets its
 * revision 1 (CREATE, by "seed") in the history. Running it again changes nothing.
 */
export async function loadSeed(dataSource: DataSource, data: SeedData): Promise<SeedResult> {
  checkSeedReferences(data);
  return dataSource.transaction(async (manager) => {
    const sql: SqlClient = { query: (text, params) => manager.query(text, params as unknown[]) };
    const result: SeedResult = { places: 0, actors: 0, sources: 0, events: 0 };
    const created = { ACTOR: [] as string[], SOURCE: [] as string[], EVENT: [] as string[] };
    for (const place of data.places) {
      const rows = await sql.query(
        `INSERT INTO place (slug, names, original_language, time_zone, latitude, longitude)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (slug) DO NOTHING RETURNING id`,
        [place.slug, place.names, place.originalLanguage, place.timeZone, place.latitude, place.longitude],
      );
      result.places += rows.length;
    }
    for (const actor of data.actors) {
      const rows = await sql.query<{ id: string }>(
        `INSERT INTO actor (slug, kind, names, original_language, aliases, descriptions, same_as)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (slug) DO NOTHING RETURNING id`,
        [actor.slug, actor.kind, actor.names, actor.originalLanguage, actor.aliases, actor.description, actor.sameAs],
      );
      result.actors += rows.length;
      created.ACTOR.push(...rows.map((row) => row.id));
    }
    for (const source of data.sources) {
      const rows = await sql.query<{ id: string }>(
        `INSERT INTO source (slug, kind, title, url, publisher_id, author, language, published_at)
         VALUES ($1, $2, $3, $4, (SELECT id FROM actor WHERE slug = $5), $6, $7, $8)
         ON CONFLICT (slug) DO NOTHING RETURNING id`,
        [
          source.slug,
          source.kind,
          source.title,
          source.url,
          source.publisher,
          source.author,
          source.language,
          source.publishedAt,
        ],
      );
      result.sources += rows.length;
      created.SOURCE.push(...rows.map((row) => row.id));
    }
    const inserted: SeedEvent[] = [];
    for (const event of data.events) {
      const id = await insertEvent(sql, event);
      if (id === null) continue;
      await insertEventDetails(sql, id, event);
      created.EVENT.push(id);
      inserted.push(event);
    }
    // Relations touching a new event are added; those between existing events are left as edited.
    const insertedSlugs = new Set(inserted.map((event) => event.slug));
    for (const event of data.events) {
      const relations = event.relations.filter(
        (relation) => insertedSlugs.has(event.slug) || insertedSlugs.has(relation.event),
      );
      await insertRelations(sql, event.slug, relations);
    }
    result.events = inserted.length;
    for (const [subject, ids] of Object.entries(created)) {
      await sql.query(
        `INSERT INTO revision (subject_type, subject_id, revision, action, author, reason)
         SELECT $1::revision_subject, id, 1, 'CREATE', 'seed', $3 FROM unnest($2::bigint[]) AS id`,
        [subject, ids, 'Loaded from the seed data.'],
      );
    }
    return result;
  });
}
