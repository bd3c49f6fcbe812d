import { type DataSource } from 'typeorm';
import { type SqlClient } from '../db/sql-client';
import { type FieldChange } from '../curation/field-changes';
import { type SeedData } from './seed-data';

/** How many records a run brought up to the seed data. */
export interface SeedUpdateResult {
  actors: number;
  events: number;
}

/** Why the seed changes a record it created; the revision's reason. */
const REASON = 'Seed data corrected (names in the article, statuses as of its date, notes that stand alone).';

/** Records the seed created whose every revision is the seed's: nobody has changed them through the API. */
function uneditedSeedRows<Row>(sql: SqlClient, table: 'actor' | 'event', columns: string, slugs: string[]) {
  const subject = table.toUpperCase();
  return sql.query<Row & { id: string; slug: string }>(
    `SELECT t.id::text, t.slug, ${columns} FROM ${table} t
      WHERE t.slug = ANY($1::text[])
        AND EXISTS (SELECT 1 FROM revision r WHERE r.subject_type = '${subject}' AND r.subject_id = t.id
                       AND r.revision = 1 AND r.action = 'CREATE' AND r.author = 'seed')
        AND NOT EXISTS (SELECT 1 FROM revision r WHERE r.subject_type = '${subject}' AND r.subject_id = t.id
                           AND r.author <> 'seed')`,
    [slugs],
  );
}

async function recordSeedRevision(
  sql: SqlClient,
  subject: 'ACTOR' | 'EVENT',
  id: string,
  changes: FieldChange[],
): Promise<void> {
  const table = subject === 'ACTOR' ? 'actor' : 'event';
  await sql.query(
    `WITH bumped AS (UPDATE ${table} SET revision = revision + 1 WHERE id = $2 RETURNING revision)
     INSERT INTO revision (subject_type, subject_id, revision, action, author, reason, changes)
     SELECT $1, $2, bumped.revision, 'UPDATE', 'seed', $3, $4::jsonb FROM bumped`,
    [subject, id, REASON, JSON.stringify(changes)],
  );
}

function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): string =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? `{${Object.keys(value)
          .sort()
          .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
          .join(',')}}`
      : JSON.stringify(value);
  return canonical(a) === canonical(b);
}

async function updateActors(sql: SqlClient, data: SeedData): Promise<number> {
  const rows = await uneditedSeedRows<{ names: Record<string, string> }>(
    sql,
    'actor',
    't.names',
    data.actors.map((actor) => actor.slug),
  );
  let updated = 0;
  for (const row of rows) {
    const seeded = data.actors.find((actor) => actor.slug === row.slug)!;
    if (sameJson(row.names, seeded.names)) continue;
    await sql.query('UPDATE actor SET names = $2 WHERE id = $1', [row.id, seeded.names]);
    await recordSeedRevision(sql, 'ACTOR', row.id, [{ field: 'names', before: row.names, after: seeded.names }]);
    updated += 1;
  }
  return updated;
}

async function updateEvents(sql: SqlClient, data: SeedData): Promise<number> {
  const rows = await uneditedSeedRows<{ status: string }>(
    sql,
    'event',
    't.status::text',
    data.events.map((event) => event.slug),
  );
  let updated = 0;
  for (const row of rows) {
    const seeded = data.events.find((event) => event.slug === row.slug)!;
    const changes: FieldChange[] = [];
    if (row.status !== seeded.status) {
      await sql.query('UPDATE event SET status = $2 WHERE id = $1', [row.id, seeded.status]);
      changes.push({ field: 'status', before: row.status, after: seeded.status });
    }
    const citations = await sql.query<{ id: string; position: number; note: string | null; source: string }>(
      `SELECT c.id::text, c.position, c.note, s.slug AS source FROM citation c JOIN source s ON s.id = c.source_id
        WHERE c.event_id = $1 ORDER BY c.position, c.id`,
      [row.id],
    );
    for (const citation of citations) {
      const seededCitation = seeded.citations[citation.position];
      if (!seededCitation || seededCitation.source !== citation.source || seededCitation.note === citation.note)
        continue;
      await sql.query('UPDATE citation SET note = $2 WHERE id = $1', [citation.id, seededCitation.note]);
      changes.push({
        field: `citations[${citation.position}].note`,
        before: citation.note,
        after: seededCitation.note,
      });
    }
    if (!changes.length) continue;
    await recordSeedRevision(sql, 'EVENT', row.id, changes);
    updated += 1;
  }
  return updated;
}

/**
 * Brings the records an earlier version of the seed created, and that nobody has changed since
 * (created by "seed", and every revision since is the seed's too), up to `data`: actors' names, events' statuses and
 * their citations' notes (matched by position and source). Each record changed gets one UPDATE
 * revision by "seed" giving the fields before and after, so the history and `asOf` show the old
 * values. Edited records are left as they are, like everything else the seed does not define.
 * One transaction; running it again changes nothing.
 */
export function updateUneditedSeedRecords(dataSource: DataSource, data: SeedData): Promise<SeedUpdateResult> {
  return dataSource.transaction(async (manager) => {
    const sql: SqlClient = { query: (text, params) => manager.query(text, params as unknown[]) };
    return { actors: await updateActors(sql, data), events: await updateEvents(sql, data) };
  });
}
