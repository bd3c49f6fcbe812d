import { type Pool } from 'pg';
import { DataSource } from 'typeorm';
import { type PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { MIGRATIONS } from '../../migrations';

/**
 * A TypeORM data source for `url` with Annals' migrations. Sessions run in UTC, without JIT
 * compilation (which costs short queries more than it saves). Not yet initialised.
 */
export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    applicationName: 'annals',
    extra: { max: poolSize, options: '-c TimeZone=UTC -c jit=off' },
  });
}

/** The node-postgres pool behind an initialised data source. */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as PostgresDriver).master as Pool;
}
