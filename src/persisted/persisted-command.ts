import { readFile } from 'node:fs/promises';
import { parse } from 'graphql';
import { type SqlClient } from '../db/sql-client';
import { listPersistedQueries, registerTrustedQueries, removePersistedQueries } from './persisted-query.queries';
import { documentHash } from './persisted-query-store';

/** How to call `npm run persisted`. */
export const PERSISTED_USAGE = [
  'usage: npm run persisted -- <command>',
  '',
  'commands:',
  "  register <manifest.json>   trust every document of a client's manifest: a JSON object hash → document",
  "                             (graphql-codegen client-preset persistedDocuments, with hashAlgorithm: 'sha256')",
  '  list                       list registered documents: hash, trusted or automatic, date, first line',
  '  remove <hash>...           remove documents (clients must register them again)',
].join('\n');

/** A parsed `npm run persisted` invocation. */
export type PersistedCommand =
  | { readonly kind: 'register'; readonly manifest: string }
  | { readonly kind: 'list' }
  | { readonly kind: 'remove'; readonly hashes: readonly string[] }
  | { readonly kind: 'help' };

/** What a command printed and how the process should exit. */
export interface PersistedCommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Thrown by {@link parsePersistedCommand} for arguments it cannot accept; the CLI exits with 2. */
export class PersistedUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PersistedUsageError';
  }
}

/** Reads the command line after `npm run persisted --`. */
export function parsePersistedCommand(args: readonly string[]): PersistedCommand {
  const [command, ...rest] = args;
  if (command === undefined || command === 'help' || command === '--help') return { kind: 'help' };
  if (command === 'register' && rest.length === 1) return { kind: 'register', manifest: rest[0]! };
  if (command === 'list' && rest.length === 0) return { kind: 'list' };
  if (command === 'remove' && rest.length > 0) return { kind: 'remove', hashes: rest };
  throw new PersistedUsageError(`Cannot understand: ${args.join(' ')}`);
}

/**
 * The manifest's entries, each checked: a hash that is the hex SHA-256 of its document (the hash a
 * client sends in `extensions.persistedQuery.sha256Hash`), and a document GraphQL can parse.
 */
export function manifestEntries(json: string): { entries: [string, string][]; problems: string[] } {
  let manifest: unknown;
  try {
    manifest = JSON.parse(json);
  } catch {
    return { entries: [], problems: ['the manifest is not JSON'] };
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    return { entries: [], problems: ['the manifest is not a JSON object of hash → document'] };
  }
  const entries: [string, string][] = [];
  const problems: string[] = [];
  for (const [hash, document] of Object.entries(manifest)) {
    if (typeof document !== 'string') problems.push(`${hash}: the document is not a string`);
    else if (documentHash(document) !== hash) {
      problems.push(`${hash}: not the SHA-256 of its document (set hashAlgorithm: 'sha256' in the codegen config)`);
    } else {
      try {
        parse(document);
        entries.push([hash, document]);
      } catch (error) {
        problems.push(`${hash}: ${(error as Error).message}`);
      }
    }
  }
  return { entries, problems };
}

/** Runs `command` on `sql`; a manifest with any bad entry registers nothing. */
export async function runPersistedCommand(sql: SqlClient, command: PersistedCommand): Promise<PersistedCommandResult> {
  switch (command.kind) {
    case 'help':
      return { stdout: `${PERSISTED_USAGE}\n`, stderr: '', exitCode: 0 };
    case 'register': {
      const { entries, problems } = manifestEntries(await readFile(command.manifest, 'utf8'));
      if (problems.length) {
        return {
          stdout: '',
          stderr: `${problems.map((problem) => `${command.manifest}: ${problem}`).join('\n')}\n`,
          exitCode: 1,
        };
      }
      const added = await registerTrustedQueries(sql, entries);
      return { stdout: `registered ${entries.length} trusted documents (${added} new)\n`, stderr: '', exitCode: 0 };
    }
    case 'list': {
      const lines = (await listPersistedQueries(sql)).map(
        (row) =>
          `${row.hash}  ${row.trusted ? 'trusted  ' : 'automatic'}  ${row.registered_at.toISOString()}  ${row.document.split('\n')[0]!.slice(0, 60)}`,
      );
      return { stdout: lines.length ? `${lines.join('\n')}\n` : 'no persisted documents\n', stderr: '', exitCode: 0 };
    }
    case 'remove': {
      const removed = await removePersistedQueries(sql, command.hashes);
      const missing = command.hashes.filter((hash) => !removed.includes(hash));
      return {
        stdout: `removed ${removed.length} documents\n`,
        stderr: missing.length ? `not registered: ${missing.join(' ')}\n` : '',
        exitCode: missing.length ? 1 : 0,
      };
    }
  }
}
