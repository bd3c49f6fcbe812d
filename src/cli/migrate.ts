import { migrateDownOne, migrateUp } from '../db/migrate';
import { runCli } from './run-cli';

const direction = process.argv[2];
if (direction !== 'up' && direction !== 'down') {
  console.error('usage: migrate up|down');
  process.exit(2);
}

runCli(async ({ dataSource }, logger) => {
  if (direction === 'up') {
    const applied = await migrateUp(dataSource);
    logger.info({ applied: applied.map((m) => m.name) }, `applied ${applied.length} migration(s)`);
  } else {
    const reverted = await migrateDownOne(dataSource);
    logger.info(reverted ? 'reverted the latest migration' : 'no migration to revert');
  }
});
