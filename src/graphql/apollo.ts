import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { type Logger } from '../logger';
import { currentRequestId } from '../shared/request-id';
import { type PersistedQueryStore } from '../persisted/persisted-query-store';
import { commitLsnPlugin } from './commit-lsn.plugin';
import { compiledExecutionGateway } from './compiled-execution';
import { type RequestContext } from './context';
import { databaseOutagePlugin } from './database-outage.plugin';
import { createErrorFormatter } from './format-error';
import { queryLimitsParseOptions, queryLimitsPlugin } from './limits/query-limits.plugin';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './limits/query-limits';
import { KnownRootTypesRule } from './rules/known-root-types.rule';
import { SubscriptionsOverSocketRule } from './rules/subscriptions-over-socket.rule';
import { getSchema } from './schema';

/**
 * Apollo Server over the Annals schema. The landing page is the app's own offline playground,
 * so Apollo's CDN-loaded one is disabled; so is per-field cache-control instrumentation, which
 * the project does not use. CSRF prevention stays on. Every operation is held to `limits`, and
 * every response reports its cost in `extensions.cost`. Batched requests (a JSON array of
 * operations) are refused, so every limit holds per HTTP request. A response that is nothing but a
 * database outage is HTTP 503 with Retry-After. Automatic persisted queries are kept in
 * `persistedQueries` when given (shared by all instances), else in this process's memory. A response
 * to a write carries its commit's position (see commit-lsn.plugin.ts).
 */
export function createApolloServer(
  logger: Logger,
  production: boolean,
  limits: QueryLimits = DEFAULT_QUERY_LIMITS,
  persistedQueries?: PersistedQueryStore,
): ApolloServer<RequestContext> {
  return new ApolloServer<RequestContext>({
    ...(persistedQueries ? { persistedQueries: { cache: persistedQueries } } : {}),
    gateway: compiledExecutionGateway(getSchema()),
    introspection: true,
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: !production,
    hideSchemaDetailsFromClientErrors: production,
    formatError: createErrorFormatter(logger, production),
    parseOptions: queryLimitsParseOptions(limits),
    validationRules: [KnownRootTypesRule, SubscriptionsOverSocketRule],
    logger: {
      debug: (message) => logger.debug(message),
      info: (message) => logger.info(message),
      warn: (message) => logger.warn({ requestId: currentRequestId() }, message),
      error: (message) => logger.error({ requestId: currentRequestId() }, message),
    },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      queryLimitsPlugin(limits),
      databaseOutagePlugin(),
      commitLsnPlugin(),
    ],
  });
}
