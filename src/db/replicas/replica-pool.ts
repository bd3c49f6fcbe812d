import { type Client, Pool } from 'pg';
import { type Logger } from '../../logger';
import { ignore, QUERY_TIMEOUT_MARGIN_MS, sessionSettings, type SessionLimits } from '../data-source';

/**
 * A node-postgres pool for a read replica with the sessions the primary's data source has (UTC, no
 * JIT, `limits`); like it, a connection that fails idle or checked out is logged and dropped,
 * never an unhandled 'error'.
 */
export function createReplicaPool(url: string, size: number, limits: SessionLimits | undefined, logger: Logger): Pool {
  const statementTimeoutMs = limits?.statementTimeoutMs;
  const pool = new Pool({
    connectionString: url,
    max: size,
    options: sessionSettings(limits),
    application_name: 'annals',
    keepAlive: true,
    connectionTimeoutMillis: limits?.connectTimeoutMs,
    query_timeout: statementTimeoutMs === undefined ? undefined : statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS,
  });
  pool.on('error', (error) => logger.warn({ err: error }, 'lost an idle replica connection'));
  pool.on('connect', (client: Client) => client.on('error', ignore));
  return pool;
}
