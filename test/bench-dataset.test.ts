import { type Pool } from 'pg';
import { datasetFacts, datasetShape, generateDataset } from '../tools/bench/dataset';
import { explainWorkloads } from '../tools/bench/explain';
import { readAsOfInputs, reviseDataset, statusAtRevision, type AsOfInputs } from '../tools/bench/revisions';
import { buildWorkloads, PAGE_SIZE, type Workload } from '../tools/bench/workloads';
import { applyPendingMigrations } from '../src/db/migrate';
import { type TestDatabase, useTestDatabase } from './helpers/database';
import { useGraphQL } from './helpers/graphql';

const EVENTS = 2_000;
const shape = datasetShape(EVENTS);
const facts = datasetFacts(EVENTS);

const first = useTestDatabase({ fromTemplate: false });
const second = useTestDatabase({ fromTemplate: false });

beforeAll(async () => {
  for (const database of [first, second]) {
    await applyPendingMigrations(database.dataSource);
    await generateDataset(database.pool, EVENTS);
  }
}, 120_000);

async function one<Row>(database: TestDatabase, sql: string, params: unknown[] = []): Promise<Row> {
  const { rows } = await database.pool.query(sql, params);
  return rows[0] as Row;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  return (await one<{ count: number }>(first, `SELECT count(*)::int AS count FROM (${sql}) AS matching`, params)).count;
}

/** Every column that the generator decides (not created_at/updated_at), in a fixed row order. */
const CONTENT_CHECKSUMS: Record<string, string> = {
  place: `SELECT md5(string_agg(concat_ws('|', id, slug, names, original_language, time_zone, latitude, longitude),
            E'\\n' ORDER BY id)) AS checksum FROM place`,
  actor: `SELECT md5(string_agg(concat_ws('|', id, slug, kind, names, original_language, aliases, descriptions, same_as),
            E'\\n' ORDER BY id)) AS checksum FROM actor`,
  source: `SELECT md5(string_agg(concat_ws('|', id, slug, kind, title, url, publisher_id, author, language, published_at),
             E'\\n' ORDER BY id)) AS checksum FROM source`,
  event: `SELECT md5(string_agg(concat_ws('|', id, slug, kind, status, start_at, end_at, precision, time_zone,
            time_as_written, time_approximate, covers_until, place_id, tags, original_language, titles, summaries),
            E'\\n' ORDER BY id)) AS checksum FROM event`,
  participation: `SELECT md5(string_agg(concat_ws('|', event_id, actor_id, role, note, position),
                    E'\\n' ORDER BY event_id, position)) AS checksum FROM participation`,
  citation: `SELECT md5(string_agg(concat_ws('|', id, event_id, source_id, attributed_to_id, speaker_id, quote, position),
               E'\\n' ORDER BY id)) AS checksum FROM citation`,
  event_relation: `SELECT md5(string_agg(concat_ws('|', from_event_id, type, to_event_id),
                     E'\\n' ORDER BY from_event_id, type, to_event_id)) AS checksum FROM event_relation`,
};

describe('datasetShape', () => {
  it('scales actors and sources with the events, within their bounds', () => {
    expect(datasetShape(1_000)).toEqual({ events: 1_000, actors: 50, sources: 200, places: 50 });
    expect(datasetShape(100_000)).toEqual({ events: 100_000, actors: 5_000, sources: 20_000, places: 50 });
    expect(datasetShape(1_000_000)).toEqual({ events: 1_000_000, actors: 5_000, sources: 20_000, places: 50 });
    expect(datasetShape(10).actors).toBe(50);
    expect(datasetShape(10).sources).toBe(100);
  });

  it('rejects sizes that are not positive integers', () => {
    expect(() => datasetShape(0)).toThrow(RangeError);
    expect(() => datasetShape(1.5)).toThrow(RangeError);
  });
});

