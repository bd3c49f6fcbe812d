/** How a {@link TokenBucketLimiter} refills and how many clients it remembers. */
export interface TokenBucketOptions {
  /** Tokens added per minute, spread evenly (the sustained rate); must be positive. */
  readonly perMinute: number;
  /** The most tokens a bucket holds (how many requests may come at once); must be at least 1. */
  readonly burst: number;
  /** The most buckets kept; past it the least recently used one is forgotten. Default 10,000. */
  readonly maxClients?: number;
  /** A monotonic clock in milliseconds; performance.now unless a test drives the clock. */
  readonly now?: () => number;
}

/** The answer to one request: let it through, or refuse it and say when to come back. */
export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Whole seconds until the bucket holds a token again; 0 when allowed. */
  readonly retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const DEFAULT_MAX_CLIENTS = 10_000;

/**
 * Token buckets in memory, one per client key. A new client starts with a full bucket of `burst`
 * tokens, each request takes one, and tokens come back at `perMinute`. Memory stays bounded: a
 * bucket idle long enough to have refilled is dropped (a full bucket and no bucket behave the
 * same), and past `maxClients` the least recently used bucket is dropped.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly tokensPerMs: number;
  private readonly burst: number;
  private readonly maxClients: number;
  private readonly now: () => number;
  /** How long an untouched bucket takes to refill from empty: after that it can be forgotten. */
  private readonly idleMs: number;

  constructor(options: TokenBucketOptions) {
    if (!(options.perMinute > 0)) throw new RangeError('perMinute must be positive.');
    if (!(options.burst >= 1)) throw new RangeError('burst must be at least 1.');
    this.tokensPerMs = options.perMinute / 60_000;
    this.burst = options.burst;
    this.maxClients = options.maxClients ?? DEFAULT_MAX_CLIENTS;
    this.now = options.now ?? (() => performance.now());
    this.idleMs = this.burst / this.tokensPerMs;
  }

  /** Takes a token from `key`'s bucket if it has one. */
  take(key: string): RateLimitDecision {
    const now = this.now();
    this.forgetIdle(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedAt: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + Math.max(0, now - bucket.updatedAt) * this.tokensPerMs);
    bucket.updatedAt = now;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    while (this.buckets.size > this.maxClients) this.forgetOldest();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.tokensPerMs / 1000)) };
  }

  /** Whether `key` has a bucket now (it has been seen and has not been forgotten). */
  has(key: string): boolean {
    this.forgetIdle(this.now());
    return this.buckets.has(key);
  }

  /** How many buckets are held. */
  get size(): number {
    return this.buckets.size;
  }

  /** Buckets are kept in order of last use, so the idle ones are at the front. */
  private forgetIdle(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updatedAt < this.idleMs) return;
      this.buckets.delete(key);
    }
  }

  private forgetOldest(): void {
    const oldest = this.buckets.keys().next();
    if (!oldest.done) this.buckets.delete(oldest.value);
  }
}
