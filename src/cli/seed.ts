import { migrateUp } from '../db/migrate';
import { loadBundledSeed } from '../seed/rfi-seed';
import { runCli } from './run-cli';

runCli(async ({ dataSource }, logger) => {
  await migrateUp(dataSource);
  const added = await loadBundledSeed(dataSource);
  logger.info({ added }, 'seed loaded (existing records are kept as they are)');
});