describe('generateDataset', () => {
  it('fills every table to the shape: 3 participants and 2 citations per event', async () => {
    const counts = await one<Record<string, number>>(
      first,
      `SELECT (SELECT count(*)::int FROM event) AS events, (SELECT count(*)::int FROM actor) AS actors,
              (SELECT count(*)::int FROM source) AS sources, (SELECT count(*)::int FROM place) AS places,
              (SELECT count(*)::int FROM participation) AS participations,
              (SELECT count(*)::int FROM citation) AS citations`,
    );
    expect(counts).toEqual({ ...shape, participations: 3 * EVENTS, citations: 2 * EVENTS });
    await expect(
      count(`SELECT event_id FROM participation GROUP BY event_id
              HAVING count(DISTINCT actor_id) <> 3 OR array_agg(position ORDER BY position) <> '{0,1,2}'`),
    ).resolves.toBe(0);
    await expect(
      count(`SELECT event_id FROM citation GROUP BY event_id
              HAVING count(DISTINCT source_id) <> 2 OR array_agg(position ORDER BY position) <> '{0,1}'`),
    ).resolves.toBe(0);
  });

  it('writes identical content into two databases', async () => {
    for (const [table, sql] of Object.entries(CONTENT_CHECKSUMS)) {
      const [a, b] = await Promise.all([first, second].map((database) => one<{ checksum: string }>(database, sql)));
      expect(a?.checksum).toMatch(/^[0-9a-f]{32}$/);
      expect({ table, checksum: a?.checksum }).toEqual({ table, checksum: b?.checksum });
    }
  });

  it('relates events only to earlier events, never to themselves', async () => {
    await expect(count(`SELECT 1 FROM event_relation`)).resolves.toBeGreaterThan(0);
    await expect(
      count(`SELECT 1 FROM event_relation r JOIN event f ON f.id = r.from_event_id JOIN event t ON t.id = r.to_event_id
              WHERE (t.start_at, t.id) >= (f.start_at, f.id)`),
    ).resolves.toBe(0);
  });

  it('continues the identity sequences after the generated ids', async () => {
    const { last } = await one<{ last: string }>(
      first,
      `SELECT pg_sequence_last_value(pg_get_serial_sequence('event', 'id')) AS last`,
    );
    expect(Number(last)).toBe(EVENTS);
  });

  it('refuses a database that already has data', async () => {
    await expect(generateDataset(first.pool, EVENTS)).rejects.toThrow(/empty database/);
  });
});

describe('datasetFacts', () => {
  it('names the actor with the most participations, a few % of all events', async () => {
    const { rows } = await first.pool.query<{ slug: string; events: number }>(
      `SELECT a.slug, count(*)::int AS events FROM participation p JOIN actor a ON a.id = p.actor_id
        GROUP BY a.slug ORDER BY events DESC LIMIT 2`,
    );
    expect(rows[0]?.slug).toBe(facts.busyActorSlug);
    expect(rows[0]!.events).toBeGreaterThan(rows[1]!.events);
    expect(rows[0]!.events).toBeGreaterThan(0.02 * EVENTS);
  });

  it('gives a two-character Chinese personal name that many event titles mention', async () => {
    expect(facts.chineseSearch).toMatch(/^\p{Script=Han}{2}$/u);
    await expect(
      count(`SELECT 1 FROM actor WHERE kind = 'PERSON' AND names ->> 'zh-Hans' = $1`, [facts.chineseSearch]),
    ).resolves.toBeGreaterThan(0);
    await expect(
      count(`SELECT 1 FROM event WHERE titles ->> 'zh-Hans' LIKE '%' || $1 || '%'`, [facts.chineseSearch]),
    ).resolves.toBeGreaterThan(0.02 * EVENTS);
  });

  it('gives an English word found in a moderate share of event titles', async () => {
    const titled = await count(`SELECT 1 FROM event WHERE titles ->> 'en' ~* ('\\m' || $1 || '\\M')`, [
      facts.englishSearch,
    ]);
    expect(titled).toBeGreaterThan(0.01 * EVENTS);
    expect(titled).toBeLessThan(0.3 * EVENTS);
  });

  it('gives a year fully inside the data', async () => {
    const yearStart = `${facts.bucketYear}-01-01T00:00:00Z`;
    const yearEnd = `${facts.bucketYear + 1}-01-01T00:00:00Z`;
    await expect(count(`SELECT 1 FROM event WHERE start_at < $1`, [yearStart])).resolves.toBeGreaterThan(0);
    await expect(count(`SELECT 1 FROM event WHERE covers_until > $1`, [yearEnd])).resolves.toBeGreaterThan(0);
    await expect(
      count(`SELECT 1 FROM event WHERE start_at >= $1 AND start_at < $2`, [yearStart, yearEnd]),
    ).resolves.toBeGreaterThan(0);
  });

  it('gives a month-long range holding events of the filter kinds and status', async () => {
    const { from, to } = facts.filterRange;
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(28);
    expect(days).toBeLessThanOrEqual(31);
    await expect(
      count(
        `SELECT 1 FROM event WHERE start_at < $2 AND covers_until > $1 AND kind::text = ANY ($3) AND status::text = $4`,
        [from, to, facts.filterKinds, facts.filterStatus],
      ),
    ).resolves.toBeGreaterThan(0);
  });
});

