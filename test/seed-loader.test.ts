import { type DataSource } from 'typeorm';
import { createDataSource } from '../src/db/data-source';
import { migrateUp } from '../src/db/migrate';
import { loadSeed } from '../src/seed/load-seed';
import { isDatabaseEmpty, loadBundledSeed, RFI_SEED } from '../src/seed/rfi-seed';
import { checkSeedReferences, completeLocalTime, type SeedData, type SeedEvent } from '../src/seed/seed-data';
import { createTestDatabase, dropTestDatabase, useTestDatabase } from './helpers/database';

const TABLES = ['place', 'actor', 'source', 'event', 'participation', 'citation', 'event_relation'] as const;
type RowCounts = Record<(typeof TABLES)[number], number>;

async function rowCounts(dataSource: DataSource): Promise<RowCounts> {
  const counts = {} as RowCounts;
  for (const table of TABLES) {
    const [row] = (await dataSource.query(`SELECT count(*)::int AS count FROM ${table}`)) as { count: number }[];
    counts[table] = row!.count;
  }
  return counts;
}

const BUNDLED_ROW_COUNTS: RowCounts = {
  place: 3,
  actor: 26,
  source: 5,
  event: 31,
  participation: 86,
  citation: 51,
  event_relation: 21,
};

/** A seed event that loads cleanly into the bundled data, unless an override breaks it. */
function seedEvent(overrides: Partial<SeedEvent> = {}): SeedEvent {
  return {
    slug: 'seed-loader-test-event',
    kind: 'STATEMENT',
    status: 'OCCURRED',
    time: {
      start: '2023-03-20',
      end: null,
      precision: 'DAY',
      timeZone: 'Europe/Moscow',
      asWritten: null,
      approximate: false,
    },
    place: 'moscow',
    tags: ['seed-loader-test'],
    originalLanguage: 'en',
    titles: { en: 'A statement made for the seed loader test' },
    summaries: {},
    participants: [{ actor: 'vladimir-putin', role: 'SPEAKER', note: null }],
    citations: [
      {
        source: 'rfi-2023-03-21-xi-moscow',
        attributedTo: null,
        speaker: 'vladimir-putin',
        quote: 'A test quote',
        note: null,
      },
    ],
    relations: [],
    ...overrides,
  };
}

/** A seed with a new place and actor, referring to the bundled records too (so it carries them). */
function seedData(events: SeedEvent[]): SeedData {
  return {
    places: [
      ...RFI_SEED.places,
      {
        slug: 'seed-loader-test-place',
        names: { en: 'Test place' },
        originalLanguage: 'en',
        timeZone: 'UTC',
        latitude: null,
        longitude: null,
      },
    ],
    actors: [
      ...RFI_SEED.actors,
      {
        slug: 'seed-loader-test-actor',
        kind: 'ORGANIZATION',
        originalLanguage: 'en',
        names: { en: 'Test organisation' },
        aliases: [],
        description: {},
        sameAs: [],
      },
    ],
    sources: RFI_SEED.sources,
    events,
  };
}

describe('loadBundledSeed on the already seeded database', () => {
  const database = useTestDatabase();

  it('adds nothing and leaves every row count as it was', async () => {
    const before = await rowCounts(database.dataSource);
    expect(before).toEqual(BUNDLED_ROW_COUNTS);
    expect(await loadBundledSeed(database.dataSource)).toEqual({ places: 0, actors: 0, sources: 0, events: 0 });
    expect(await rowCounts(database.dataSource)).toEqual(before);
    expect(await isDatabaseEmpty(database.dataSource)).toBe(false);
  });

  it('keeps a local edit of a seeded record', async () => {
    await database.dataSource.query(`UPDATE actor SET aliases = '{Edited}' WHERE slug = 'xi-jinping'`);
    await loadBundledSeed(database.dataSource);
    expect(await database.dataSource.query(`SELECT aliases FROM actor WHERE slug = 'xi-jinping'`)).toEqual([
      { aliases: ['Edited'] },
    ]);
  });
});

