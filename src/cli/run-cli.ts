import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/database';
import { createLogger, type Logger } from '../logger';

/**
 * Runs a command-line task against the configured database (embedded or DATABASE_URL), closing
 * it afterwards and exiting non-zero with the error logged if the task throws.
 */
export function runCli(task: (database: Database, logger: Logger) => Promise<void>): void {
  const config = loadConfig();
  const logger = createLogger(config);
  void (async () => {
    const database = await openDatabase(config, logger);
    try {
      await task(database, logger);
    } finally {
      await database.close();
    }
  })().catch((error: unknown) => {
    logger.fatal({ err: error }, 'command failed');
    process.exitCode = 1;
  });
}
