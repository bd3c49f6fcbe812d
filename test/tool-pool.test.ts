import { openToolPool } from '../tools/bench/tool-pool';
import { useTestDatabase } from './helpers/database';

describe("the bench and soak tools' pool", () => {
  const database = useTestDatabase();

  it('survives its idle connection being ended by the server, and connects again', async () => {
    const pool = openToolPool({ connectionString: database.url, max: 1 });
    try {
      const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const removed = new Promise((resolve) => pool.once('remove', resolve));
      await database.pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      await removed;
      expect(pool.totalCount).toBe(0);
      const again = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(again.rows[0]!.pid).not.toBe(rows[0]!.pid);
    } finally {
      await pool.end();
    }
  });

  it('still rejects a statement that fails', async () => {
    const pool = openToolPool({ connectionString: database.url, max: 1 });
    try {
      await expect(pool.query('SELECT 1/0')).rejects.toThrow('division by zero');
    } finally {
      await pool.end();
    }
  });
});
