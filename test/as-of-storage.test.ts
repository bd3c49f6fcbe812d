import { useTestDatabase } from './helpers/database';
import { useGraphQL } from './helpers/graphql';

const database = useTestDatabase();
const execute = useGraphQL(database);

/** The instant the last committed write was recorded at: later writes are recorded later. */
async function instantNow(): Promise<Date> {
  const { rows } = await database.pool.query<{ instant: Date }>(`SELECT last_instant AS instant FROM recording_clock`);
  return rows[0]!.instant;
}

async function statusesAt(asOf: Date | null) {
  const { data, errors } = await execute(
    `query ($asOf: DateTime) { timeline(first: 100, asOf: $asOf) { totalCount nodes { slug status } } }`,
    { asOf },
  );
  expect(errors).toBeUndefined();
  return new Map(data!.timeline.nodes.map((node: { slug: string; status: string }) => [node.slug, node.status]));
}

describe('as-of reads over the history the database keeps', () => {
  let beforeChange: Date;
  let afterChange: Date;

  beforeAll(async () => {
    beforeChange = await instantNow();
    await database.pool.query(
      `UPDATE event SET status = 'OCCURRED', revision = revision + 1 WHERE slug = 'xi-putin-formal-talks'`,
    );
    await database.pool.query(`DELETE FROM event WHERE slug = 'xi-leaves-moscow'`);
    afterChange = await instantNow();
  });

  it('show an updated event as it was before the update', async () => {
    expect((await statusesAt(beforeChange)).get('xi-putin-formal-talks')).toBe('PLANNED');
    expect((await statusesAt(afterChange)).get('xi-putin-formal-talks')).toBe('OCCURRED');
    expect((await statusesAt(null)).get('xi-putin-formal-talks')).toBe('OCCURRED');
  });

  it('show a deleted event, with its participants, before its deletion and not after', async () => {
    const query = `query ($asOf: DateTime) {
      event(slug: "xi-leaves-moscow", asOf: $asOf) { slug participants { actor { slug } } }
    }`;
    const before = await execute(query, { asOf: beforeChange });
    expect(before.errors).toBeUndefined();
    expect(before.data!.event.participants.map((p: { actor: { slug: string } }) => p.actor.slug)).toContain(
      'xi-jinping',
    );
    expect((await execute(query, { asOf: afterChange })).data!.event).toBeNull();
    expect((await statusesAt(beforeChange)).size).toBe(31);
    expect((await statusesAt(afterChange)).size).toBe(30);
  });

  it('answer each root field at its own instant within one request', async () => {
    const { data, errors } = await execute(
      `query ($before: DateTime, $after: DateTime) {
        then: event(slug: "xi-putin-formal-talks", asOf: $before) { status related { event { slug } } }
        now: event(slug: "xi-putin-formal-talks", asOf: $after) { status }
        current: event(slug: "xi-putin-formal-talks") { status }
      }`,
      { before: beforeChange, after: afterChange },
    );
    expect(errors).toBeUndefined();
    expect([data!.then.status, data!.now.status, data!.current.status]).toEqual(['PLANNED', 'OCCURRED', 'OCCURRED']);
  });

  it('refuse an instant in the future', async () => {
    const { errors } = await execute(`query ($asOf: DateTime) { timeline(asOf: $asOf) { totalCount } }`, {
      asOf: new Date(Date.now() + 60_000),
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'asOf' });
  });
});

describe('the history tables', () => {
  async function versionsOf(slug: string) {
    const { rows } = await database.pool.query<{ status: string; revision: number; current: boolean }>(
      `SELECT status, revision, valid_until = 'infinity' AS current FROM event_history
        WHERE id = (SELECT id FROM event_history WHERE slug = $1 LIMIT 1) ORDER BY valid_from`,
      [slug],
    );
    return rows;
  }

  it('hold every version of a row, the current one included, and close a deleted row’s last', async () => {
    expect(await versionsOf('xi-putin-formal-talks')).toEqual([
      { status: 'PLANNED', revision: 1, current: false },
      { status: 'OCCURRED', revision: 2, current: true },
    ]);
    expect((await versionsOf('xi-leaves-moscow')).map((version) => version.current)).toEqual([false]);
  });

  it('keep no version that was replaced within its own transaction', async () => {
    const client = await database.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE event SET tags = '{first}' WHERE slug = 'kirby-urges-xi-to-press-putin'`);
      await client.query(`UPDATE event SET tags = '{second}' WHERE slug = 'kirby-urges-xi-to-press-putin'`);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const { rows } = await database.pool.query<{ tags: string[] }>(
      `SELECT tags FROM event_history WHERE slug = 'kirby-urges-xi-to-press-putin' ORDER BY valid_from`,
    );
    expect(rows.map((row) => row.tags)).toEqual([expect.not.arrayContaining(['first']), ['second']]);
  });

  it('can serve an as-of page from one ordered index scan of the history, never reading the current table', async () => {
    const client = await database.pool.connect();
    try {
      await client.query(
        `BEGIN READ ONLY; SET LOCAL search_path TO as_of, public; SET LOCAL annals.as_of TO '${new Date().toISOString()}'; SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off`,
      );
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT e.id FROM event e WHERE (e.start_at, e.id) > ('2023-03-01', 0) ORDER BY e.start_at, e.id LIMIT 20`,
      );
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index Scan using event_history_\d+_idx on event_history/);
      expect(plan).not.toMatch(/ on event\b/);
      expect(plan).not.toMatch(/Sort|Seq Scan/);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
