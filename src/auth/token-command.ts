import { type SqlClient } from '../db/sql-client';
import { TokenRole } from './api-token';
import { createToken, DuplicateTokenNameError, listTokens, revokeToken } from './token.queries';

/** How to call `npm run token`. */
export const TOKEN_USAGE = [
  'usage: npm run token -- <command>',
  '',
  'commands:',
  '  create --role editor|admin --name <who>   create a token and print it (once)',
  '  revoke <name>                             revoke the active token named <name>',
  '  list                                      list tokens (names, roles, dates; never the tokens)',
].join('\n');

/** The most characters a token name may have (the api_token CHECK constraint). */
export const MAX_TOKEN_NAME_LENGTH = 100;

/** A parsed `npm run token` invocation. */
export type TokenCommand =
  | { readonly kind: 'create'; readonly name: string; readonly role: TokenRole }
  | { readonly kind: 'revoke'; readonly name: string }
  | { readonly kind: 'list' }
  | { readonly kind: 'help' };

/** What a command printed and how the process should exit. */
export interface TokenCommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Thrown by {@link parseTokenCommand} for arguments it cannot accept; the CLI exits with 2. */
export class TokenUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenUsageError';
  }
}

function tokenName(raw: string | undefined): string {
  const name = raw?.trim() ?? '';
  if (name === '') throw new TokenUsageError('A token name must not be empty.');
  if (name.length > MAX_TOKEN_NAME_LENGTH)
    throw new TokenUsageError(`A token name has at most ${MAX_TOKEN_NAME_LENGTH} characters.`);
  return name;
}

function tokenRole(raw: string): TokenRole {
  const role = raw.toUpperCase();
  if (role === TokenRole.EDITOR || role === TokenRole.ADMIN) return role;
  throw new TokenUsageError(`Unknown role "${raw}"; use editor or admin.`);
}

/** `--flag value` and `--flag=value` options of `create`; throws on anything else. */
function createOptions(args: readonly string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const match = /^--(role|name)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new TokenUsageError(`Unexpected argument "${arg}" for create.`);
    const option = match[1]!;
    const value = match[2] ?? args[++i];
    if (value === undefined) throw new TokenUsageError(`--${option} needs a value.`);
    if (options.has(option)) throw new TokenUsageError(`--${option} is given twice.`);
    options.set(option, value);
  }
  return options;
}

function parseCreate(args: readonly string[]): TokenCommand {
  const options = createOptions(args);
  const role = options.get('role');
  const name = options.get('name');
  if (role === undefined) throw new TokenUsageError('create needs --role editor|admin.');
  if (name === undefined) throw new TokenUsageError('create needs --name <who>.');
  return { kind: 'create', role: tokenRole(role), name: tokenName(name) };
}

/** Parses the arguments after `npm run token --`; throws {@link TokenUsageError} for bad ones. */
export function parseTokenCommand(args: readonly string[]): TokenCommand {
  const [command, ...rest] = args;
  switch (command) {
    case 'create':
      return parseCreate(rest);
    case 'revoke':
      if (rest.length !== 1) throw new TokenUsageError('revoke takes exactly one token name.');
      return { kind: 'revoke', name: tokenName(rest[0]) };
    case 'list':
      if (rest.length) throw new TokenUsageError('list takes no arguments.');
      return { kind: 'list' };
    case 'help':
    case '--help':
    case '-h':
      return { kind: 'help' };
    case undefined:
      throw new TokenUsageError('A command is needed.');
    default:
      throw new TokenUsageError(`Unknown command "${command}".`);
  }
}

function ok(stdout: string): TokenCommandResult {
  return { stdout, stderr: '', exitCode: 0 };
}

function failed(stderr: string): TokenCommandResult {
  return { stdout: '', stderr, exitCode: 1 };
}

function listing(rows: Awaited<ReturnType<typeof listTokens>>): string {
  if (!rows.length) return 'No tokens.\n';
  return rows
    .map((row) => {
      const state = row.revokedAt ? `revoked ${row.revokedAt.toISOString()}` : 'active';
      return `${row.name}\t${row.role}\tcreated ${row.createdAt.toISOString()}\t${state}\n`;
    })
    .join('');
}

/**
 * Carries out a parsed command against `sql`. `create` prints the token once on stdout with how to
 * use it; a duplicate name or an unknown revoke is reported on stderr with exit code 1.
 */
export async function runTokenCommand(sql: SqlClient, command: TokenCommand): Promise<TokenCommandResult> {
  switch (command.kind) {
    case 'help':
      return ok(`${TOKEN_USAGE}\n`);
    case 'list':
      return ok(listing(await listTokens(sql)));
    case 'revoke':
      return (await revokeToken(sql, command.name))
        ? ok(`Revoked the token "${command.name}".\n`)
        : failed(`No active token is named "${command.name}"; \`npm run token -- list\` shows them.\n`);
    case 'create':
      try {
        const created = await createToken(sql, command);
        return ok(
          [
            `Created the ${created.role} token "${created.name}":`,
            '',
            created.token,
            '',
            'It will not be shown again: store it now. Send it with each write as the header',
            `Authorization: Bearer ${created.token}`,
            '',
          ].join('\n'),
        );
      } catch (error) {
        if (error instanceof DuplicateTokenNameError)
          return failed(
            `An active token is already named "${error.tokenName}"; choose another name, or revoke it first ` +
              `with \`npm run token -- revoke ${JSON.stringify(error.tokenName)}\`.\n`,
          );
        throw error;
      }
  }
}
