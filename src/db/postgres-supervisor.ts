import { setTimeout as sleep } from 'node:timers/promises';
import { type Logger } from '../logger';
import { endLeftovers, type Shutdown } from './postgres-processes';
import { type ServerExit } from './postgres-server';
import { formatDelay, retryDelayMs, type RetryPolicy } from './startup-retry';

/** A running postmaster being watched: one this process started, or one it found running. */
export interface WatchedServer {
  readonly pid: number;
  readonly port: number;
  /** Settles once it has exited; code and signal are null for a server this process did not start. */
  readonly exited: Promise<ServerExit>;
  /**
   * Stops it if this process is in charge of it, saying how; null when it had exited already or
   * belongs to another live Annals process (which is left alone).
   */
  stop(): Promise<Shutdown | null>;
}

/** Where the supervised server is: serving, dead and waiting to restart, being restarted, or being stopped. */
type SupervisorState = 'up' | 'down' | 'restarting' | 'stopping' | 'stopped';

/** What to supervise and how patiently. */
export interface SupervisorOptions {
  readonly clusterDir: string;
  /** Waits before restarts: the first after a death, doubling after each failed or short-lived restart. */
  readonly restart: Pick<RetryPolicy, 'initialDelayMs' | 'maxDelayMs'>;
  readonly logger: Logger;
  /**
   * Starts the server, or finds the one running on the cluster; `restart` is false the first time.
   * Aborting `signal` stops what it started and rejects.
   */
  launch(signal: AbortSignal, restart: boolean): Promise<WatchedServer>;
}

/** A server that ran this long before it died is restarted after the first wait again, not a longer one. */
export const STABLE_AFTER_MS = 10_000;

function describeExit({ code, signal }: ServerExit): string {
  if (signal) return `killed by ${signal}`;
  if (code !== null) return `exit code ${code}`;
  return 'exit status unknown (not started by this process)';
}

/**
 * Keeps an embedded PostgreSQL running. When it dies (killed, crashed, stopped behind Annals'
 * back) the death is logged at error with its exit code or signal, the processes it left behind
 * are ended, and it is started again on the same port after a wait that grows as restarts keep
 * failing (each attempt and wait logged); it runs its own crash recovery, so committed data is
 * kept. {@link stop} works in every state: it cancels a pending restart, stops a server being
 * started or running, and returns once no process of the cluster is left.
 */
export class PostgresSupervisor {
  private current: WatchedServer;
  private currentState: SupervisorState = 'up';
  private readonly watching: Promise<void>;
  private stopped?: Promise<void>;

  private constructor(
    private readonly options: SupervisorOptions,
    private readonly stopping: AbortController,
    first: WatchedServer,
  ) {
    this.current = first;
    this.watching = this.watch();
  }

  /** Launches the server (a failure is thrown as it is) and supervises it from then on. */
  static async start(options: SupervisorOptions): Promise<PostgresSupervisor> {
    const stopping = new AbortController();
    return new PostgresSupervisor(options, stopping, await options.launch(stopping.signal, false));
  }

  /** Stops supervising and stops the server (see the class comment); idempotent. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      const was = this.currentState;
      this.currentState = 'stopping';
      this.stopping.abort(new Error('the embedded PostgreSQL is being stopped'));
      const stoppingAt = performance.now();
      await this.watching;
      const shutdown = await this.current.stop();
      const leftovers = await endLeftovers(this.options.clusterDir, this.options.logger);
      this.currentState = 'stopped';
      this.options.logger.info(
        {
          ...(shutdown ? { postgresPid: this.current.pid } : {}),
          was,
          shutdown,
          leftovers,
          ms: Math.round(performance.now() - stoppingAt),
        },
        'embedded PostgreSQL stopped',
      );
    })();
    return this.stopped;
  }

  private get isStopping(): boolean {
    return this.stopping.signal.aborted;
  }

  /** Resolves with the server's exit, or with null once stopping begins. */
  private async nextExit(): Promise<ServerExit | null> {
    if (this.isStopping) return null;
    const stopRequested = new Promise<null>((resolve) =>
      this.stopping.signal.addEventListener('abort', () => resolve(null), { once: true }),
    );
    return Promise.race([this.current.exited, stopRequested]);
  }

  private async watch(): Promise<void> {
    const { logger, clusterDir, restart } = this.options;
    let attempt = 0;
    for (let upSince = performance.now(); ; upSince = performance.now()) {
      const exit = await this.nextExit();
      if (exit === null || this.isStopping) return;
      const diedAt = performance.now();
      const died = {
        postgresPid: this.current.pid,
        port: this.current.port,
        code: exit.code,
        signal: exit.signal,
        clusterDir,
      };
      this.currentState = 'down';
      if (diedAt - upSince >= STABLE_AFTER_MS) attempt = 0;
      logger.error(
        { ...died, upMs: Math.round(diedAt - upSince) },
        `the embedded PostgreSQL died (${describeExit(exit)})`,
      );
      for (;;) {
        attempt += 1;
        const delayMs = retryDelayMs(restart, attempt);
        logger.warn({ ...died, attempt, delayMs }, `restarting the embedded PostgreSQL in ${formatDelay(delayMs)}`);
        await sleep(delayMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
        if (this.isStopping) return;
        this.currentState = 'restarting';
        try {
          this.current = await this.options.launch(this.stopping.signal, true);
          this.currentState = 'up';
          logger.warn(
            {
              postgresPid: this.current.pid,
              port: this.current.port,
              attempt,
              downMs: Math.round(performance.now() - diedAt),
            },
            'the embedded PostgreSQL is running again',
          );
          break;
        } catch (error) {
          if (this.isStopping) return;
          this.currentState = 'down';
          logger.error(
            { attempt, reason: error instanceof Error ? error.message : String(error) },
            'the embedded PostgreSQL did not restart',
          );
        }
      }
    }
  }
}
