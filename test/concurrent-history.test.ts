import { type Pool } from 'pg';
import { type DataSource } from 'typeorm';
import { createDataSource, poolOf } from '../src/db/data-source';
import { parseGlobalId } from '../src/shared/global-id';
import { type TestDatabase, useTestDatabase } from './helpers/database';
import { errorCodes, useGraphQLAsJson } from './helpers/graphql';
import { useTokens } from './helpers/tokens';

const database = useTestDatabase();
/** The test file's database through a pool wide enough for every concurrent writer and reader at once. */
const wide = {} as { url: string; dataSource: DataSource; pool: Pool };
const execute = useGraphQLAsJson(wide as TestDatabase);
const tokens = useTokens(database);

beforeAll(async () => {
  wide.url = database.url;
  wide.dataSource = await createDataSource(database.url, 40).initialize();
  wide.pool = poolOf(wide.dataSource);
});
afterAll(async () => {
  await wide.dataSource?.destroy();
});

type Subject = 'event' | 'actor';

/** A write as its client saw it: when it was sent, when its answer came, and the revision it made. */
interface ObservedWrite {
  subject: string;
  sentAt: number;
  answeredAt: number;
  revision: number;
}

/** A revision as the history lists it. */
interface RecordedRevision {
  revision: number;
  recordedAt: string;
}

async function globalIdOf(type: Subject, slug: string): Promise<string> {
  const { data } = await execute(`query ($slug: String) { ${type}(slug: $slug) { id } }`, { slug });
  return data![type].id;
}

interface HistoryPage {
  node: { history: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: RecordedRevision[] } };
}

