import { type PoolClient } from 'pg';
import { type Author } from '../auth/request-auth';
import { type TokenRole } from '../auth/api-token';
import { type Lsn } from '../db/replicas/lsn';
import { insertLsn } from '../db/replicas/replica-health.queries';
import { type SqlClient } from '../db/sql-client';
import { type RequestContext } from '../graphql/context';
import { clearLoaders } from '../graphql/loaders';
import { counters } from '../shared/metrics';
import { clientErrorFromDatabase, isRetryable } from './database-errors';

/** What a mutation writes with: one transaction, who writes, and why. */
export interface Write {
  /** Statements of the write's transaction (they see its own earlier writes). */
  readonly sql: SqlClient;
  readonly author: Author;
  /** The reason the editor gave, recorded on every revision the write appends. */
  readonly reason: string | null;
}

class TransactionSqlClient implements SqlClient {
  constructor(private readonly client: PoolClient) {}

  async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    counters.sqlStatements += 1;
    const result = await this.client.query(text, params as unknown[]);
    return result.rows as Row[];
  }
}

/** How often a write is tried when PostgreSQL asks for a retry (deadlock, serialization failure). */
export const WRITE_ATTEMPTS = 4;

/** A pause before retry `attempt` (1-based): a few milliseconds, doubling, with jitter to part the racers. */
function retryPause(attempt: number): Promise<void> {
  const ms = (2 ** attempt + Math.random() * 2 ** attempt) * 2;
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function runTransaction<T>(
  client: PoolClient,
  write: Write,
  work: (write: Write) => Promise<T>,
): Promise<{ result: T; lsn: Lsn | null }> {
  try {
    await client.query('BEGIN');
    const result = await work(write);
    await client.query('COMMIT');
    // Reported to the client so that a replica can be asked to have replayed it (x-annals-min-lsn).
    const lsn = await insertLsn((text) => client.query<{ lsn: string }>(text)).catch(() => null);
    return { result, lsn };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Runs one mutation: checks that the request's token holds `role` (UNAUTHENTICATED or FORBIDDEN
 * otherwise, before any write), then runs `work` in a single transaction that commits only if it
 * returns. Anything thrown rolls back every statement of it, so a mutation applies fully or not
 * at all. A deadlock or serialization failure runs `work` again in a new transaction, up to
 * {@link WRITE_ATTEMPTS} times in all; other database errors become client errors (see
 * database-errors.ts). The loaders are emptied after every attempt, so fields read after the write
 * see it, and the request's later reads go to the primary; the commit's WAL position is noted on
 * the request's route (see ReadRoute.writtenLsn).
 */
export async function runWrite<T>(
  context: RequestContext,
  role: TokenRole,
  reason: string | null | undefined,
  work: (write: Write) => Promise<T>,
): Promise<T> {
  const author = await context.auth.requireRole(role);
  for (let attempt = 1; ; attempt += 1) {
    const client = await context.pool.connect();
    try {
      const { result, lsn } = await runTransaction(
        client,
        { sql: new TransactionSqlClient(client), author, reason: reason ?? null },
        work,
      );
      context.route.noteWrite(lsn);
      return result;
    } catch (error) {
      if (attempt < WRITE_ATTEMPTS && isRetryable(error)) {
        counters.writeRetries += 1;
        await retryPause(attempt);
        continue;
      }
      throw clientErrorFromDatabase(error);
    } finally {
      client.release();
      clearLoaders(context.loaders);
    }
  }
}
