import { createHash } from 'node:crypto';
import { type Pool } from 'pg';
import { type PersistedQueryMode } from '../config';
import { CountingSqlClient } from '../db/sql-client';
import { type Logger } from '../logger';
import { findPersistedQuery, insertAutomaticQuery } from './persisted-query.queries';

/** Apollo's prefix for automatic persisted queries in its cache (requestPipeline's APQ_CACHE_PREFIX). */
const APQ_PREFIX = 'apq:';
/** Documents kept in this process's memory in front of PostgreSQL; past it the oldest goes. */
const MAX_CACHED = 2_000;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The hex SHA-256 of a document's text: its APQ hash. */
export function documentHash(document: string): string {
  return createHash('sha256').update(document, 'utf8').digest('hex');
}

/**
 * The persisted-query registry every instance shares: the `persisted_query` table on the primary,
 * with a bounded in-process cache of documents in front (a document never changes under its hash,
 * so the cache cannot go stale; a removed one lives on in it until the process restarts). It is
 * Apollo's APQ cache (`persistedQueries.cache`): registration through APQ writes there, unless the
 * mode is `trusted`, where only `npm run persisted` registers. Look-ups go to the primary so that a
 * document registered through one instance is found at once through any other.
 */
export class PersistedQueryStore {
  private readonly cached = new Map<string, { document: string; trusted: boolean }>();

  constructor(
    private readonly pool: Pool,
    private readonly mode: PersistedQueryMode,
    private readonly logger: Logger,
  ) {}

  /** Apollo's cache read: the document under `apq:<hash>`, or undefined. */
  async get(key: string): Promise<string | undefined> {
    if (!key.startsWith(APQ_PREFIX)) return undefined;
    return (await this.find(key.slice(APQ_PREFIX.length)))?.document;
  }

  /** Apollo's cache write after it has checked that the hash is the document's; a no-op when trusted. */
  async set(key: string, document: string): Promise<void> {
    const hash = key.slice(APQ_PREFIX.length);
    if (!key.startsWith(APQ_PREFIX) || this.mode === 'trusted' || !SHA256_HEX.test(hash)) return;
    try {
      await insertAutomaticQuery(new CountingSqlClient(this.pool), hash, document);
      this.keep(hash, { document, trusted: false });
    } catch (error) {
      // The client sent the text along, so this request runs; a later hash-only one registers again.
      this.logger.warn({ err: error }, 'could not register a persisted query');
    }
  }

  /** Registrations are removed with `npm run persisted -- remove`, never by Apollo. */
  async delete(): Promise<boolean> {
    return false;
  }

  /** Whether the document under `hash` is registered as trusted. */
  async isTrusted(hash: string): Promise<boolean> {
    if (!SHA256_HEX.test(hash)) return false;
    return (await this.find(hash))?.trusted === true;
  }

  private async find(hash: string): Promise<{ document: string; trusted: boolean } | null> {
    const cached = this.cached.get(hash);
    if (cached?.trusted || (cached && this.mode === 'automatic')) return cached;
    if (!SHA256_HEX.test(hash)) return null;
    const found = await findPersistedQuery(new CountingSqlClient(this.pool), hash);
    if (found) this.keep(hash, found);
    return found;
  }

  private keep(hash: string, entry: { document: string; trusted: boolean }): void {
    this.cached.delete(hash);
    this.cached.set(hash, entry);
    if (this.cached.size > MAX_CACHED) this.cached.delete(this.cached.keys().next().value!);
  }
}
