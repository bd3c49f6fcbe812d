import { poolOf } from '../db/data-source';
import { migrateUp } from '../db/migrate';
import { CountingSqlClient } from '../db/sql-client';
import {
  parsePersistedCommand,
  PERSISTED_USAGE,
  PersistedUsageError,
  runPersistedCommand,
  type PersistedCommand,
} from '../persisted/persisted-command';
import { runCli } from './run-cli';

function parseArguments(): PersistedCommand {
  try {
    return parsePersistedCommand(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof PersistedUsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${PERSISTED_USAGE}\n`);
    process.exit(2);
  }
}

const command = parseArguments();

if (command.kind === 'help') {
  process.stdout.write(`${PERSISTED_USAGE}\n`);
} else {
  runCli(async ({ dataSource }) => {
    await migrateUp(dataSource);
    const result = await runPersistedCommand(new CountingSqlClient(poolOf(dataSource)), command);
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  });
}