/** The subject's whole history, oldest revision first. */
async function historyOf(type: Subject, id: string): Promise<RecordedRevision[]> {
  const revisions: RecordedRevision[] = [];
  let after: string | null = null;
  for (;;) {
    const { data, errors } = await execute<HistoryPage>(
      `query ($id: ID!, $after: String) { node(id: $id) { ... on ${type === 'event' ? 'Event' : 'Actor'} {
        history(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { revision recordedAt } } } } }`,
      { id, after },
    );
    expect(errors).toBeUndefined();
    const page: HistoryPage['node']['history'] = data!.node.history;
    revisions.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return revisions.sort((a, b) => a.revision - b.revision);
}

/** The revision and the marker (a tag, or an alias) the subject showed as of `asOf`; null if it did not exist. */
async function readAsOf(type: Subject, id: string, asOf: string | null) {
  const fields = type === 'event' ? 'revision tags' : 'revision aliases';
  const { data, errors } = await execute(
    `query ($id: ID!, $asOf: DateTime) { node(id: $id, asOf: $asOf) { ... on ${type === 'event' ? 'Event' : 'Actor'} { ${fields} } } }`,
    { id, asOf },
  );
  expect(errors).toBeUndefined();
  const node = data!.node as { revision: number; tags?: string[]; aliases?: string[] } | null;
  return node && { revision: node.revision, marker: (node.tags ?? node.aliases ?? []).join(',') };
}

/** Sets the subject's marker (its tags, or its aliases) without expectedRevision; returns what the client saw. */
async function writeMarker(type: Subject, id: string, marker: string, expectedRevision?: number) {
  const mutation =
    type === 'event'
      ? `mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { revision } } }`
      : `mutation ($input: UpdateActorInput!) { updateActor(input: $input) { actor { revision } } }`;
  const input = { id, expectedRevision, ...(type === 'event' ? { tags: [marker] } : { aliases: [marker] }) };
  const sentAt = Date.now();
  const result = await execute(mutation, { input }, tokens.editor);
  const answeredAt = Date.now();
  return { result, sentAt, answeredAt };
}

/**
 * Checks a subject's history against what its writers saw: revisions 1..n with nothing missing,
 * recordedAt strictly increasing with the revision number, every version kept in the history
 * table, and each revision read back exactly at its recordedAt (one millisecond earlier, the one
 * before it). Returns the revisions with their instants.
 */
async function expectExactHistory(type: Subject, globalId: string, markers: Map<number, string>, revisions: number) {
  const history = await historyOf(type, globalId);
  expect(history.map((entry) => entry.revision)).toEqual(Array.from({ length: revisions }, (_, index) => index + 1));
  const instants = history.map((entry) => Date.parse(entry.recordedAt));
  const recordedBeforePrevious = history
    .filter((_, index) => index > 0 && instants[index]! <= instants[index - 1]!)
    .map((entry) => entry.revision);

  const { rows } = await wide.pool.query<{ revision: number; from: Date; until: Date | null }>(
    `SELECT revision, valid_from AS from, nullif(valid_until, 'infinity') AS until
       FROM ${type}_history WHERE id = $1 ORDER BY valid_from`,
    [fromGlobal(globalId)],
  );
  const versionsNotAsRecorded = rows
    .filter((row, index) => {
      const from = index > 0 ? instants[row.revision - 1] : row.from.getTime();
      const until = index + 1 < rows.length ? instants[row.revision] : undefined;
      return row.from.getTime() !== from || (row.until?.getTime() ?? undefined) !== until;
    })
    .map((row) => row.revision);

  const misread: string[] = [];
  for (const entry of history.slice(1)) {
    const at = await readAsOf(type, globalId, entry.recordedAt);
    const justBefore = await readAsOf(type, globalId, new Date(Date.parse(entry.recordedAt) - 1).toISOString());
    if (at?.revision !== entry.revision || at.marker !== markers.get(entry.revision)) {
      misread.push(`revision ${entry.revision} at ${entry.recordedAt} reads as ${JSON.stringify(at)}`);
    }
    if (justBefore?.revision !== entry.revision - 1) {
      misread.push(`revision ${entry.revision} - 1 ms reads as ${JSON.stringify(justBefore)}`);
    }
  }
  expect({
    recordedBeforePrevious,
    versionsKept: rows.map((row) => row.revision),
    versionsNotAsRecorded,
    misread,
  }).toEqual({
    recordedBeforePrevious: [],
    versionsKept: history.map((entry) => entry.revision),
    versionsNotAsRecorded: [],
    misread: [],
  });
  return history;
}

function fromGlobal(globalId: string): string {
  return parseGlobalId(globalId)!.id;
}

/**
 * Reads the subject as of "now" in a loop until `done`, every few milliseconds, and returns each
 * instant with what it read then: these reads must never change afterwards.
 */
async function readNowUntil(type: Subject, id: string, done: Promise<unknown>) {
  const reads: { asOf: string; read: Awaited<ReturnType<typeof readAsOf>> }[] = [];
  let finished = false;
  void done.finally(() => (finished = true));
  while (!finished) {
    const asOf = new Date().toISOString();
    reads.push({ asOf, read: await readAsOf(type, id, asOf) });
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
  return reads;
}

/** Each earlier read, read again now: the reads whose answer has changed since. */
async function changedReads(type: Subject, id: string, reads: Awaited<ReturnType<typeof readNowUntil>>) {
  const changed: string[] = [];
  for (const { asOf, read } of reads) {
    const again = await readAsOf(type, id, asOf);
    if (JSON.stringify(again) !== JSON.stringify(read)) {
      changed.push(`as of ${asOf}: first ${JSON.stringify(read)}, now ${JSON.stringify(again)}`);
    }
  }
  return changed;
}

/** For every pair of writes where one was answered before the other was sent: the first must be recorded earlier. */
function expectCommitOrder(writes: readonly ObservedWrite[], recordedAt: (write: ObservedWrite) => number) {
  const inversions: string[] = [];
  for (const first of writes) {
    for (const second of writes) {
      if (first.answeredAt < second.sentAt && recordedAt(first) >= recordedAt(second)) {
        inversions.push(`${first.subject}#${first.revision} before ${second.subject}#${second.revision}`);
      }
    }
  }
  expect(inversions).toEqual([]);
}

describe('history under concurrent writers', () => {
  it('records 20 writers × 5 updates of one event without expectedRevision in commit order, each read back at its instant', async () => {
    const id = await globalIdOf('event', 'kirby-urges-xi-to-press-putin');
    const startRevision = (await readAsOf('event', id, null))!.revision;
    const markers = new Map<number, string>([[startRevision, (await readAsOf('event', id, null))!.marker]]);
    const writes: ObservedWrite[] = [];
    const writers = Array.from({ length: 20 }, async (_, writer) => {
      for (let round = 0; round < 5; round += 1) {
        const marker = `writer-${writer}-round-${round}`;
        const { result, sentAt, answeredAt } = await writeMarker('event', id, marker);
        expect(result.errors).toBeUndefined();
        const revision = result.data!.updateEvent.event.revision as number;
        markers.set(revision, marker);
        writes.push({ subject: id, sentAt, answeredAt, revision });
      }
    });
    const all = Promise.all(writers);
    const reads = await readNowUntil('event', id, all);
    await all;

    expect(writes).toHaveLength(100);
    const history = await expectExactHistory('event', id, markers, startRevision + 100);
    const instantOf = new Map(history.map((entry) => [entry.revision, Date.parse(entry.recordedAt)]));
    expectCommitOrder(writes, (write) => instantOf.get(write.revision)!);
    expect(reads.length).toBeGreaterThan(5);
    expect(await changedReads('event', id, reads)).toEqual([]);
  }, 120_000);

  it('loses nothing and reorders nothing when 10 writers edit one actor read-modify-write with expectedRevision', async () => {
    const id = await globalIdOf('actor', 'john-kirby');
    const start = (await readAsOf('actor', id, null))!;
    const markers = new Map<number, string>([[start.revision, start.marker]]);
    let conflicts = 0;
    const writers = Array.from({ length: 10 }, async (_, writer) => {
      for (let round = 0; round < 5; round += 1) {
        for (;;) {
          const current = (await readAsOf('actor', id, null))!;
          const marker = `writer-${writer}-round-${round}`;
          const { result } = await writeMarker('actor', id, marker, current.revision);
          if (errorCodes(result)[0] === 'CONFLICT') {
            conflicts += 1;
            continue;
          }
          expect(result.errors).toBeUndefined();
          markers.set(result.data!.updateActor.actor.revision, marker);
          break;
        }
      }
    });
    await Promise.all(writers);
    expect(conflicts).toBeGreaterThan(0);
    await expectExactHistory('actor', id, markers, start.revision + 50);
  }, 120_000);

  it('orders writes to several subjects by commit across subjects, and reads each back at its instant', async () => {
    const subjects: [Subject, string][] = [
      ['event', await globalIdOf('event', 'xi-putin-informal-talks')],
      ['event', await globalIdOf('event', 'icc-arrest-warrant-putin')],
      ['event', await globalIdOf('event', 'xi-putin-formal-talks')],
      ['actor', await globalIdOf('actor', 'antony-blinken')],
      ['actor', await globalIdOf('actor', 'iryna-vereshchuk')],
    ];
    const markers = new Map<string, Map<number, string>>();
    const starts = new Map<string, number>();
    for (const [type, id] of subjects) {
      const start = (await readAsOf(type, id, null))!;
      starts.set(id, start.revision);
      markers.set(id, new Map([[start.revision, start.marker]]));
    }
    const writes: ObservedWrite[] = [];
    const writers = Array.from({ length: 12 }, async (_, writer) => {
      for (let round = 0; round < 5; round += 1) {
        const [type, id] = subjects[(writer + round) % subjects.length]!;
        const marker = `writer-${writer}-round-${round}`;
        const { result, sentAt, answeredAt } = await writeMarker(type, id, marker);
        expect(result.errors).toBeUndefined();
        const revision = (result.data!.updateEvent?.event ?? result.data!.updateActor.actor).revision as number;
        markers.get(id)!.set(revision, marker);
        writes.push({ subject: id, sentAt, answeredAt, revision });
      }
    });
    await Promise.all(writers);

    const instants = new Map<string, number>();
    for (const [type, id] of subjects) {
      const written = writes.filter((write) => write.subject === id).length;
      const history = await expectExactHistory(type, id, markers.get(id)!, starts.get(id)! + written);
      for (const entry of history) instants.set(`${id}#${entry.revision}`, Date.parse(entry.recordedAt));
    }
    expectCommitOrder(writes, (write) => instants.get(`${write.subject}#${write.revision}`)!);
  }, 120_000);
});

describe('a read as of an instant', () => {
  it('does not change once a write that waited on a row lock at that instant commits', async () => {
    const id = await globalIdOf('event', 'xi-leaves-moscow');
    const before = (await readAsOf('event', id, null))!;
    const blocker = await wide.pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM event WHERE id = $1 FOR UPDATE', [fromGlobal(id)]);
      const waiting = writeMarker('event', id, 'waited-for-the-lock');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const asOf = new Date().toISOString();
      expect(await readAsOf('event', id, asOf)).toEqual(before);
      await blocker.query('COMMIT');
      const { result } = await waiting;
      expect(result.errors).toBeUndefined();
      expect(await readAsOf('event', id, asOf)).toEqual(before);
      const [latest] = (await historyOf('event', id)).slice(-1);
      expect(Date.parse(latest!.recordedAt)).toBeGreaterThan(Date.parse(asOf));
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      blocker.release();
    }
  });

  it('waits for a commit under way that may be recorded at or before it, then shows it', async () => {
    const id = await globalIdOf('event', 'xi-state-visit-announced');
    const before = (await readAsOf('event', id, null))!;
    const writer = await wide.pool.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`UPDATE event SET tags = '{committing}', revision = revision + 1 WHERE id = $1`, [
        fromGlobal(id),
      ]);
      const { rows } = await writer.query<{ instant: Date }>('SELECT take_recording_instant() AS instant');
      const asOf = new Date(Math.max(Date.now(), rows[0]!.instant.getTime())).toISOString();
      let answered = false;
      const reading = readAsOf('event', id, asOf).finally(() => (answered = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(answered).toBe(false);
      await writer.query('COMMIT');
      expect(await reading).toEqual({ revision: before.revision + 1, marker: 'committing' });
    } finally {
      await writer.query('ROLLBACK').catch(() => undefined);
      writer.release();
    }
  });

  it('refuses an instant later than the clock and than every recorded instant', async () => {
    const id = await globalIdOf('event', 'xi-leaves-moscow');
    const { errors } = await execute(`query ($id: ID!, $asOf: DateTime) { node(id: $id, asOf: $asOf) { id } }`, {
      id,
      asOf: new Date(Date.now() + 5_000).toISOString(),
    });
    expect(errors?.map((error) => error.extensions)).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'asOf' }),
    ]);
  });
});
