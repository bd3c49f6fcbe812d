import { type Pool } from 'pg';
import { type Logger } from '../../logger';
import { type SessionLimits } from '../data-source';
import { formatLsn, type Lsn } from './lsn';
import { primaryLsn, replayLsn, standbyPosition } from './replica-health.queries';
import { createReplicaPool } from './replica-pool';

/**
 * Where a replica stands in the rotation: `starting` until its first health check, `in rotation`
 * while it serves reads, `lagging` while it is more than REPLICA_MAX_LAG_MS behind, `unreachable`
 * while it does not answer, `not a standby` when it answers but replays no primary's WAL.
 */
export type ReplicaState = 'starting' | 'in rotation' | 'lagging' | 'unreachable' | 'not a standby';

/** One replica as /readyz and /metrics show it. */
export interface ReplicaStatus {
  /** host:port/database, without credentials. */
  readonly name: string;
  readonly state: ReplicaState;
  /** How far behind the primary it was at the last check, in milliseconds (an upper bound); null if unknown. */
  readonly lagMs: number | null;
  /** The last WAL position it was seen to have replayed, `X/Y`; null if unknown. */
  readonly replayLsn: string | null;
}

/** How a {@link ReplicaSet} is run. */
export interface ReplicaSetOptions {
  readonly maxLagMs: number;
  /** Longest wait for a replica to replay a requested LSN before the primary is used instead. */
  readonly waitMs: number;
  readonly checkIntervalMs: number;
  readonly limits?: SessionLimits;
  readonly poolSize?: number;
  readonly logger: Logger;
}

/** A replica's pool and what the health checks last found. */
export interface Replica {
  readonly name: string;
  readonly pool: Pool;
  state: ReplicaState;
  lagMs: number | null;
  replayLsn: Lsn | null;
}

/** Where one request's reads go: a replica in rotation, or the primary (replica null). */
export interface ReadTarget {
  readonly pool: Pool;
  readonly replica: Replica | null;
}

/** How long the primary's positions are remembered to measure lag by (see {@link ReplicaSet.check}). */
const HISTORY_MS = 10 * 60_000;
/** How often a wait for a requested LSN asks the replica again. */
const LSN_POLL_MS = 5;

