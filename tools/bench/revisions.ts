import { type Pool, type PoolClient } from 'pg';
import { toGlobalId } from '../../src/shared/global-id';

/**
 * Edit history for the bench dataset, so that as-of reads have something to read: after the base
 * data is generated, every event is revised in rounds of one UPDATE each, in a transaction of its
 * own, until it reaches the requested revision. Each round changes what a timeline page shows
 * (the status) and the tags (a `revision-<n>` marker). The history triggers (migration Curation)
 * keep every version in `event_history`, the current one included: the generated one from the
 * insert, and each round closes the version it replaces (valid_until = the round's instant) and
 * adds the new one (valid_until = 'infinity'). Each round is a bulk recording (one instant, taken
 * as it starts; migration CommitOrderedHistory). After each the bench records the last instant
 * given, in the table `bench_revision_instant`: round 0's is the base data's, round k's that of
 * round k, and round k + 1 records later, so the version valid at round k's instant is revision
 * k + 1.
 */
/** The order the status cycles through; each round moves every event to another one. */
export const REVISION_STATUSES = ['PLANNED', 'OCCURRED', 'POSTPONED', 'CANCELLED'] as const;

/**
 * The status offset of revision `r` (SQL over an integer expression): 0 for the generated
 * revision 1, then 1, 2, 3, 1, 2, 3, … So consecutive revisions always differ, and the current
 * revision differs from the first one and from the one two rounds earlier.
 */
function statusOffsetSql(revision: string): string {
  return `CASE WHEN ${revision} <= 1 THEN 0 ELSE (${revision} - 2) % 3 + 1 END`;
}

/** The status an event generated with `status` has at `revision` (what {@link REVISE_EVENTS_SQL} gives). */
export function statusAtRevision(status: string, revision: number): string {
  const offset = revision <= 1 ? 0 : ((revision - 2) % 3) + 1;
  const base = REVISION_STATUSES.indexOf(status as (typeof REVISION_STATUSES)[number]);
  if (base < 0) throw new RangeError(`unknown event status ${status}`);
  return REVISION_STATUSES[(base + offset) % REVISION_STATUSES.length]!;
}

const STATUSES_SQL = `ARRAY[${REVISION_STATUSES.map((status) => `'${status}'`).join(', ')}]::event_status[]`;

/** One round: revision + 1, the status the next offset gives, the revision marker among the tags. */
const REVISE_EVENTS_SQL = `
  UPDATE event
     SET revision = revision + 1,
         status = (${STATUSES_SQL})[1 + ((array_position(${STATUSES_SQL}, status) - 1
                    - ${statusOffsetSql('revision')} + ${statusOffsetSql('revision + 1')}) % 4 + 4) % 4],
         tags = array_append(array_remove(tags, 'revision-' || revision), 'revision-' || (revision + 1))`;

const CREATE_INSTANTS_SQL = `
  CREATE TABLE bench_revision_instant (
    round integer PRIMARY KEY,
    recorded_at timestamptz NOT NULL
  )`;

/** The instant the last committed write was recorded at; any later write records later. */
async function lastRecordedInstant(client: PoolClient): Promise<Date> {
  const { rows } = await client.query<{ instant: Date }>('SELECT last_instant AS instant FROM recording_clock');
  return rows[0]!.instant;
}

/**
 * Revises every event of the generated dataset until it is at `revisions` (1 leaves the data as
 * generated), one round per transaction, and records the instants between rounds. Returns them,
 * round 0 first.
 */
