import { type Pool } from 'pg';
import { type Lsn, parseLsn } from './lsn';

/** Where a standby stands: what it has replayed, and how old the last transaction it replayed is. */
export interface StandbyPosition {
  readonly inRecovery: boolean;
  readonly replayLsn: Lsn | null;
  /** Milliseconds since the primary committed the last transaction this standby replayed; null if none yet. */
  readonly replayAgeMs: number | null;
}

/** The primary's current WAL write position. */
export async function primaryLsn(pool: Pool): Promise<Lsn | null> {
  const { rows } = await pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
  return parseLsn(rows[0]?.lsn);
}

/** How far `pool`'s server has replayed the primary's WAL. */
export async function standbyPosition(pool: Pool): Promise<StandbyPosition> {
  const { rows } = await pool.query<{ in_recovery: boolean; lsn: string | null; age_ms: number | null }>(
    `SELECT pg_is_in_recovery() AS in_recovery, pg_last_wal_replay_lsn()::text AS lsn,
            (extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::float8 AS age_ms`,
  );
  const row = rows[0]!;
  return { inRecovery: row.in_recovery, replayLsn: parseLsn(row.lsn), replayAgeMs: row.age_ms };
}

/** What `pool`'s standby has replayed so far; null when it cannot say. */
export async function replayLsn(pool: Pool): Promise<Lsn | null> {
  const { rows } = await pool.query<{ lsn: string | null }>('SELECT pg_last_wal_replay_lsn()::text AS lsn');
  return parseLsn(rows[0]?.lsn);
}

/** The WAL position the primary has inserted up to: at or after the end of every commit already acknowledged. */
export async function insertLsn(query: (text: string) => Promise<{ rows: { lsn: string }[] }>): Promise<Lsn | null> {
  const { rows } = await query('SELECT pg_current_wal_insert_lsn()::text AS lsn');
  return parseLsn(rows[0]?.lsn);
}