describe('loadSeed', () => {
  const database = useTestDatabase();

  it('rejects a seed with an unknown reference before touching the database', async () => {
    const data = seedData([seedEvent({ participants: [{ actor: 'nobody-at-all', role: 'SPEAKER', note: null }] })]);
    const message = 'Seed data: event seed-loader-test-event participant refers to unknown "nobody-at-all".';
    expect(() => checkSeedReferences(data)).toThrow(new Error(message));
    // A data source that was never initialised cannot run any SQL, so only the reference check can fail here.
    const unconnected = createDataSource(database.url);
    await expect(loadSeed(unconnected, data)).rejects.toThrow(new Error(message));
    const before = await rowCounts(database.dataSource);
    await expect(loadSeed(database.dataSource, data)).rejects.toThrow(new Error(message));
    expect(await rowCounts(database.dataSource)).toEqual(before);
  });

  it.each([
    ['a place', { place: 'atlantis' }, 'event seed-loader-test-event place refers to unknown "atlantis".'],
    [
      'a citation source',
      { citations: [{ source: 'no-such-source', attributedTo: null, speaker: null, quote: null, note: null }] },
      'event seed-loader-test-event citation source refers to unknown "no-such-source".',
    ],
    [
      'a citation speaker',
      {
        citations: [
          { source: 'rfi-2023-03-21-xi-moscow', attributedTo: null, speaker: 'ghost', quote: null, note: null },
        ],
      },
      'event seed-loader-test-event citation speaker refers to unknown "ghost".',
    ],
    [
      'a related event',
      { relations: [{ type: 'FOLLOWS' as const, event: 'never-happened' }] },
      'event seed-loader-test-event relation refers to unknown "never-happened".',
    ],
  ])('names %s that does not exist in the seed', (_what, overrides, where) => {
    expect(() => checkSeedReferences(seedData([seedEvent(overrides)]))).toThrow(new Error(`Seed data: ${where}`));
  });

  it('leaves the database unchanged when its second event is invalid', async () => {
    const before = await rowCounts(database.dataSource);
    const data = seedData([
      seedEvent({ slug: 'seed-loader-valid-event' }),
      seedEvent({
        slug: 'seed-loader-invalid-event',
        time: {
          start: '2023-03-21',
          end: '2023-03-20',
          precision: 'DAY',
          timeZone: 'Europe/Moscow',
          asWritten: null,
          approximate: false,
        },
      }),
    ]);
    await expect(loadSeed(database.dataSource, data)).rejects.toMatchObject({
      message: 'new row for relation "event" violates check constraint "event_end_not_before_start"',
    });
    expect(await rowCounts(database.dataSource)).toEqual(before);
    expect(await database.dataSource.query(`SELECT slug FROM event WHERE slug LIKE 'seed-loader-%'`)).toEqual([]);
    expect(await database.dataSource.query(`SELECT slug FROM actor WHERE slug LIKE 'seed-loader-%'`)).toEqual([]);
  });

  it('rejects an event time not written at its precision, naming the event', async () => {
    const data = seedData([
      seedEvent({
        time: {
          start: '2023-03-20T10',
          end: null,
          precision: 'DAY',
          timeZone: 'UTC',
          asWritten: null,
          approximate: false,
        },
      }),
    ]);
    const before = await rowCounts(database.dataSource);
    await expect(loadSeed(database.dataSource, data)).rejects.toThrow(
      new Error('event seed-loader-test-event start: "2023-03-20T10" is not a local time written at DAY precision.'),
    );
    expect(await rowCounts(database.dataSource)).toEqual(before);
  });

  it('adds only the new records of a seed, with the event placed in its own time zone', async () => {
    const before = await rowCounts(database.dataSource);
    const data = seedData([
      seedEvent({
        relations: [{ type: 'RESPONDS_TO', event: 'icc-arrest-warrant-putin' }],
        time: {
          start: '2023-03-20T14:30',
          end: null,
          precision: 'MINUTE',
          timeZone: 'Europe/Moscow',
          asWritten: '今天',
          approximate: true,
        },
      }),
      ...RFI_SEED.events,
    ]);
    expect(await loadSeed(database.dataSource, data)).toEqual({ places: 1, actors: 1, sources: 0, events: 1 });
    expect(await rowCounts(database.dataSource)).toEqual({
      ...before,
      place: before.place + 1,
      actor: before.actor + 1,
      event: before.event + 1,
      participation: before.participation + 1,
      citation: before.citation + 1,
      event_relation: before.event_relation + 1,
    });
    expect(
      await database.dataSource.query(
        `SELECT e.start_at AS "startAt", e.covers_until AS "coversUntil", e.time_as_written AS "asWritten",
                e.time_approximate AS approximate, p.slug AS place
           FROM event e JOIN place p ON p.id = e.place_id WHERE e.slug = 'seed-loader-test-event'`,
      ),
    ).toEqual([
      {
        startAt: new Date('2023-03-20T11:30:00Z'),
        coversUntil: new Date('2023-03-20T11:31:00Z'),
        asWritten: '今天',
        approximate: true,
        place: 'moscow',
      },
    ]);
  });
});

