import { createHash } from 'node:crypto';
import { type IncomingMessage } from 'node:http';
import { type Pool } from 'pg';
import { findActiveToken } from '../auth/token.queries';
import { type Config } from '../config';
import { CountingSqlClient } from '../db/sql-client';
import { clientAddress } from './client-address';
import { ratePlan, type RateLimitDecision, SharedRateLimiter } from './rate-limit';
import { type RateLimitStore } from './rate-limit-store';

/** The settings the limiter reads: RATE_LIMIT_PER_MINUTE, RATE_LIMIT_BURST and TRUST_PROXY. */
export type RateLimitSettings = Pick<Config, 'rateLimitPerMinute' | 'rateLimitBurst' | 'trustProxy'>;

const BEARER = /^Bearer +(\S+) *$/i;

/** How long this process trusts that a token it found active still is, before looking it up again. */
const ACTIVE_TOKEN_TTL_MS = 60_000;
/** The most token hashes remembered as active; past it the oldest is forgotten. */
const MAX_ACTIVE_TOKENS = 10_000;

function tokenKey(token: string): string {
  return `token:${createHash('sha256').update(token, 'utf8').digest('base64url')}`;
}

/**
 * Decides whether a GraphQL request may run, charging it to one client key in the shared store:
 * its bearer token's when the token is an active one, else its client address's (a made-up or
 * revoked token counts as none). Whether a token is active is looked up on the primary at most once
 * a minute per token and process, and those look-ups are limited per address too, so made-up
 * tokens neither escape the address's limit nor flood the database. Only SHA-256 hashes of tokens
 * are kept.
 */
export class RequestRateLimiter {
  private readonly limiter: SharedRateLimiter;
  /** Token hashes found active, with when; a cache in front of the look-up, not a source of truth. */
  private readonly activeTokens = new Map<string, number>();

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly pool: Pool,
    store: RateLimitStore,
  ) {
    this.limiter = new SharedRateLimiter(ratePlan(settings.rateLimitPerMinute, settings.rateLimitBurst), store.limiter);
  }

  /** Takes a point for `req` from the allowance it is charged to. */
  async admit(req: IncomingMessage): Promise<RateLimitDecision> {
    const address = clientAddress(req, this.settings.trustProxy);
    const token = BEARER.exec((req.headers.authorization ?? '').trim())?.[1];
    if (token !== undefined) {
      const byToken = tokenKey(token);
      if (this.isKnownActive(byToken)) return this.limiter.take(byToken);
      const lookUp = await this.limiter.take(`token-check:${address}`);
      if (!lookUp.allowed) return lookUp;
      if (await this.isActive(token)) {
        this.remember(byToken);
        return this.limiter.take(byToken);
      }
    }
    return this.limiter.take(`address:${address}`);
  }

  private isKnownActive(key: string): boolean {
    const seenAt = this.activeTokens.get(key);
    if (seenAt === undefined) return false;
    if (performance.now() - seenAt < ACTIVE_TOKEN_TTL_MS) return true;
    this.activeTokens.delete(key);
    return false;
  }

  private remember(key: string): void {
    this.activeTokens.delete(key);
    this.activeTokens.set(key, performance.now());
    if (this.activeTokens.size > MAX_ACTIVE_TOKENS) this.activeTokens.delete(this.activeTokens.keys().next().value!);
  }

  private async isActive(token: string): Promise<boolean> {
    try {
      return (await findActiveToken(new CountingSqlClient(this.pool), token)) !== null;
    } catch {
      return false;
    }
  }
}

/**
 * The store's key prefix for `settings`: instances with the same limits share counters; changing
 * a limit starts new ones (the old expire by themselves).
 */
export function rateLimitKeyPrefix(settings: RateLimitSettings): string {
  return `rl:${settings.rateLimitPerMinute}:${settings.rateLimitBurst}`;
}

/** The limiter for `settings` counting in `store`, or null when RATE_LIMIT_PER_MINUTE is 0 (no limit). */
export function createRequestRateLimiter(
  settings: RateLimitSettings,
  pool: Pool,
  store: RateLimitStore,
): RequestRateLimiter | null {
  return settings.rateLimitPerMinute > 0 ? new RequestRateLimiter(settings, pool, store) : null;
}
