import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { type Logger } from '../logger';
import { type RequestContext } from './context';
import { createErrorFormatter } from './format-error';
import { getSchema } from './schema';

/**
 * Apollo Server over the Annals schema. The landing page is the app's own offline playground,
 * so Apollo's CDN-loaded one is disabled; so is per-field cache-control instrumentation, which
 * the project does not use. CSRF prevention stays on.
 */
export function createApolloServer(logger: Logger, production: boolean): ApolloServer<RequestContext> {
  return new ApolloServer<RequestContext>({
    schema: getSchema(),
    introspection: true,
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: !production,
    hideSchemaDetailsFromClientErrors: production,
    formatError: createErrorFormatter(logger, production),
    logger: {
      debug: (message) => logger.debug(message),
      info: (message) => logger.info(message),
      warn: (message) => logger.warn(message),
      error: (message) => logger.error(message),
    },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
    ],
  });
}
