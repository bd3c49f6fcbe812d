/** SQLSTATEs and socket codes of a database that cannot be reached, is starting or is going away. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '3D000',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

/** node-postgres' own messages for a connection lost, never made or not answering; they carry no code. */
const UNREACHABLE_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
]);

/** SQLSTATE query_canceled: what PostgreSQL answers when statement_timeout cancels a statement. */
const QUERY_CANCELED = '57014';

/** `extensions.code` of a field whose statement PostgreSQL cancelled (SQLSTATE 57014). */
export const QUERY_TIMEOUT = 'QUERY_TIMEOUT';

/** What a client is told when PostgreSQL cancelled a statement of its request. */
export const QUERY_TIMEOUT_MESSAGE =
  'The query took too long and the database cancelled it; ask for less (a smaller page, fewer fields) or try again later.';

/** `error`, its `cause` and the errors of an AggregateError (Node's multi-address connect), two levels deep. */
function* causes(error: unknown, depth = 0): Generator<{ code?: unknown; message?: unknown }> {
  if (typeof error !== 'object' || error === null) return;
  yield error as { code?: unknown; message?: unknown };
  if (depth >= 2) return;
  const { cause, errors } = error as { cause?: unknown; errors?: unknown };
  yield* causes(cause, depth + 1);
  if (Array.isArray(errors)) for (const inner of errors) yield* causes(inner, depth + 1);
}

/**
 * Whether `error` says that the database cannot be reached, is not accepting connections yet, or
 * dropped the connection: a fault that may go away by itself, so worth retrying later.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (const { code, message } of causes(error)) {
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    if (typeof message === 'string' && UNREACHABLE_MESSAGES.has(message)) return true;
  }
  return false;
}

/** Whether `error` is PostgreSQL cancelling a statement (SQLSTATE 57014), as statement_timeout does. */
export function isStatementCancelled(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === QUERY_CANCELED;
}
