import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import {
  isDatabaseUnreachable,
  isStatementCancelled,
  QUERY_TIMEOUT,
  QUERY_TIMEOUT_MESSAGE,
} from '../db/database-faults';
import { REQUEST_TIMEOUT } from '../db/request-deadline';
import { type Logger } from '../logger';
import { currentRequestId } from '../shared/request-id';
import { ErrorCode } from './errors';
import { QueryLimitCode } from './limits/query-limits';

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
  REQUEST_TIMEOUT,
  ...Object.values(QueryLimitCode),
]);

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

/** The longest error message sent; graphql-js quotes whole variable values in its coercion messages. */
export const MAX_ERROR_MESSAGE_LENGTH = 1000;

/** graphql-js's last variable error when it stops after 50; Apollo gives it no client code. */
const TOO_MANY_VARIABLE_ERRORS = /^Too many errors processing variables/;

function withBoundedMessage(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const bounded =
    formatted.message.length <= MAX_ERROR_MESSAGE_LENGTH
      ? formatted
      : { ...formatted, message: `${formatted.message.slice(0, MAX_ERROR_MESSAGE_LENGTH)}…` };
  if (TOO_MANY_VARIABLE_ERRORS.test(formatted.message)) {
    return { ...bounded, extensions: { ...bounded.extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  return bounded;
}

/** graphql-js's "Did you mean …?" hints name schema members; production responses leave them out. */
function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [^?]*\?/g, '');
}

/**
 * Apollo's formatError: client errors pass through with their code; database outages become
 * SERVICE_UNAVAILABLE; a statement cancelled by statement_timeout becomes QUERY_TIMEOUT; anything
 * else is logged with the request id and returned as a generic INTERNAL_SERVER_ERROR without its message, SQL or stack (outside production the message is kept
 * to help development). Within an HTTP request, that error's `extensions.requestId` is the
 * request's `x-request-id`, as in the log line.
 */
export function createErrorFormatter(logger: Logger, production: boolean) {
  return (full: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = withBoundedMessage(full);
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_FACING_CODES.has(code)) {
      if (!production) return formatted;
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message: withoutSuggestions(formatted.message), extensions };
    }
    const original = thrownBy(error);
    if (isDatabaseUnreachable(original)) {
      logger.warn({ err: original, path: formatted.path, requestId: currentRequestId() }, 'database unavailable');
      return {
        message: 'The database is unavailable; try again shortly.',
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    if (isStatementCancelled(original)) {
      logger.warn({ path: formatted.path, requestId: currentRequestId() }, 'statement cancelled by statement_timeout');
      return {
        message: QUERY_TIMEOUT_MESSAGE,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: QUERY_TIMEOUT },
      };
    }
    if (original instanceof GraphQLError && typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      return production ? { ...formatted, extensions: { code } } : formatted;
    }
    const requestId = currentRequestId();
    logger.error({ err: original, path: formatted.path, requestId }, 'unexpected error while resolving');
    const traced = requestId === undefined ? {} : { requestId };
    return {
      message: production ? 'Internal server error.' : formatted.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: production
        ? { code: ErrorCode.INTERNAL_SERVER_ERROR, ...traced }
        : { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR, ...traced },
    };
  };
}
