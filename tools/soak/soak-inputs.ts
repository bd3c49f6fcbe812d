import { type Pool } from 'pg';
import { datasetFacts } from '../bench/dataset';
import { readAsOfInputs } from '../bench/revisions';
import { toGlobalId } from '../../src/shared/global-id';
import { encodeEventCursor } from '../../src/timeline/event-cursor';
import { type SoakInputs } from './soak-requests';

/** How many start cursors the timeline is cut into. */
const START_CURSORS = 50;

/** Reads the soak's inputs from the bench dataset of `events` events. */
export async function readSoakInputs(pool: Pool, events: number): Promise<SoakInputs> {
  const { rows } = await pool.query<{ startAt: Date; id: string }>(
    `SELECT start_at AS "startAt", id FROM (
       SELECT start_at, id, row_number() OVER (ORDER BY start_at, id) AS position FROM event
     ) AS ordered WHERE position % $1 = 1 ORDER BY start_at, id`,
    [Math.max(1, Math.floor(events / START_CURSORS))],
  );
  const asOf = await readAsOfInputs(pool, 1);
  if (!rows.length || !asOf) throw new Error('the bench dataset has no events or no revisions to read as of');
  const facts = datasetFacts(events);
  return {
    startCursors: rows.map(encodeEventCursor),
    searches: [facts.chineseSearch, facts.englishSearch, facts.busyActorSlug.split('-')[0]!, '100%'],
    asOfInstants: asOf.instants,
    fallbackId: toGlobalId('Event', rows[0]!.id),
  };
}
