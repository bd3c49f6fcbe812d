import { type Pool } from 'pg';
import { type Lsn } from './lsn';
import { ReadRoute } from './read-route';
import { type ReplicaSet, type ReplicaStatus } from './replica-set';

/** Routes each request's reads: to the replicas when there are any in rotation, else to the primary. */
export class ReadRouter {
  constructor(
    readonly primary: Pool,
    private readonly replicas: ReplicaSet | null = null,
  ) {}

  /** A route for one request whose client has seen writes up to `minLsn` (see ReplicaSet.route). */
  async route(minLsn: Lsn | null): Promise<ReadRoute> {
    if (!this.replicas) return new ReadRoute(this.primary);
    return new ReadRoute(this.primary, await this.replicas.route(minLsn), this.replicas);
  }

  /** Each replica's state, lag and position; empty without replicas. */
  statuses(): ReplicaStatus[] {
    return this.replicas?.statuses() ?? [];
  }

  /** The replicas' state and lag in the Prometheus text format; empty without replicas. */
  renderMetrics(): string {
    const statuses = this.statuses();
    if (statuses.length === 0) return '';
    const label = (status: ReplicaStatus) => `{replica=${JSON.stringify(status.name)}}`;
    return [
      '# HELP annals_replica_in_rotation Whether the replica serves reads (1) or is out of rotation (0).',
      '# TYPE annals_replica_in_rotation gauge',
      ...statuses.map(
        (status) => `annals_replica_in_rotation${label(status)} ${status.state === 'in rotation' ? 1 : 0}`,
      ),
      '# HELP annals_replica_lag_milliseconds How far the replica was behind the primary at the last check (an upper bound; NaN if unknown).',
      '# TYPE annals_replica_lag_milliseconds gauge',
      ...statuses.map((status) => `annals_replica_lag_milliseconds${label(status)} ${status.lagMs ?? 'NaN'}`),
      '',
    ].join('\n');
  }
}
