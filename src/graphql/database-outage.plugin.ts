import { type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors';

/** Seconds a client is asked to wait (Retry-After) before trying again while the database is down. */
export const OUTAGE_RETRY_AFTER_SECONDS = 1;

/** No data at all: none, null, or every root field null. */
function hasNoData(data: Record<string, unknown> | null | undefined): boolean {
  return !data || Object.values(data).every((value) => value === null);
}

/**
 * Whether a result is a database outage and nothing else: an error says the database is
 * unreachable (SERVICE_UNAVAILABLE, see format-error.ts) and there is no data to show.
 */
export function isOutageResult(
  data: Record<string, unknown> | null | undefined,
  errors: readonly GraphQLFormattedError[] | undefined,
): boolean {
  return Boolean(errors?.some((error) => error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) && hasNoData(data);
}

/**
 * Answers a response that carries only a database outage (see {@link isOutageResult}) with HTTP 503
 * and `Retry-After`, as start-up and shutdown are answered, so that clients, proxies and load
 * balancers see the outage in the status; a partial result keeps its 200.
 */
export function databaseOutagePlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (!isOutageResult(data, errors)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
