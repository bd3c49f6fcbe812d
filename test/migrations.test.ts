import { type PoolClient } from 'pg';
import { type DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { CommitOrderedHistory1795860000000 } from '../migrations/1795860000000-commit-ordered-history';
import { createDataSource, poolOf } from '../src/db/data-source';
import { migrateDownOne, migrateUp } from '../src/db/migrate';
import { createTestDatabase, dropTestDatabase, useTestDatabase } from './helpers/database';

const ANNALS_TABLES = [
  'actor',
  'actor_history',
  'actor_merge',
  'api_token',
  'citation',
  'citation_history',
  'data_version',
  'event',
  'event_history',
  'event_relation',
  'event_relation_history',
  'participation',
  'participation_history',
  'persisted_query',
  'place',
  'rate_limit',
  'recording_clock',
  'recording_pending',
  'revision',
  'source',
  'source_history',
];
const ANNALS_ENUMS = [
  'actor_kind',
  'event_kind',
  'event_status',
  'participant_role',
  'relation_type',
  'revision_subject',
  'source_kind',
  'time_precision',
  'token_role',
];
const ANNALS_DOMAINS = ['language_tag', 'slug', 'time_zone_name'];
const ANNALS_FUNCTIONS = [
  'actor_keep_versions',
  'actor_labels',
  'as_of_instant',
  'begin_bulk_recording',
  'bump_data_version',
  'ceil_to_millisecond',
  'citation_keep_versions',
  'copy_event_start_at',
  'event_keep_time',
  'event_keep_versions',
  'event_relation_keep_versions',
  'is_aligned_to_precision',
  'is_localized_text',
  'is_time_zone',
  'joined_text',
  'label_grams',
  'localized_text_values',
  'note_pending_recording',
  'note_pending_revision',
  'participation_keep_versions',
  'precision_unit_end',
  'recording_instant',
  'search_term_grams',
  'settle_as_of',
  'source_keep_versions',
  'spread_event_start_at',
  'stamp_pending_recording',
  'take_recording_instant',
  'text_grams',
  'text_mentions',
  'touch_updated_at',
];

/** What the public schema holds, by kind of object, each list sorted. */
interface SchemaContents {
  tables: string[];
  enums: string[];
  domains: string[];
  functions: string[];
  sequences: string[];
}

async function schemaContents(dataSource: DataSource): Promise<SchemaContents> {
  const names = async (sql: string) => ((await dataSource.query(sql)) as { name: string }[]).map((row) => row.name);
  return {
    tables: await names(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    ),
    enums: await names(
      `SELECT t.typname AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' AND t.typtype = 'e' ORDER BY 1`,
    ),
    domains: await names(
      `SELECT t.typname AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' AND t.typtype = 'd' ORDER BY 1`,
    ),
    functions: await names(
      `SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' ORDER BY 1`,
    ),
    sequences: await names(
      `SELECT sequence_name AS name FROM information_schema.sequences WHERE sequence_schema = 'public' ORDER BY 1`,
    ),
  };
}

/**
 * Everything a migration defines, as sorted text lines: columns (type, nullability, default),
 * functions (whitespace-normalised source), views, triggers, indexes and constraints of the public
 * and as_of schemas, TypeORM's own bookkeeping left out. Column order is left out too: a column
 * dropped and added again moves to the end.
 */
async function schemaDetails(dataSource: DataSource): Promise<string[]> {
  const rows = (await dataSource.query(`
    SELECT 'column ' || table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' '
           || is_nullable || ' ' || coalesce(column_default, '') AS line
      FROM information_schema.columns WHERE table_schema IN ('public', 'as_of')
    UNION ALL
    SELECT 'function ' || regexp_replace(pg_get_functiondef(p.oid), '\\s+', ' ', 'g')
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
    UNION ALL
    SELECT 'view ' || schemaname || '.' || viewname || ' ' || regexp_replace(definition, '\\s+', ' ', 'g')
      FROM pg_views WHERE schemaname IN ('public', 'as_of')
    UNION ALL
    SELECT 'trigger ' || pg_get_triggerdef(t.oid)
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND NOT t.tgisinternal
    UNION ALL
    SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname IN ('public', 'as_of')
    UNION ALL
    SELECT 'constraint ' || c.conrelid::regclass || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'
    ORDER BY 1`)) as { line: string }[];
  return rows.map((row) => row.line).filter((line) => !line.includes('typeorm_migrations'));
}

async function appliedMigrations(dataSource: DataSource): Promise<string[]> {
  const rows = (await dataSource.query(`SELECT name FROM typeorm_migrations ORDER BY id`)) as { name: string }[];
  return rows.map((row) => row.name);
}

/** An empty database (no template) with an initialised data source, dropped after the test. */
async function withEmptyDatabase(work: (dataSources: DataSource[]) => Promise<void>, connections = 1): Promise<void> {
  const url = await createTestDatabase({ fromTemplate: false });
  const dataSources: DataSource[] = [];
  try {
    for (let i = 0; i < connections; i += 1) dataSources.push(await createDataSource(url, 2).initialize());
    await work(dataSources);
  } finally {
    for (const dataSource of dataSources) await dataSource.destroy();
    await dropTestDatabase(url);
  }
}

describe('migrations on an empty database', () => {
  const migrationNames = MIGRATIONS.map((Migration) => new Migration().name);

  it('lists the core schema as the first migration', () => {
    expect(migrationNames[0]).toBe('CoreSchema1795838400000');
    expect(new Set(migrationNames).size).toBe(migrationNames.length);
  });

  it('apply every migration, revert one by one to an empty schema, and apply again', async () => {
    await withEmptyDatabase(async ([dataSource]) => {
      const db = dataSource!;
      expect(await schemaContents(db)).toEqual({ tables: [], enums: [], domains: [], functions: [], sequences: [] });

      const applied = await migrateUp(db);
      expect(applied.map((migration) => migration.name)).toEqual(migrationNames);
      expect(await appliedMigrations(db)).toEqual(migrationNames);
      const migrated = await schemaContents(db);
      expect(migrated.tables).toEqual([...ANNALS_TABLES, 'typeorm_migrations'].sort());
      expect(migrated.enums).toEqual(ANNALS_ENUMS);
      expect(migrated.domains).toEqual(ANNALS_DOMAINS);
      expect(migrated.functions).toEqual(ANNALS_FUNCTIONS);

      expect(await migrateUp(db)).toEqual([]);

      let reverted = 0;
      while (await migrateDownOne(db)) reverted += 1;
      expect(reverted).toBe(MIGRATIONS.length);
      expect(await appliedMigrations(db)).toEqual([]);
      // Only TypeORM's own bookkeeping table (and its id sequence) may remain.
      expect(await schemaContents(db)).toEqual({
        tables: ['typeorm_migrations'],
        enums: [],
        domains: [],
        functions: [],
        sequences: ['typeorm_migrations_id_seq'],
      });
      expect(await migrateDownOne(db)).toBe(false);

      const reapplied = await migrateUp(db);
      expect(reapplied.map((migration) => migration.name)).toEqual(migrationNames);
      expect(await schemaContents(db)).toEqual(migrated);
    });
  });

  it('revert each migration to exactly the schema the migrations before it make', async () => {
    const url = await createTestDatabase({ fromTemplate: false });
    const migratedThrough = async (count: number) => {
      const dataSource = createDataSource(url, 2);
      dataSource.setOptions({ migrations: MIGRATIONS.slice(0, count) });
      await dataSource.initialize();
      try {
        await migrateUp(dataSource);
        return await schemaDetails(dataSource);
      } finally {
        await dataSource.destroy();
      }
    };
    const db = await createDataSource(url, 2).initialize();
    try {
      const after: string[][] = [await schemaDetails(db)];
      for (let count = 1; count <= MIGRATIONS.length; count += 1) after.push(await migratedThrough(count));
      for (let count = MIGRATIONS.length - 1; count >= 0; count -= 1) {
        expect(await migrateDownOne(db)).toBe(true);
        expect({ migration: migrationNames[count], schema: await schemaDetails(db) }).toEqual({
          migration: migrationNames[count],
          schema: after[count],
        });
      }
    } finally {
      await db.destroy();
      await dropTestDatabase(url);
    }
  }, 120_000);

  it('report nothing to revert before any migration ran', async () => {
    await withEmptyDatabase(async ([dataSource]) => {
      expect(await migrateDownOne(dataSource!)).toBe(false);
      expect((await schemaContents(dataSource!)).tables).toEqual([]);
    });
  });

  it('apply once when two instances migrate at the same time', async () => {
    await withEmptyDatabase(async ([first, second]) => {
      const results = await Promise.all([migrateUp(first!), migrateUp(second!)]);
      const counts = results.map((applied) => applied.length).sort();
      expect(counts).toEqual([0, MIGRATIONS.length]);
      expect(await appliedMigrations(first!)).toEqual(migrationNames);
      expect((await schemaContents(second!)).tables).toEqual([...ANNALS_TABLES, 'typeorm_migrations'].sort());
    }, 2);
  });
});

/** A pg error's code, constraint and message, for whole-object assertions. */
function failureOf(error: unknown): { code?: string; constraint?: string; message: string } {
  const { code, constraint, message } = error as { code?: string; constraint?: string; message: string };
  return { code, constraint, message };
}

describe('the SQL constraints of a migrated and seeded database', () => {
  const database = useTestDatabase();
  let client: PoolClient;

  // Each test runs in a transaction that is rolled back, so no test sees another's rows.
  beforeEach(async () => {
    client = await database.pool.connect();
    await client.query('BEGIN');
  });
  afterEach(async () => {
    await client.query('ROLLBACK');
    client.release();
  });

  interface EventOverrides {
    slug?: string;
    start?: string;
    end?: string | null;
    precision?: string;
    timeZone?: string;
    originalLanguage?: string;
    titles?: Record<string, string>;
  }

  interface InsertedEvent {
    id: string;
    startAt: Date;
    endAt: Date | null;
    coversUntil: Date;
  }

  /** Inserts an event that satisfies every constraint unless an override breaks one. */
  async function insertEvent(overrides: EventOverrides = {}): Promise<InsertedEvent> {
    const event = {
      slug: 'constraint-test-event',
      start: '2023-03-20T00:00:00+03:00',
      end: null,
      precision: 'DAY',
      timeZone: 'Europe/Moscow',
      originalLanguage: 'en',
      titles: { en: 'A test event' },
      ...overrides,
    };
    const { rows } = await client.query<InsertedEvent>(
      `INSERT INTO event (slug, kind, status, start_at, end_at, precision, time_zone, original_language, titles)
       VALUES ($1, 'MEETING', 'OCCURRED', $2, $3, $4, $5, $6, $7)
       RETURNING id, start_at AS "startAt", end_at AS "endAt", covers_until AS "coversUntil"`,
      [event.slug, event.start, event.end, event.precision, event.timeZone, event.originalLanguage, event.titles],
    );
    return rows[0]!;
  }

  async function rejectionOf(work: Promise<unknown>): Promise<ReturnType<typeof failureOf>> {
    try {
      await work;
    } catch (error) {
      await client.query('ROLLBACK; BEGIN');
      return failureOf(error);
    }
    throw new Error('the statement succeeded');
  }

  async function count(sql: string, params: unknown[]): Promise<number> {
    const { rows } = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${sql}`, params);
    return rows[0]!.count;
  }

  it('accept a valid event', async () => {
    const event = await insertEvent();
    expect(event.startAt.toISOString()).toBe('2023-03-19T21:00:00.000Z');
  });

  it('reject an event that ends before it starts', async () => {
    expect(
      await rejectionOf(insertEvent({ start: '2023-03-21T00:00:00+03:00', end: '2023-03-20T00:00:00+03:00' })),
    ).toEqual({
      code: '23514',
      constraint: 'event_end_not_before_start',
      message: 'new row for relation "event" violates check constraint "event_end_not_before_start"',
    });
  });

  it('reject a DAY event that starts at 10:00 local time', async () => {
    expect(await rejectionOf(insertEvent({ start: '2023-03-20T10:00:00+03:00' }))).toEqual({
      code: '23514',
      constraint: 'event_time_matches_precision',
      message: 'event constraint-test-event has a time that is not a whole DAY in Europe/Moscow',
    });
  });

  it('reject a DAY event that starts at midnight in another zone than its own', async () => {
    expect(await rejectionOf(insertEvent({ start: '2023-03-20T00:00:00Z' }))).toMatchObject({
      constraint: 'event_time_matches_precision',
    });
  });

  it('reject an end that is not aligned to the precision either', async () => {
    expect(
      await rejectionOf(
        insertEvent({ precision: 'MONTH', start: '2023-03-01T00:00:00+03:00', end: '2023-04-02T00:00:00+03:00' }),
      ),
    ).toMatchObject({ code: '23514', constraint: 'event_time_matches_precision' });
  });

  it.each([
    ['with capitals', 'Has-Capitals'],
    ['ending in a hyphen', 'trailing-hyphen-'],
    ['with a double hyphen', 'double--hyphen'],
    ['of 121 characters', 'x'.repeat(121)],
  ])('reject a slug %s', async (_label, slug) => {
    expect(await rejectionOf(insertEvent({ slug }))).toEqual({
      code: '23514',
      constraint: 'slug_check',
      message: 'value for domain slug violates check constraint "slug_check"',
    });
  });

  it.each([['Mars/Olympus_Mons'], ['europe moscow'], ['']])('reject the time zone %j', async (timeZone) => {
    expect(await rejectionOf(insertEvent({ timeZone }))).toEqual({
      code: '23514',
      constraint: 'time_zone_name_check',
      message: 'value for domain time_zone_name violates check constraint "time_zone_name_check"',
    });
  });

  it('reject a language tag that is not BCP 47', async () => {
    expect(await rejectionOf(insertEvent({ originalLanguage: 'english language', titles: { en: 'x' } }))).toMatchObject(
      {
        code: '23514',
        constraint: 'language_tag_check',
      },
    );
  });

  it('reject a relation from an event to itself', async () => {
    const event = await insertEvent();
    expect(
      await rejectionOf(
        client.query(`INSERT INTO event_relation (from_event_id, type, to_event_id) VALUES ($1, 'FOLLOWS', $1)`, [
          event.id,
        ]),
      ),
    ).toEqual({
      code: '23514',
      constraint: 'event_relation_not_to_itself',
      message: 'new row for relation "event_relation" violates check constraint "event_relation_not_to_itself"',
    });
  });

  it('reject a citation that claims a time without its precision, or an end before its start', async () => {
    const cite = async (start: string | null, end: string | null, precision: string | null) => {
      const event = await insertEvent();
      return client.query(
        `INSERT INTO citation (event_id, source_id, claimed_start, claimed_end, claimed_precision)
         VALUES ($1, (SELECT min(id) FROM source), $2, $3, $4)`,
        [event.id, start, end, precision],
      );
    };
    expect(await rejectionOf(cite('2023-02-22T00:00:00Z', null, null))).toMatchObject({
      code: '23514',
      constraint: 'citation_claimed_time_complete',
    });
    expect(await rejectionOf(cite('2023-02-22T00:00:00Z', '2023-02-21T00:00:00Z', 'DAY'))).toMatchObject({
      code: '23514',
      constraint: 'citation_claimed_end_not_before_start',
    });
    const event2 = await insertEvent({ slug: 'constraint-test-event-2' });
    await client.query(
      `INSERT INTO citation (event_id, source_id, claimed_start, claimed_precision) VALUES ($1, (SELECT min(id) FROM source), $2, 'DAY')`,
      [event2.id, '2023-02-22T00:00:00Z'],
    );
  });

  it('reject a second event with a slug already taken', async () => {
    expect(await rejectionOf(insertEvent({ slug: 'icc-arrest-warrant-putin' }))).toEqual({
      code: '23505',
      constraint: 'event_slug_key',
      message: 'duplicate key value violates unique constraint "event_slug_key"',
    });
  });

  it('reject titles that lack the original language', async () => {
    expect(await rejectionOf(insertEvent({ originalLanguage: 'ru', titles: { en: 'Only in English' } }))).toEqual({
      code: '23514',
      constraint: 'event_titles_include_original_language',
      message: 'new row for relation "event" violates check constraint "event_titles_include_original_language"',
    });
  });

  it('reject a blank title', async () => {
    expect(await rejectionOf(insertEvent({ titles: { en: '   ' } }))).toMatchObject({
      code: '23514',
      constraint: 'event_titles_check',
    });
  });

  it.each([['ftp://example.com/report'], ['example.com/report'], ['https://example.com/with space']])(
    'reject the source url %j',
    async (url) => {
      expect(
        await rejectionOf(
          client.query(`INSERT INTO source (slug, kind, title, url, language) VALUES ('s', 'REPORT', 'T', $1, 'en')`, [
            url,
          ]),
        ),
      ).toEqual({
        code: '23514',
        constraint: 'source_url_check',
        message: 'new row for relation "source" violates check constraint "source_url_check"',
      });
    },
  );

  it('accept http and https source urls', async () => {
    const { rowCount } = await client.query(
      `INSERT INTO source (slug, kind, title, url, language)
       VALUES ('plain-http', 'REPORT', 'T', 'http://example.com/a', 'en'), ('tls', 'REPORT', 'T', 'https://example.com/b', 'en')`,
    );
    expect(rowCount).toBe(2);
  });

  it('delete the participations, citations and relations of a deleted event', async () => {
    const { rows } = await client.query<{ id: string }>(
      `SELECT e.id FROM event e WHERE e.slug = 'xi-putin-formal-talks'`,
    );
    const id = rows[0]!.id;
    const details = async () => ({
      participations: await count(`participation WHERE event_id = $1`, [id]),
      citations: await count(`citation WHERE event_id = $1`, [id]),
      relations: await count(`event_relation WHERE from_event_id = $1 OR to_event_id = $1`, [id]),
    });
    const before = await details();
    expect(before.participations).toBeGreaterThan(0);
    expect(before.citations).toBeGreaterThan(0);
    expect(before.relations).toBeGreaterThan(0);

    await client.query(`DELETE FROM event WHERE id = $1`, [id]);
    expect(await details()).toEqual({ participations: 0, citations: 0, relations: 0 });
  });

  it('keep the citations of a deleted actor, without their speaker', async () => {
    const { rows } = await client.query<{ speakerId: string; citations: number }>(
      `SELECT speaker_id AS "speakerId", count(*)::int AS citations FROM citation
        WHERE speaker_id IS NOT NULL GROUP BY speaker_id ORDER BY 2 DESC, 1 LIMIT 1`,
    );
    const { speakerId, citations } = rows[0]!;
    const { rows: citationIds } = await client.query<{ id: string }>(`SELECT id FROM citation WHERE speaker_id = $1`, [
      speakerId,
    ]);
    const totalBefore = await count('citation', []);

    await client.query(`DELETE FROM actor WHERE id = $1`, [speakerId]);
    expect(await count('citation', [])).toBe(totalBefore);
    expect(
      await count(`citation WHERE id = ANY($1::bigint[]) AND speaker_id IS NULL`, [citationIds.map((row) => row.id)]),
    ).toBe(citations);
    expect(await count(`participation WHERE actor_id = $1`, [speakerId])).toBe(0);
  });

  it('keep the events of a deleted place, without their place', async () => {
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM place WHERE slug = 'moscow-kremlin'`);
    const placeId = rows[0]!.id;
    const events = await count(`event WHERE place_id = $1`, [placeId]);
    expect(events).toBeGreaterThan(0);
    const totalBefore = await count('event', []);

    await client.query(`DELETE FROM place WHERE id = $1`, [placeId]);
    expect(await count('event', [])).toBe(totalBefore);
    expect(await count(`event WHERE place_id = $1`, [placeId])).toBe(0);
  });

  async function dataVersion(): Promise<number> {
    const { rows } = await client.query<{ version: string }>('SELECT version FROM data_version');
    return Number(rows[0]!.version);
  }

  it.each([
    ['place', 'UPDATE place SET latitude = latitude'],
    ['actor', 'UPDATE actor SET aliases = aliases'],
    ['source', 'UPDATE source SET author = author'],
    ['event', 'UPDATE event SET tags = tags'],
    ['participation', 'UPDATE participation SET note = note'],
    ['citation', 'UPDATE citation SET note = note'],
    ['event_relation', 'DELETE FROM event_relation'],
  ])('bump the data version exactly once for a statement on %s, however many rows it touches', async (_table, sql) => {
    const before = await dataVersion();
    const { rowCount } = await client.query(sql);
    expect(rowCount).toBeGreaterThan(1);
    expect((await dataVersion()) - before).toBe(1);
  });

  it('bump the data version once for a multi-row insert, once for a truncate, and not for a rolled-back write', async () => {
    const before = await dataVersion();
    await client.query(
      `INSERT INTO source (slug, kind, title, language) VALUES ('bump-a', 'REPORT', 'A', 'en'), ('bump-b', 'REPORT', 'B', 'en')`,
    );
    expect((await dataVersion()) - before).toBe(1);
    await client.query('TRUNCATE event_relation');
    expect((await dataVersion()) - before).toBe(2);
    await client.query('SAVEPOINT write');
    await client.query(`UPDATE event SET tags = tags`);
    await client.query('ROLLBACK TO SAVEPOINT write');
    expect((await dataVersion()) - before).toBe(2);
  });

  it('keep a single data_version row', async () => {
    expect(
      await rejectionOf(client.query('INSERT INTO data_version (id, version, changed_at) VALUES (false, 1, now())')),
    ).toMatchObject({
      code: '23514',
      constraint: 'data_version_id_check',
    });
    expect(
      await rejectionOf(client.query('INSERT INTO data_version (version, changed_at) VALUES (1, now())')),
    ).toMatchObject({
      code: '23505',
      constraint: 'data_version_pkey',
    });
  });

  it('compute covers_until of a DAY event in Europe/Moscow as the next local midnight', async () => {
    const event = await insertEvent({
      start: '2023-03-20T00:00:00+03:00',
      precision: 'DAY',
      timeZone: 'Europe/Moscow',
    });
    expect(event.coversUntil.toISOString()).toBe('2023-03-20T21:00:00.000Z');
  });

  it('compute covers_until of a DAY span as the local midnight after its last day', async () => {
    const event = await insertEvent({ start: '2023-03-20T00:00:00+03:00', end: '2023-03-22T00:00:00+03:00' });
    expect(event.coversUntil.toISOString()).toBe('2023-03-22T21:00:00.000Z');
  });

  it('compute covers_until of a YEAR event as the start of the next year', async () => {
    const event = await insertEvent({
      start: '2024-01-01T00:00:00+03:00',
      precision: 'YEAR',
      timeZone: 'Europe/Moscow',
    });
    expect(event.coversUntil.toISOString()).toBe('2024-12-31T21:00:00.000Z');
  });

  it('compute covers_until of a DAY across a daylight-saving change as 23 hours later', async () => {
    const event = await insertEvent({ start: '2023-03-26T00:00:00+01:00', timeZone: 'Europe/Berlin' });
    expect(event.coversUntil.toISOString()).toBe('2023-03-26T22:00:00.000Z');
  });

  it('recompute covers_until when the time of an event changes', async () => {
    const event = await insertEvent();
    const { rows } = await client.query<{ coversUntil: Date }>(
      `UPDATE event SET precision = 'MONTH', start_at = '2023-03-01T00:00:00+03:00' WHERE id = $1
       RETURNING covers_until AS "coversUntil"`,
      [event.id],
    );
    expect(rows[0]!.coversUntil.toISOString()).toBe('2023-03-31T21:00:00.000Z');
  });

  it("keep each participation's and citation's copy of its event's start, whatever the writer sends", async () => {
    const event = await insertEvent();
    await client.query(
      `INSERT INTO participation (event_id, actor_id, role, event_start_at)
       VALUES ($1, (SELECT min(id) FROM actor), 'HOST', '1999-01-01Z')`,
      [event.id],
    );
    await client.query(`INSERT INTO citation (event_id, source_id) VALUES ($1, (SELECT min(id) FROM source))`, [
      event.id,
    ]);
    const copies = async () => {
      const { rows } = await client.query<{ startAt: Date }>(
        `SELECT event_start_at AS "startAt" FROM participation WHERE event_id = $1
         UNION ALL SELECT event_start_at FROM citation WHERE event_id = $1`,
        [event.id],
      );
      return rows.map((row) => row.startAt.toISOString());
    };
    expect(await copies()).toEqual([event.startAt.toISOString(), event.startAt.toISOString()]);
    await client.query(`UPDATE event SET start_at = '2023-03-10T00:00:00+03:00' WHERE id = $1`, [event.id]);
    expect(await copies()).toEqual(['2023-03-09T21:00:00.000Z', '2023-03-09T21:00:00.000Z']);
  });

  it('reject a participation or citation of a missing event as a foreign key violation', async () => {
    for (const statement of [
      `INSERT INTO participation (event_id, actor_id, role) VALUES (987654321, (SELECT min(id) FROM actor), 'HOST')`,
      `INSERT INTO citation (event_id, source_id) VALUES (987654321, (SELECT min(id) FROM source))`,
    ]) {
      expect(await rejectionOf(client.query(statement))).toMatchObject({ code: '23503' });
    }
  });
});

