import { type ApolloServer } from '@apollo/server';
import { type GraphQLFormattedError } from 'graphql';
import { pino } from 'pino';
import { createApolloServer } from '../../src/graphql/apollo';
import { createRequestContext, type RequestContext } from '../../src/graphql/context';
import { type TestDatabase } from './database';

/** A GraphQL result plus the number of SQL statements the request sent. */
export interface GraphQLResult<Data> {
  data?: Data | null;
  errors?: readonly GraphQLFormattedError[];
  sqlStatements: number;
}

export type Execute = <Data = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any -- test data is inspected loosely
  query: string,
  variables?: Record<string, unknown>,
  request?: { authorization?: string },
) => Promise<GraphQLResult<Data>>;

/**
 * Runs operations in-process through the real Apollo Server (validation, error formatting) with a
 * fresh per-request context on `database` (with the given `Authorization` header, if any), as the
 * HTTP server does.
 */
export function useGraphQL(database: TestDatabase, { production = false } = {}): Execute {
  let apollo: ApolloServer<RequestContext>;
  beforeAll(async () => {
    apollo = createApolloServer(pino({ level: 'silent' }), production);
    await apollo.start();
  });
  afterAll(async () => {
    await apollo?.stop();
  });
  return async (query, variables, request = {}) => {
    const contextValue = createRequestContext(database.pool, request.authorization);
    const response = await apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = response.body.singleResult;
    return { data: data as never, errors, sqlStatements: contextValue.statements };
  };
}

/** The `extensions.code` of each error, in order. */
export function errorCodes(result: { errors?: readonly GraphQLFormattedError[] }): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}

/** The formatted BAD_USER_INPUT error a resolver gives for `argument` (outside production). */
export function badUserInput(path: readonly (string | number)[], argument: string, message: string) {
  return {
    message,
    locations: expect.any(Array),
    path,
    extensions: { code: 'BAD_USER_INPUT', argument, stacktrace: expect.any(Array) },
  };
}

/**
 * {@link useGraphQL} with results as a client receives them over HTTP: passed through JSON, so
 * DateTime values are ISO strings.
 */
export function useGraphQLAsJson(database: TestDatabase, options: { production?: boolean } = {}): Execute {
  const execute = useGraphQL(database, options);
  return async (query, variables, request) => JSON.parse(JSON.stringify(await execute(query, variables, request)));
}

/** The code and argument of each error, in order. */
export function failures(result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) {
  return (result.errors ?? []).map(({ extensions }) => ({ code: extensions?.code, argument: extensions?.argument }));
}