describe('loadBundledSeed on an empty migrated database', () => {
  let url: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    url = await createTestDatabase({ fromTemplate: false });
    dataSource = await createDataSource(url, 2).initialize();
    await migrateUp(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  it('adds every place, actor, source and event with their participations, citations and relations', async () => {
    expect(await isDatabaseEmpty(dataSource)).toBe(true);
    expect(await loadBundledSeed(dataSource)).toEqual({ places: 3, actors: 26, sources: 5, events: 31 });
    expect(await rowCounts(dataSource)).toEqual(BUNDLED_ROW_COUNTS);
    expect(await isDatabaseEmpty(dataSource)).toBe(false);
  });

  it('places DAY, MONTH and YEAR local times at local midnight of their zone', async () => {
    const rows = await dataSource.query(
      `SELECT slug, start_at AS "startAt", end_at AS "endAt", covers_until AS "coversUntil" FROM event
        WHERE slug = ANY($1) ORDER BY slug`,
      [
        [
          'icc-arrest-warrant-putin',
          'moscow-publicises-xi-visit',
          'russian-presidential-election-2024',
          'xi-state-visit-to-russia-2023',
        ],
      ],
    );
    expect(rows).toEqual([
      // DAY in Europe/Amsterdam (UTC+1 in March before the change).
      {
        slug: 'icc-arrest-warrant-putin',
        startAt: new Date('2023-03-16T23:00:00Z'),
        endAt: null,
        coversUntil: new Date('2023-03-17T23:00:00Z'),
      },
      // MONTH span in Europe/Moscow (UTC+3): December 2022 to the end of March 2023.
      {
        slug: 'moscow-publicises-xi-visit',
        startAt: new Date('2022-11-30T21:00:00Z'),
        endAt: new Date('2023-02-28T21:00:00Z'),
        coversUntil: new Date('2023-03-31T21:00:00Z'),
      },
      {
        slug: 'russian-presidential-election-2024',
        startAt: new Date('2023-12-31T21:00:00Z'),
        endAt: null,
        coversUntil: new Date('2024-12-31T21:00:00Z'),
      },
      {
        slug: 'xi-state-visit-to-russia-2023',
        startAt: new Date('2023-03-19T21:00:00Z'),
        endAt: new Date('2023-03-21T21:00:00Z'),
        coversUntil: new Date('2023-03-22T21:00:00Z'),
      },
    ]);
  });

  it('adds nothing when run a second time', async () => {
    expect(await loadBundledSeed(dataSource)).toEqual({ places: 0, actors: 0, sources: 0, events: 0 });
    expect(await rowCounts(dataSource)).toEqual(BUNDLED_ROW_COUNTS);
  });
});

describe('completeLocalTime', () => {
  it.each([
    ['2024', 'YEAR', '2024-01-01T00:00:00'],
    ['2023-03', 'MONTH', '2023-03-01T00:00:00'],
    ['2023-03-20', 'DAY', '2023-03-20T00:00:00'],
    ['2023-03-20T14', 'HOUR', '2023-03-20T14:00:00'],
    ['2023-03-20T14:30', 'MINUTE', '2023-03-20T14:30:00'],
  ] as const)('completes %s at %s precision to %s', (local, precision, expected) => {
    expect(completeLocalTime(local, precision, 'event x start')).toBe(expected);
  });

  it.each([
    ['2023-03-20', 'MONTH'],
    ['2023-03', 'DAY'],
    ['2023-3-20', 'DAY'],
    ['2023-03-20T14:30:00', 'MINUTE'],
    ['March 2023', 'MONTH'],
  ] as const)('rejects %s written at %s precision, saying where', (local, precision) => {
    expect(() => completeLocalTime(local, precision, 'event x start')).toThrow(
      new Error(`event x start: "${local}" is not a local time written at ${precision} precision.`),
    );
  });
});
