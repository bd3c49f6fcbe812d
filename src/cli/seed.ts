import { migrateUp } from '../db/migrate';
import { loadBundledSeed, updateBundledSeedRecords } from '../seed/rfi-seed';
import { runCli } from './run-cli';

runCli(async ({ dataSource }, logger) => {
  await migrateUp(dataSource);
  const added = await loadBundledSeed(dataSource);
  const updated = await updateBundledSeedRecords(dataSource);
  logger.info({ added, updated }, 'seed loaded (edited records are kept as they are)');
});
