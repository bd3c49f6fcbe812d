import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors';
import { type QueryLimitCode } from './query-limits';

/** Refused before execution: HTTP 400, as for any other request the server will not run. */
const BAD_REQUEST = { status: 400 };

/**
 * An operation refused for going over a limit: `extensions.code` is `code`, with the `limit` and the
 * operation's `actual` value; answered with HTTP 400.
 */
export function queryLimitError(code: QueryLimitCode, message: string, limit: number, actual: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit, actual, http: BAD_REQUEST } });
}

/**
 * A list argument longer than allowed: BAD_USER_INPUT with `extensions.argument` naming its path
 * (`input.participants`), as the resolvers' own checks do; answered with HTTP 400.
 */
export function listTooLongError(argument: string, length: number, limit: number): GraphQLError {
  return new GraphQLError(`\`${argument}\` has ${length} entries; at most ${limit} are allowed.`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argument, http: BAD_REQUEST },
  });
}
