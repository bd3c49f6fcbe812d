import { BurstyRateLimiter, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** The answer to one request: let it through, or refuse it and say when to come back. */
export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Whole seconds until a request would be let through again; 0 when allowed. */
  readonly retryAfterSeconds: number;
}

/**
 * How RATE_LIMIT_PER_MINUTE and RATE_LIMIT_BURST map onto rate-limiter-flexible's fixed windows:
 * a steady limiter of `points` per `windowSeconds` (exactly the per-minute rate: the window is
 * the shortest whole number of seconds in which the rate is a whole number of requests) and, on
 * top, a burst limiter of `burstPoints` per `burstSeconds` (the time the old token bucket took to
 * refill from empty). At once a client gets `points + burstPoints` = the burst (at least `points`).
 */
export interface RatePlan {
  readonly points: number;
  readonly windowSeconds: number;
  readonly burstPoints: number;
  readonly burstSeconds: number;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The {@link RatePlan} of a per-minute rate (positive) and a burst (at least 1). */
export function ratePlan(perMinute: number, burst: number): RatePlan {
  if (!(perMinute > 0) || !Number.isInteger(perMinute)) throw new RangeError('perMinute must be a positive integer.');
  if (!(burst >= 1) || !Number.isInteger(burst)) throw new RangeError('burst must be an integer of at least 1.');
  const windowSeconds = 60 / gcd(perMinute, 60);
  const points = (perMinute * windowSeconds) / 60;
  return {
    points,
    windowSeconds,
    burstPoints: Math.max(0, burst - points),
    burstSeconds: Math.ceil((burst * 60) / perMinute),
  };
}

/** Makes a limiter of the chosen store; `name` tells the limiters of one plan apart. */
export type LimiterFactory = (name: string, points: number, durationSeconds: number) => RateLimiterAbstract;

/**
 * A rate limit per client key, counted in a store all instances share (see rate-limit-store.ts), so
 * that N instances together allow what one would. Each request consumes one point of the steady
 * limiter, or of the burst limiter once the steady window is used up.
 */
export class SharedRateLimiter {
  private readonly limiter: BurstyRateLimiter | RateLimiterAbstract;

  constructor(plan: RatePlan, make: LimiterFactory) {
    const steady = make('steady', plan.points, plan.windowSeconds);
    this.limiter =
      plan.burstPoints > 0 ? new BurstyRateLimiter(steady, make('burst', plan.burstPoints, plan.burstSeconds)) : steady;
  }

  /** Consumes a point of `key`'s allowance if one is left; rejects only when the store fails and has no fallback. */
  async take(key: string): Promise<RateLimitDecision> {
    try {
      await this.limiter.consume(key);
      return { allowed: true, retryAfterSeconds: 0 };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
    }
  }
}