export async function reviseDataset(
  pool: Pool,
  revisions: number,
  log: (message: string) => void = () => undefined,
): Promise<Date[]> {
  if (!Number.isInteger(revisions) || revisions < 1) {
    throw new RangeError(`revisions must be a positive integer, got ${revisions}`);
  }
  const client = await pool.connect();
  try {
    await client.query(CREATE_INSTANTS_SQL);
    const instants = [await lastRecordedInstant(client)];
    for (let round = 1; round < revisions; round += 1) {
      const started = Date.now();
      await client.query('BEGIN');
      try {
        await client.query('SET LOCAL synchronous_commit = off');
        await client.query('SELECT begin_bulk_recording()');
        const { rowCount } = await client.query(REVISE_EVENTS_SQL);
        await client.query('COMMIT');
        log(`revision round ${round}: ${rowCount} events to revision ${round + 1} in ${Date.now() - started} ms`);
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      instants.push(await lastRecordedInstant(client));
    }
    await client.query(
      `INSERT INTO bench_revision_instant (round, recorded_at)
       SELECT round - 1, recorded_at FROM unnest($1::timestamptz[]) WITH ORDINALITY AS i(recorded_at, round)`,
      [instants],
    );
    return instants;
  } finally {
    client.release();
  }
}

/** What the as-of workloads need: the recorded instants and the answers to expect at each. */
export interface AsOfInputs {
  /** The revision every event is at now. */
  revisions: number;
  /** ISO instants; `instants[k]` is after round k and before round k + 1, so it sees revision k + 1. */
  instants: string[];
  /**
   * The statuses of the first timeline page's events by global id, one per recorded instant: the
   * status of the version valid at `instants[k]` (revision k + 1) at index k.
   */
  firstPageStatuses: Map<string, string[]>;
  /** The slug of the first event of the timeline, for the single-event workload. */
  firstEventSlug: string;
}

/**
 * Reads the instants recorded by {@link reviseDataset} and, from `event_history` itself (not the
 * `as_of` views the server reads), the status of the version of each of the first `pageSize`
 * events of the timeline valid at each instant; null when the dataset has no revisions table.
 * Throws unless the version valid at round k's instant is revision k + 1 and the version valid
 * now is the row in `event`: the history and the instants must agree before anything is timed.
 */
export async function readAsOfInputs(pool: Pool, pageSize: number): Promise<AsOfInputs | null> {
  const { rows: tables } = await pool.query<{ exists: boolean }>(
    `SELECT to_regclass('bench_revision_instant') IS NOT NULL AS exists`,
  );
  if (!tables[0]?.exists) return null;
  const { rows: instants } = await pool.query<{ recordedAt: Date }>(
    'SELECT recorded_at AS "recordedAt" FROM bench_revision_instant ORDER BY round',
  );
  const { rows: page } = await pool.query<{ id: string; slug: string; statuses: string[]; problem: string | null }>(
    `SELECT e.id, e.slug, versions.statuses::text[],
            CASE WHEN versions.revisions IS DISTINCT FROM versions.expected THEN 'revisions ' || versions.revisions::text
                 WHEN latest.revision IS DISTINCT FROM e.revision OR latest.status IS DISTINCT FROM e.status
                   THEN 'current version ' || coalesce(latest.revision::text, 'missing')
            END AS problem
       FROM (SELECT id, slug, start_at, revision, status FROM event ORDER BY start_at, id LIMIT $1) AS e
      CROSS JOIN LATERAL (
        SELECT array_agg(h.status ORDER BY i.round) AS statuses,
               array_agg(h.revision ORDER BY i.round) AS revisions,
               array_agg(i.round + 1 ORDER BY i.round) AS expected
          FROM bench_revision_instant i
          LEFT JOIN event_history h
            ON h.id = e.id AND h.valid_from <= i.recorded_at AND h.valid_until > i.recorded_at
      ) AS versions
      LEFT JOIN event_history latest ON latest.id = e.id AND latest.valid_until = 'infinity'
      ORDER BY e.start_at, e.id`,
    [pageSize],
  );
  const wrong = page.find((row) => row.problem);
  if (wrong) {
    throw new Error(`event ${wrong.id}: event_history disagrees with the revision rounds (${wrong.problem})`);
  }
  return {
    revisions: instants.length,
    instants: instants.map((row) => row.recordedAt.toISOString()),
    firstPageStatuses: new Map(page.map((row) => [toGlobalId('Event', row.id), row.statuses])),
    firstEventSlug: page[0]!.slug,
  };
}
