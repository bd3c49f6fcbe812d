import { setTimeout as sleep } from 'node:timers/promises';
import { type Logger } from '../logger';
import { isDatabaseUnreachable } from './database-faults';

/** How often, and how patiently, start-up tries again while the database is unreachable. */
export interface RetryPolicy {
  /** Attempts after the first one; 0 gives up at the first failure. */
  readonly retries: number;
  /** Wait before the first retry, in milliseconds; it doubles before each further retry. */
  readonly initialDelayMs: number;
  /** Longest wait between two attempts, in milliseconds. */
  readonly maxDelayMs: number;
}

/** The wait before retry number `retry` (1-based): the initial delay doubled each time, capped. */
export function retryDelayMs(policy: Pick<RetryPolicy, 'initialDelayMs' | 'maxDelayMs'>, retry: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(retry - 1, 30));
}

/** `1500` → "1500ms", `2000` → "2s": how the log states a wait. */
export function formatDelay(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * Runs `attempt` until it succeeds. A failure that says the database is unreachable (see
 * database-faults.ts) is logged at warn with the wait ("database unavailable, retrying in 2s") and
 * retried with exponential backoff, at most `policy.retries` times; any other failure, and the last
 * one, is thrown. Aborting `signal` ends a wait at once and rejects with an AbortError.
 */
export async function retryWhileUnreachable<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  logger: Logger,
  signal?: AbortSignal,
): Promise<T> {
  for (let retry = 1; ; retry += 1) {
    signal?.throwIfAborted();
    try {
      return await attempt();
    } catch (error) {
      if (retry > policy.retries || !isDatabaseUnreachable(error) || signal?.aborted) throw error;
      const delayMs = retryDelayMs(policy, retry);
      logger.warn(
        { err: error, retry, of: policy.retries, delayMs },
        `database unavailable, retrying in ${formatDelay(delayMs)}`,
      );
      await sleep(delayMs, undefined, { signal });
    }
  }
}