function displayName(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/**
 * The read replicas of one primary, kept in or out of rotation by a health check that runs every
 * `checkIntervalMs` in the background: a replica is in rotation while it answers, is a standby and
 * is at most `maxLagMs` behind the primary; a replica a request found unreachable is taken out at
 * once and put back by the next check that finds it healthy. Lag is measured against positions of
 * the primary's WAL seen at earlier checks, so it is an upper bound, at most one interval too high,
 * and does not grow while the primary is idle.
 */
export class ReplicaSet {
  private readonly replicas: Replica[];
  private readonly primaryHistory: { at: number; lsn: Lsn }[] = [];
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly primary: Pool,
    urls: readonly string[],
    private readonly options: ReplicaSetOptions,
  ) {
    this.replicas = urls.map((url) => ({
      name: displayName(url),
      pool: createReplicaPool(url, options.poolSize ?? 10, options.limits, options.logger),
      state: 'starting',
      lagMs: null,
      replayLsn: null,
    }));
  }

  /** Runs the first health check, then keeps checking in the background until {@link stop}. */
  async start(): Promise<void> {
    await this.check();
    const loop = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.checking = this.check().finally(loop);
      }, this.options.checkIntervalMs);
      this.timer.unref();
    };
    loop();
  }

  /** Stops the health checks and closes the replicas' pools. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.checking;
    await Promise.all(this.replicas.map((replica) => replica.pool.end().catch(() => undefined)));
  }

  /** Checks every replica once now; the background checks call it too. */
  async check(): Promise<void> {
    const now = performance.now();
    const current = await primaryLsn(this.primary).catch(() => null);
    if (current !== null) {
      this.primaryHistory.push({ at: now, lsn: current });
      while (this.primaryHistory.length > 1 && this.primaryHistory[0]!.at < now - HISTORY_MS)
        this.primaryHistory.shift();
    }
    await Promise.all(this.replicas.map((replica) => this.checkOne(replica, current, now)));
  }

  private async checkOne(replica: Replica, current: Lsn | null, now: number): Promise<void> {
    let state: ReplicaState;
    try {
      const position = await standbyPosition(replica.pool);
      replica.replayLsn = position.replayLsn;
      if (!position.inRecovery || position.replayLsn === null) {
        state = 'not a standby';
        replica.lagMs = null;
      } else {
        replica.lagMs = this.lagOf(position.replayLsn, position.replayAgeMs, current, now);
        state = replica.lagMs !== null && replica.lagMs <= this.options.maxLagMs ? 'in rotation' : 'lagging';
      }
    } catch (error) {
      state = 'unreachable';
      replica.lagMs = null;
      if (replica.state !== 'unreachable')
        this.options.logger.debug({ err: error, replica: replica.name }, 'replica check failed');
    }
    this.moveTo(replica, state);
  }

  /**
   * 0 when the replica has replayed what the primary had written at this check; else the time since
   * the latest earlier check whose position it has passed, or since the primary committed the last
   * transaction it replayed, whichever is less (both are upper bounds of the true lag).
   */
  private lagOf(replayed: Lsn, replayAgeMs: number | null, current: Lsn | null, now: number): number | null {
    if (current !== null && replayed >= current) return 0;
    let sinceHistory: number | null = null;
    for (let i = this.primaryHistory.length - 1; i >= 0; i -= 1) {
      const seen = this.primaryHistory[i]!;
      if (seen.lsn <= replayed) {
        sinceHistory = now - seen.at;
        break;
      }
    }
    const bounds = [sinceHistory, replayAgeMs].filter((value): value is number => value !== null);
    return bounds.length ? Math.round(Math.max(0, Math.min(...bounds))) : null;
  }

  private moveTo(replica: Replica, state: ReplicaState): void {
    if (replica.state === state) return;
    const fields = { replica: replica.name, from: replica.state, to: state, lagMs: replica.lagMs };
    if (state === 'in rotation') this.options.logger.info(fields, 'replica in rotation');
    else this.options.logger.warn(fields, 'replica out of rotation');
    replica.state = state;
  }

  /** Takes `replica` out of rotation after a request could not reach it; the next healthy check puts it back. */
  reportUnreachable(replica: Replica): void {
    this.moveTo(replica, 'unreachable');
  }

  /**
   * Where a request's reads go: a replica in rotation (in turn) that has replayed `minLsn`, waiting
   * up to `waitMs` for one to get there, else the primary. Never a replica out of rotation.
   */
  async route(minLsn: Lsn | null): Promise<ReadTarget> {
    const inRotation = this.replicas.filter((replica) => replica.state === 'in rotation');
    if (inRotation.length === 0) return { pool: this.primary, replica: null };
    const start = this.next++ % inRotation.length;
    const ordered = [...inRotation.slice(start), ...inRotation.slice(0, start)];
    if (minLsn === null) return { pool: ordered[0]!.pool, replica: ordered[0]! };
    const caughtUp = ordered.find((replica) => replica.replayLsn !== null && replica.replayLsn >= minLsn);
    if (caughtUp) return { pool: caughtUp.pool, replica: caughtUp };
    const deadline = performance.now() + this.options.waitMs;
    for (;;) {
      for (const replica of ordered) {
        if (replica.state !== 'in rotation') continue;
        const replayed = await replayLsn(replica.pool).catch(() => null);
        if (replayed === null) continue;
        if (replica.replayLsn === null || replayed > replica.replayLsn) replica.replayLsn = replayed;
        if (replayed >= minLsn) return { pool: replica.pool, replica };
      }
      if (performance.now() + LSN_POLL_MS > deadline) return { pool: this.primary, replica: null };
      await new Promise((resolve) => setTimeout(resolve, LSN_POLL_MS));
    }
  }

  /** Every replica's state, lag and position, in the order of DATABASE_REPLICA_URLS. */
  statuses(): ReplicaStatus[] {
    return this.replicas.map((replica) => ({
      name: replica.name,
      state: replica.state,
      lagMs: replica.lagMs,
      replayLsn: replica.replayLsn === null ? null : formatLsn(replica.replayLsn),
    }));
  }
}
