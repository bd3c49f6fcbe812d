import { type Pool, type QueryResult } from 'pg';
import { isDatabaseUnreachable } from '../database-faults';
import { laterLsn, type Lsn } from './lsn';
import { type ReadTarget, type ReplicaSet } from './replica-set';

/** SQLSTATE of a statement a standby cancelled for a conflict with recovery (and of serialization failures). */
const SERIALIZATION_FAILURE = '40001';

/** Whether a read that failed on a replica is worth running again on the primary. */
function isReplicaFault(error: unknown): boolean {
  return isDatabaseUnreachable(error) || (error as { code?: unknown } | null)?.code === SERIALIZATION_FAILURE;
}

/**
 * Where one request's statements go. Reads go to the target chosen for the request (a replica, or
 * the primary); once the request has written, every later read goes to the primary, so it reads its
 * own writes. A read the replica could not answer (gone away, or cancelled for a conflict with
 * recovery) takes the replica out of rotation and runs again on the primary, as do the request's
 * later reads. Writes always take the primary.
 */
export class ReadRoute {
  private target: ReadTarget;
  private written: Lsn | null = null;

  constructor(
    readonly primary: Pool,
    target: ReadTarget = { pool: primary, replica: null },
    private readonly replicas: ReplicaSet | null = null,
  ) {
    this.target = target;
  }

  /** Where reads go now. */
  get pool(): Pool {
    return this.target.pool;
  }

  /** Whether reads go to a replica now (a hot standby: read-only, no advisory lock that means anything). */
  get onReplica(): boolean {
    return this.target.replica !== null;
  }

  /** The latest commit position of the request's writes; null when it wrote nothing. */
  get writtenLsn(): Lsn | null {
    return this.written;
  }

  /** Notes a committed write (at `lsn` when known): every later read of the request goes to the primary. */
  noteWrite(lsn: Lsn | null): void {
    this.written = laterLsn(this.written, lsn);
    this.toPrimary();
  }

  /** Sends the request's later reads to the primary. */
  toPrimary(): void {
    this.target = { pool: this.primary, replica: null };
  }

  /** Runs `work` against the read target; on a replica fault, reports it and runs it again on the primary. */
  async read<T>(work: (pool: Pool) => Promise<T>): Promise<T> {
    const { pool, replica } = this.target;
    try {
      return await work(pool);
    } catch (error) {
      if (replica === null || !isReplicaFault(error)) throw error;
      if (isDatabaseUnreachable(error)) this.replicas?.reportUnreachable(replica);
      this.toPrimary();
      return work(this.primary);
    }
  }

  /** One statement on the read target (see {@link read}). */
  query(text: string, params: unknown[]): Promise<QueryResult> {
    return this.read((pool) => pool.query(text, params));
  }
}
