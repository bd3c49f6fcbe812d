import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { type Logger } from '../logger';
import { ErrorCode } from './errors';

/** Codes whose messages were written for clients and are safe to show as they are. */
const CLIENT_FACING_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.SERVICE_UNAVAILABLE,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** node-postgres / PostgreSQL signs that the database is unreachable or going away. */
function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return [
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    '57P01',
    '57P02',
    '57P03',
    '53300',
    '08000',
    '08003',
    '08006',
  ].includes(code);
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
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
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
