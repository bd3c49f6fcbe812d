import {
  parseTokenCommand,
  runTokenCommand,
  TOKEN_USAGE,
  TokenUsageError,
  type TokenCommand,
} from '../auth/token-command';
import { poolOf } from '../db/data-source';
import { migrateUp } from '../db/migrate';
import { CountingSqlClient } from '../db/sql-client';
import { runCli } from './run-cli';

function parseArguments(): TokenCommand {
  try {
    return parseTokenCommand(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof TokenUsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${TOKEN_USAGE}\n`);
    process.exit(2);
  }
}

const command = parseArguments();

if (command.kind === 'help') {
  process.stdout.write(`${TOKEN_USAGE}\n`);
} else {
  runCli(async ({ dataSource }) => {
    await migrateUp(dataSource);
    const result = await runTokenCommand(new CountingSqlClient(poolOf(dataSource)), command);
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  });
}
