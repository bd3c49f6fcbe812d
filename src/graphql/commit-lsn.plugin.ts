import { type ApolloServerPlugin } from '@apollo/server';
import { formatLsn } from '../db/replicas/lsn';
import { type RequestContext } from './context';

/** The response header that carries a write's commit position; clients send it back as `x-annals-min-lsn`. */
export const LSN_HEADER = 'x-annals-lsn';

/**
 * Read-your-writes across requests and servers: a response to a request that wrote carries the WAL
 * position of its last commit, as `extensions.lsn` and the `x-annals-lsn` header (`X/Y`, PostgreSQL's
 * `pg_lsn` text). A later request that sends it back in `x-annals-min-lsn` is read from a server that
 * has replayed at least that far.
 */
export function commitLsnPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const lsn = contextValue.route.writtenLsn;
          if (lsn === null) return;
          const text = formatLsn(lsn);
          response.http.headers.set(LSN_HEADER, text);
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, lsn: text };
          }
        },
      };
    },
  };
}
