import { GraphQLError } from 'graphql';
import { ErrorCode } from '../graphql/errors';

interface PostgresError {
  code?: unknown;
  constraint?: unknown;
  detail?: unknown;
}

/** Unique constraints a client can run into, and the input field each one is about. */
const UNIQUE_FIELDS: Readonly<Record<string, string>> = {
  event_slug_key: 'input.slug',
  actor_slug_key: 'input.slug',
  source_slug_key: 'input.slug',
  actor_merge_merged_slug_key: 'input.slug',
  participation_pkey: 'input',
  event_relation_pkey: 'input',
};

/** SQLSTATEs of a transaction PostgreSQL aborted so that another could go on: worth running again. */
const RETRYABLE_CODES = new Set(['40001', '40P01']);

/** Whether PostgreSQL asks for `error`'s transaction to be run again (serialization failure, deadlock). */
export function isRetryable(error: unknown): boolean {
  return RETRYABLE_CODES.has(String((error as PostgresError | null)?.code));
}

/**
 * The client error a failed write stands for, or the error itself: a unique violation is
 * CONFLICT (naming the input field), a foreign key violation NOT_FOUND (a row the write refers
 * to was deleted under it; writes lock what they refer to, so this is a last line), a
 * serialization failure or deadlock that retries did not cure is CONFLICT (try again), a check
 * violation is BAD_USER_INPUT. Mutations validate their input first, so a check violation here
 * means a rule only the database knows; its constraint name is still a stable hint.
 */
export function clientErrorFromDatabase(error: unknown): unknown {
  if (error instanceof GraphQLError) return error;
  const { code, constraint } = (error ?? {}) as PostgresError;
  const constraintName = typeof constraint === 'string' ? constraint : undefined;
  switch (code) {
    case '23505':
      return new GraphQLError(
        constraintName?.endsWith('slug_key')
          ? 'That slug is already taken; slugs are unique.'
          : 'That already exists; nothing was changed.',
        {
          extensions: { code: ErrorCode.CONFLICT, argument: UNIQUE_FIELDS[constraintName ?? ''] ?? 'input' },
        },
      );
    case '23503':
      return new GraphQLError('Something the input refers to was deleted meanwhile; nothing was changed.', {
        extensions: { code: ErrorCode.NOT_FOUND, argument: 'input', constraint: constraintName },
      });
    case '40001':
    case '40P01':
      return new GraphQLError('A concurrent write got in the way; nothing was changed. Try again.', {
        extensions: { code: ErrorCode.CONFLICT },
      });
    case '23514':
    case '23502':
    case '22007':
    case '22008':
      return new GraphQLError(
        `The input breaks the rule ${constraintName ?? 'of the data model'}; nothing was changed.`,
        {
          extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'input', constraint: constraintName },
        },
      );
    default:
      return error;
  }
}
