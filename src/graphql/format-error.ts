import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { type Logger } from '../logger';
import { ErrorCode } from './errors';

/** Codes whose messages were written for clients and are safe to show as they are. */
const CLIENT_FACING_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.SERVICE_UNAVAILABLE,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** node-postgres' own messages for a connection lost or never made; they carry no code. */
const CONNECTION_LOST_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
]);

/** node-postgres / PostgreSQL signs that the database is unreachable or going away. */
function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof message === 'string' && CONNECTION_LOST_MESSAGES.has(message)) return true;
  if (typeof code !== 'string') return false;
  return [
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    '57P01',
    '57P02',
    '57P03',
    '3D000',
    '53300',
    '08000',
    '08003',
    '08006',
  ].includes(code);
}

/**
 * What a resolver threw. graphql-js wraps a thrown value that is not `instanceof Error` in its own
 * realm (a plain object, or an Error made in another realm, as Node's socket errors are under a
 * VM sandbox such as Jest's) in a NonErrorThrown that keeps the value as `thrownValue`.
 */
function thrownBy(error: unknown): unknown {
  const original = unwrapResolverError(error);
  if (original instanceof Error && original.name === 'NonErrorThrown' && 'thrownValue' in original) {
    return original.thrownValue;
  }
  return original;
}

/** graphql-js's "Did you mean …?" hints name schema members; production responses leave them out. */
function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [^?]*\?/g, '');
}

/**
 * Apollo's formatError: client errors pass through with their code; database outages become
 * SERVICE_UNAVAILABLE; anything else is logged with the request id and returned as a generic
 * INTERNAL_SERVER_ERROR without its message, SQL or stack (outside production the message is kept
 * to help development).
 */
export function createErrorFormatter(logger: Logger, production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_FACING_CODES.has(code)) {
      if (!production) return formatted;
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message: withoutSuggestions(formatted.message), extensions };
    }
    const original = thrownBy(error);
    if (isDatabaseUnavailable(original)) {
      logger.warn({ err: original, path: formatted.path }, 'database unavailable');
      return {
        message: 'The database is unavailable; try again shortly.',
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    if (original instanceof GraphQLError && typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      return production ? { ...formatted, extensions: { code } } : formatted;
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: production ? 'Internal server error.' : formatted.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: production
        ? { code: ErrorCode.INTERNAL_SERVER_ERROR }
        : { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