describe('reviseDataset and the as-of workloads', () => {
  const REVISED_EVENTS = 1_000;
  const REVISIONS = 5;
  const revised = useTestDatabase({ fromTemplate: false });
  const execute = useGraphQL(revised);
  let instants: Date[];
  let inputs: AsOfInputs;
  let workloads: Map<string, Workload>;

  beforeAll(async () => {
    await applyPendingMigrations(revised.dataSource);
    await generateDataset(revised.pool, REVISED_EVENTS);
    instants = await reviseDataset(revised.pool, REVISIONS);
    inputs = (await readAsOfInputs(revised.pool, PAGE_SIZE))!;
    const all = buildWorkloads({ facts: datasetFacts(REVISED_EVENTS), deepCursor: '', eventIds: [], asOf: inputs });
    workloads = new Map(all.filter((workload) => workload.id.startsWith('A')).map((w) => [w.id, w]));
  }, 120_000);

  async function answer(id: string): Promise<Record<string, unknown>> {
    const { data, errors } = await execute(workloads.get(id)!.request.query, workloads.get(id)!.request.variables);
    expect(errors).toBeUndefined();
    return data as Record<string, unknown>;
  }

  it('brings every event to the last revision in rounds, keeping every version, the current one included', async () => {
    const counts = await one<Record<string, number>>(
      revised,
      `SELECT (SELECT count(*)::int FROM event WHERE revision = $1) AS current,
              (SELECT count(*)::int FROM event_history) AS history,
              (SELECT count(DISTINCT valid_until)::int FROM event_history) AS "validUntils",
              (SELECT count(*)::int FROM event_history WHERE valid_until = 'infinity') AS "currentVersions",
              (SELECT count(*)::int FROM event_history h JOIN event e USING (id)
                WHERE h.valid_until = 'infinity' AND h.revision = e.revision AND h.status = e.status
                  AND h.tags = e.tags) AS "matchingCurrent",
              (SELECT count(*)::int FROM (SELECT id FROM event_history GROUP BY id
                HAVING array_agg(revision ORDER BY valid_from) <> (SELECT array_agg(r) FROM generate_series(1, $1) AS r)
              ) AS gaps) AS "eventsWithGaps",
              (SELECT count(*)::int FROM event WHERE NOT tags @> ARRAY['revision-' || $1]) AS unmarked`,
      [REVISIONS],
    );
    expect(counts).toEqual({
      current: REVISED_EVENTS,
      history: REVISIONS * REVISED_EVENTS,
      validUntils: REVISIONS, // one per round, and 'infinity'
      currentVersions: REVISED_EVENTS,
      matchingCurrent: REVISED_EVENTS,
      eventsWithGaps: 0,
      unmarked: 0,
    });
  });

  it('moves the commonest status to the one statusAtRevision names', async () => {
    const { rows } = await revised.pool.query<{ status: string }>(
      'SELECT status::text FROM event GROUP BY status ORDER BY count(*) DESC LIMIT 1',
    );
    expect(rows[0]?.status).toBe(statusAtRevision(datasetFacts(REVISED_EVENTS).filterStatus, REVISIONS));
    expect(statusAtRevision('OCCURRED', 1)).toBe('OCCURRED');
  });

  it('records an instant before the first round and after each one, at which every event has one version', async () => {
    expect(instants).toHaveLength(REVISIONS);
    expect(inputs.instants).toEqual(instants.map((instant) => instant.toISOString()));
    const { rows } = await revised.pool.query<{ validUntil: Date }>(
      `SELECT DISTINCT valid_until AS "validUntil" FROM event_history WHERE valid_until < 'infinity' ORDER BY 1`,
    );
    expect(rows).toHaveLength(REVISIONS - 1);
    rows.forEach(({ validUntil }, round) => {
      expect(instants[round]!.getTime()).toBeLessThan(validUntil.getTime());
      expect(instants[round + 1]!.getTime()).toBeGreaterThanOrEqual(validUntil.getTime());
    });
    const valid = await one<{ versions: number; wrong: number }>(
      revised,
      `SELECT count(*)::int AS versions, count(*) FILTER (WHERE h.revision <> i.round + 1)::int AS wrong
         FROM bench_revision_instant i
         JOIN event_history h ON h.valid_from <= i.recorded_at AND h.valid_until > i.recorded_at`,
    );
    expect(valid).toEqual({ versions: REVISIONS * REVISED_EVENTS, wrong: 0 });
  });

  it('changes the status in every round, and leaves the current one different from the first and the middle', () => {
    expect(inputs.firstPageStatuses.size).toBe(PAGE_SIZE);
    for (const statuses of inputs.firstPageStatuses.values()) {
      expect(statuses).toHaveLength(REVISIONS);
      statuses.slice(1).forEach((status, index) => expect(status).not.toBe(statuses[index]));
      expect(statuses[REVISIONS - 1]).not.toBe(statuses[0]);
      expect(statuses[REVISIONS - 1]).not.toBe(statuses[2]);
    }
  });

  it('gives A1–A4 whose answers pass their checks, and as-of answers that differ from the current one', async () => {
    expect([...workloads.keys()]).toEqual(['A1', 'A2', 'A3', 'A4']);
    const answers = new Map<string, Record<string, unknown>>();
    for (const [id, workload] of workloads) {
      answers.set(id, await answer(id));
      expect({ id, problem: workload.check(answers.get(id)!) }).toEqual({ id, problem: null });
    }
    expect(workloads.get('A2')!.check(answers.get('A1')!)).toMatch(/status/);
    expect(workloads.get('A3')!.check(answers.get('A1')!)).toMatch(/status/);
    expect(workloads.get('A1')!.check(answers.get('A3')!)).toMatch(/status/);
  });

  it('explains the as-of statements in their as-of transaction, reading event_history and never event', async () => {
    const plans = await explainWorkloads(revised.pool, [...workloads.values()]);
    for (const statement of plans.get('A1')!) {
      expect(statement).toMatchObject({ setup: null, readsEvent: true, readsEventHistory: false });
    }
    const [asOf] = plans.get('A2')!;
    expect(asOf!.setup).toContain(`SET LOCAL annals.as_of TO '${inputs.instants[2]}'`);
    expect(asOf!.setup).toContain('search_path TO as_of');
    expect(asOf!.plan).toMatch(/Index Scan using event_history_\d+_idx on event_history/);
    for (const id of ['A2', 'A3', 'A4']) {
      const statements = plans.get(id)!;
      expect({ id, history: statements.some((statement) => statement.readsEventHistory) }).toEqual({
        id,
        history: true,
      });
      for (const statement of statements)
        expect({ id, readsEvent: statement.readsEvent }).toEqual({ id, readsEvent: false });
    }
  });

  it('refuses a dataset whose history disagrees with the recorded instants', async () => {
    const client = await revised.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `UPDATE bench_revision_instant SET recorded_at = recorded_at - interval '1 day' WHERE round = 1`,
      );
      await expect(readAsOfInputs(client as unknown as Pool, PAGE_SIZE)).rejects.toThrow(/disagrees/);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