describe('migration CommitOrderedHistory on a database with history', () => {
  it('keeps what as-of reads show before and after it, both ways, and records later writes after every earlier one', async () => {
    const url = await createTestDatabase();
    const db = await createDataSource(url, 2).initialize();
    const readStatus = async (instant: Date) => {
      const client = await poolOf(db).connect();
      try {
        await client.query('BEGIN READ ONLY; SET LOCAL search_path TO as_of, public');
        await client.query(`SELECT set_config('annals.as_of', $1, true)`, [instant.toISOString()]);
        const { rows } = await client.query<{ status: string }>(
          `SELECT status FROM event WHERE slug = 'xi-putin-formal-talks'`,
        );
        return rows[0]?.status;
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    };
    const instantOf = async (sql: string) => ((await db.query(sql)) as { instant: Date }[])[0]!.instant;
    /** Reverts the migrations after CommitOrderedHistory, then it. */
    const revertCommitOrderedHistory = async () => {
      const later = MIGRATIONS.length - 1 - MIGRATIONS.indexOf(CommitOrderedHistory1795860000000);
      for (let i = 0; i <= later; i++) expect(await migrateDownOne(db)).toBe(true);
    };
    try {
      await revertCommitOrderedHistory();
      const beforeWrite = await instantOf(`SELECT date_trunc('milliseconds', clock_timestamp()) AS instant`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await db.query(
        `UPDATE event SET status = 'OCCURRED', revision = revision + 1 WHERE slug = 'xi-putin-formal-talks'`,
      );
      const written = await instantOf(`SELECT valid_from AS instant FROM event WHERE slug = 'xi-putin-formal-talks'`);
      expect([await readStatus(beforeWrite), await readStatus(written)]).toEqual(['PLANNED', 'OCCURRED']);

      await migrateUp(db);
      expect([await readStatus(beforeWrite), await readStatus(written)]).toEqual(['PLANNED', 'OCCURRED']);
      expect((await instantOf(`SELECT last_instant AS instant FROM recording_clock`)).getTime()).toBeGreaterThanOrEqual(
        written.getTime(),
      );
      await db.query(
        `UPDATE event SET status = 'CANCELLED', revision = revision + 1 WHERE slug = 'xi-putin-formal-talks'`,
      );
      const cancelled = await instantOf(
        `SELECT valid_from AS instant FROM event_history WHERE slug = 'xi-putin-formal-talks' AND valid_until = 'infinity'`,
      );
      expect(cancelled.getTime()).toBeGreaterThan(written.getTime());
      expect([await readStatus(written), await readStatus(cancelled)]).toEqual(['OCCURRED', 'CANCELLED']);

      await revertCommitOrderedHistory();
      expect(await instantOf(`SELECT valid_from AS instant FROM event WHERE slug = 'xi-putin-formal-talks'`)).toEqual(
        cancelled,
      );
      expect([await readStatus(beforeWrite), await readStatus(written), await readStatus(cancelled)]).toEqual([
        'PLANNED',
        'OCCURRED',
        'CANCELLED',
      ]);
    } finally {
      await db.destroy();
      await dropTestDatabase(url);
    }
  });
});
