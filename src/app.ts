import { type Server } from 'node:http';
import { type Config } from './config';
import { poolOf } from './db/data-source';
import { openDatabase, type Database } from './db/database';
import { applyPendingMigrations, withSchemaLock } from './db/migrate';
import { createApolloServer } from './graphql/apollo';
import { type Logger } from './logger';
import { isDatabaseEmpty, loadBundledSeed } from './seed/rfi-seed';
import { buildTag, HttpCache } from './server/http-cache';
import { createHttpServer } from './server/http-server';

/** A started application: the HTTP server (not yet listening) and how to shut everything down. */
export interface App {
  readonly server: Server;
  readonly database: Database;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

/**
 * Brings the database to the current schema (under an advisory lock, so that instances can start
 * together), seeds an empty database with the bundled dataset, and builds the HTTP server.
 */
export async function createApp(config: Config, logger: Logger): Promise<App> {
  const database = await openDatabase(config, logger);
  try {
    await withSchemaLock(database.dataSource, async () => {
      const applied = await applyPendingMigrations(database.dataSource);
      if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
      if (await isDatabaseEmpty(database.dataSource)) {
        logger.info({ added: await loadBundledSeed(database.dataSource) }, 'seeded an empty database');
      }
    });
    const apollo = createApolloServer(logger, config.nodeEnv === 'production');
    await apollo.start();
    const pool = poolOf(database.dataSource);
    const httpCache = new HttpCache({ pool, buildTag: buildTag(), maxAgeSeconds: config.cacheMaxAge });
    const server = createHttpServer({ apollo, pool, logger, httpCache });
    return {
      server,
      database,
      close: async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await apollo.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
