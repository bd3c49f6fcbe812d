import http, { type RequestListener, type Server } from 'node:http';
import { type Logger } from '../logger';
import { answerClientErrors, type ClientDeadlines } from './client-errors';
import { limitConnections, type ConnectionLimits } from './connection-limit';

/** The time bounds and caps on the wire (HEADERS_TIMEOUT_MS, BODY_TIMEOUT_MS, MAX_CONNECTIONS…). */
export interface WireLimits extends ClientDeadlines, ConnectionLimits {}

/** How often Node checks the deadlines of open connections: its 30 s default would let them run late by as much. */
function deadlineCheckInterval(headersTimeoutMs: number): number {
  return Math.min(1_000, Math.ceil(headersTimeoutMs / 4));
}

/**
 * An HTTP server for `listener` that holds its clients to `limits`: a request head must be in
 * within `headersTimeoutMs` (408 HEADERS_TIMEOUT, checked every quarter of it, at least every
 * second), connections over a cap are refused (503 TOO_MANY_CONNECTIONS), and what Node's parser
 * rejects gets a JSON error. The body deadline is the body reader's (see createHttpServer); Node's
 * own whole-request limit, one check later than that deadline can fall, catches bodies nobody reads.
 */
export function createWireServer(limits: WireLimits, logger: Logger, listener: RequestListener): Server {
  const checkEveryMs = deadlineCheckInterval(limits.headersTimeoutMs);
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.headersTimeoutMs + limits.bodyTimeoutMs + checkEveryMs,
      connectionsCheckingInterval: checkEveryMs,
    },
    listener,
  );
  limitConnections(server, limits, logger);
  answerClientErrors(server, limits, logger);
  return server;
}
