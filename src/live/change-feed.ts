import { setTimeout as sleep } from 'node:timers/promises';
import { Client, type ClientConfig, type Pool } from 'pg';
import { CHANGES_CHANNEL } from '../../migrations/1795867200000-change-notifications';
import { CountingSqlClient } from '../db/sql-client';
import { type Logger } from '../logger';
import { LOG_START, type ChangePosition } from './change-cursor';
import { findChangesAfter, findLatestChangePosition } from './change-log.queries';
import { type ChangeRow } from './change.row';

/** Changes read at once; a longer run of them is read and handed on in batches of this size. */
const BATCH_SIZE = 500;

/** The first wait before connecting again, or reading again after a failure; it doubles up to the next. */
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;

/** Where a feed hands its changes: each batch in commit order, one after the other. */
export type ChangeSink = (changes: readonly ChangeRow[]) => Promise<void>;

/**
 * The process's one follower of the revision log. A connection of its own (not the pool's)
 * LISTENs on `annals_changes`; each notification (a commit's instant) makes it read the changes to
 * events after the last one it handed on, in commit order, and hand them to `sink`, a batch at a
 * time and never two at once. Notifications carry no data and several are read as one, so the
 * statements depend on the commits, never on the subscribers. When the listening connection drops,
 * it connects again (waiting 100 ms, doubling up to 5 s) and reads on from where it was: a change
 * committed meanwhile is read then, so none is lost; a batch the sink fails on is read again.
 * Every process on a database runs its own feed, and each sees every change.
 */
export class ChangeFeed {
  private listener: Client | undefined;
  private position: ChangePosition = LOG_START;
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private stopped = false;
  private retryMs = RETRY_MIN_MS;
  private readonly sql: CountingSqlClient;

  constructor(
    private readonly pool: Pool,
    private readonly sink: ChangeSink,
    private readonly logger: Logger,
  ) {
    this.sql = new CountingSqlClient(pool);
  }

  /** The position of the last change handed on: every change up to it has reached the sink. */
  get handedOn(): ChangePosition {
    return this.position;
  }

  /** Connects and listens, then starts at the latest change of the log; changes after it are followed. */
  async start(): Promise<ChangePosition> {
    await this.listen();
    this.position = (await findLatestChangePosition(this.sql)) ?? LOG_START;
    return this.position;
  }

  /** Stops listening and reading; resolves once a batch being handed on has been. */
  async stop(): Promise<void> {
    this.stopped = true;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.reading;
  }

  private async listen(): Promise<void> {
    const listener = new Client(this.pool.options as ClientConfig);
    listener.on('notification', () => this.read());
    listener.on('error', (error) => this.lost(listener, error));
    listener.on('end', () => this.lost(listener));
    await listener.connect();
    await listener.query(`LISTEN ${CHANGES_CHANNEL}`);
    if (this.stopped) {
      await listener.end();
      return;
    }
    this.listener = listener;
    this.retryMs = RETRY_MIN_MS;
  }

  private lost(listener: Client, error?: Error): void {
    if (this.listener !== listener || this.stopped) return;
    this.listener = undefined;
    listener.end().catch(() => undefined);
    this.logger.warn({ err: error }, 'lost the change feed connection; connecting again');
    void this.reconnect();
  }

  private async reconnect(): Promise<void> {
    while (!this.stopped && !this.listener) {
      await sleep(this.retryMs, undefined, { ref: false });
      this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
      if (this.stopped) return;
      try {
        await this.listen();
        this.logger.info('the change feed listens again; reading the changes made meanwhile');
        this.read();
      } catch (error) {
        this.logger.warn({ err: error, retryInMs: this.retryMs }, 'cannot reach the database for the change feed');
      }
    }
  }

  /** Reads on from the last change handed on, now or (when a read is under way) right after it. */
  private read(): void {
    if (this.stopped) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.readAll().finally(() => {
      this.reading = undefined;
      if (this.readAgain) this.read();
    });
  }

  private async readAll(): Promise<void> {
    do {
      this.readAgain = false;
      let full = true;
      try {
        while (full && !this.stopped) {
          const changes = await findChangesAfter(this.sql, this.position, BATCH_SIZE);
          full = changes.length === BATCH_SIZE;
          if (!changes.length) break;
          await this.sink(changes);
          this.position = changes[changes.length - 1]!.position;
        }
        this.retryMs = RETRY_MIN_MS;
      } catch (error) {
        if (this.stopped) return;
        this.logger.warn({ err: error, retryInMs: this.retryMs }, 'cannot read the change feed; trying again');
        await sleep(this.retryMs, undefined, { ref: false });
        this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
        this.readAgain = true;
      }
    } while (this.readAgain && !this.stopped);
  }
}
