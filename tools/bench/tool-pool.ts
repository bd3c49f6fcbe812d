import { Pool, type PoolConfig } from 'pg';

/**
 * A pg pool for the bench and soak tools that outlives its PostgreSQL stopping or being killed:
 * the error of an idle connection is dropped instead of ending the process (pg-pool re-emits it on
 * the pool, and resolves `end()` before its connections have closed, so a server stopped right
 * after `end()` can still send one). A statement's own error still rejects its promise.
 */
export function openToolPool(config: PoolConfig): Pool {
  const pool = new Pool(config);
  pool.on('error', () => undefined);
  return pool;
}
