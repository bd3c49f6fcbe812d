import { createHash } from 'node:crypto';
import { type IncomingMessage } from 'node:http';
import { type Pool } from 'pg';
import { findActiveToken } from '../auth/token.queries';
import { type Config } from '../config';
import { CountingSqlClient } from '../db/sql-client';
import { clientAddress } from './client-address';
import { type RateLimitDecision, TokenBucketLimiter } from './rate-limit';

/** The settings the limiter reads: RATE_LIMIT_PER_MINUTE, RATE_LIMIT_BURST and TRUST_PROXY. */
export type RateLimitSettings = Pick<Config, 'rateLimitPerMinute' | 'rateLimitBurst' | 'trustProxy'>;

const BEARER = /^Bearer +(\S+) *$/i;

function tokenKey(token: string): string {
  return `token:${createHash('sha256').update(token, 'utf8').digest('base64url')}`;
}

/**
 * Decides whether a GraphQL request may run, charging it to one token bucket: its bearer token's
 * when the token is an active one, else its client address's (a made-up or revoked token counts
 * as none). Whether a token is active is looked up once, when its bucket is made, and those
 * look-ups are limited per address too, so made-up tokens neither escape the address's limit nor
 * flood the database, and clients sharing an address get a bucket per token. Only SHA-256
 * hashes of tokens are kept.
 */
export class RequestRateLimiter {
  private readonly buckets: TokenBucketLimiter;

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly pool: Pool,
  ) {
    this.buckets = new TokenBucketLimiter({ perMinute: settings.rateLimitPerMinute, burst: settings.rateLimitBurst });
  }

  /** Takes a token for `req` from the bucket it is charged to. */
  async admit(req: IncomingMessage): Promise<RateLimitDecision> {
    const address = clientAddress(req, this.settings.trustProxy);
    const token = BEARER.exec((req.headers.authorization ?? '').trim())?.[1];
    if (token !== undefined) {
      const byToken = tokenKey(token);
      if (this.buckets.has(byToken)) return this.buckets.take(byToken);
      const lookUp = this.buckets.take(`token-check:${address}`);
      if (!lookUp.allowed) return lookUp;
      if (await this.isActive(token)) return this.buckets.take(byToken);
    }
    return this.buckets.take(`address:${address}`);
  }

  private async isActive(token: string): Promise<boolean> {
    try {
      return (await findActiveToken(new CountingSqlClient(this.pool), token)) !== null;
    } catch {
      return false;
    }
  }
}

/** The limiter for `settings`, or null when RATE_LIMIT_PER_MINUTE is 0 (no limit). */
export function createRequestRateLimiter(settings: RateLimitSettings, pool: Pool): RequestRateLimiter | null {
  return settings.rateLimitPerMinute > 0 ? new RequestRateLimiter(settings, pool) : null;
}
