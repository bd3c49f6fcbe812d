import { type DataSource, type Migration } from 'typeorm';

/** Arbitrary but fixed: every Annals instance serialises schema changes and seeding on this key. */
const SCHEMA_LOCK_KEY = 7_365_211_001;

/**
 * Runs `work` while holding Annals' PostgreSQL advisory lock, so that instances starting at the
 * same time migrate and seed one after another instead of racing.
 */
export async function withSchemaLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK_KEY]);
    return await work();
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}

/** Applies every pending migration, each in its own transaction; call it under the schema lock. */
export function applyPendingMigrations(dataSource: DataSource): Promise<Migration[]> {
  return dataSource.runMigrations({ transaction: 'each' });
}

/** Applies every pending migration under the schema lock. */
export async function migrateUp(dataSource: DataSource): Promise<Migration[]> {
  return withSchemaLock(dataSource, () => applyPendingMigrations(dataSource));
}

/** Reverts the most recent migration under the schema lock; false when none was applied. */
export async function migrateDownOne(dataSource: DataSource): Promise<boolean> {
  return withSchemaLock(dataSource, async () => {
    const [table] = (await dataSource.query(`SELECT to_regclass('typeorm_migrations') AS name`)) as {
      name: string | null;
    }[];
    if (!table?.name) return false;
    const [row] = (await dataSource.query(`SELECT count(*)::int AS applied FROM typeorm_migrations`)) as {
      applied: number;
    }[];
    if (!row?.applied) return false;
    await dataSource.undoLastMigration({ transaction: 'each' });
    return true;
  });
}
