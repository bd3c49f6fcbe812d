import { type IncomingMessage } from 'node:http';
import { type Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  GraphQLError,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { type Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { type Pool } from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';
import { RequestAuth } from '../auth/request-auth';
import { CountingSqlClient } from '../db/sql-client';
import { createRequestContext, type RequestContext } from '../graphql/context';
import { ErrorCode } from '../graphql/errors';
import { createErrorFormatter } from '../graphql/format-error';
import { type QueryLimits } from '../graphql/limits/query-limits';
import { type Logger } from '../logger';
import { type CorsPolicy } from '../server/cors-policy';
import { type RequestRateLimiter } from '../server/request-rate-limit';
import { checkSocketOperation, prepareSubscription } from './socket-operation';
import { refuseUpgrade, SHUTTING_DOWN, SocketAdmission } from './socket-admission';
import { SocketCloseCode, TOO_MANY_SUBSCRIPTIONS } from './socket-close-codes';
import { SocketSession } from './socket-session';
import { type PreparedSubscription, type SubscriptionHub } from './subscription-hub';
import { type QueueBudget } from './live-subscription';

/** The caps and timings of GraphQL WebSockets (see Config). */
export interface SocketLimits {
  readonly trustProxy: number;
  readonly maxSocketsPerClient: number;
  readonly maxSubscriptionsPerSocket: number;
  readonly maxQueuedMessagesPerSocket: number;
  readonly socketPingIntervalMs: number;
}

/** What the socket server needs: the schema, the pool queries and mutations run on, the hub, limits and policies. */
export interface SocketServerOptions {
  readonly schema: GraphQLSchema;
  readonly pool: Pool;
  readonly hub: SubscriptionHub;
  readonly logger: Logger;
  readonly production: boolean;
  readonly queryLimits: QueryLimits;
  readonly cors: CorsPolicy;
  readonly limits: SocketLimits;
  /** Charges each operation to its client's bucket (the HTTP server's limiter); null: no limit. */
  readonly rateLimiter: RequestRateLimiter | null;
}

/** Largest message a client may send, in bytes (a subscribe message is a query and its variables). */
const MAX_MESSAGE_BYTES = 1_000_000;

/** Shutdown waits this long for each socket's queued messages to be sent, then closes it anyway. */
const DRAIN_MS = 2_000;

/** And this long for clients to answer the close, then cuts the sockets still open. */
const CLOSE_WAIT_MS = 2_000;

/** graphql-ws's context of one socket, as its ws adapter makes it. */
type SocketContext = Context<Record<string, unknown> | undefined, Extra & Partial<Record<PropertyKey, never>>>;

/** A GraphQL WebSocket server: {@link handleUpgrade} for `upgrade` events, {@link close} on shutdown. */
export interface SocketServer {
  /** Takes an HTTP upgrade request: refuses it with a JSON answer, or makes it a GraphQL WebSocket. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** GraphQL WebSockets open now. */
  readonly openSockets: number;
  /**
   * Stops taking sockets and changes, lets every socket send what it has queued (up to 2 s), then
   * closes each with 1001 and waits for it to close (up to 2 s more, then cuts it).
   */
  close(): Promise<void>;
}

/**
 * GraphQL over WebSocket (graphql-transport-ws, by graphql-ws on ws) at `/graphql`. A socket
 * needs a page origin that CORS allows (403 CORS_ORIGIN_NOT_ALLOWED before the upgrade), and at
 * most MAX_SOCKETS_PER_CLIENT may be open from one client address, counted as rate limiting
 * counts clients (503 TOO_MANY_SOCKETS); its TCP connection counts against MAX_CONNECTIONS as
 * any other. `connection_init` may carry `{ "authorization": "Bearer <token>" }`: a bad token
 * closes the socket with 4403; queries and mutations then run with it, as over HTTP. Every
 * operation goes through the same parsing, validation, limits and cost as over HTTP, and at most
 * MAX_SUBSCRIPTIONS_PER_SOCKET run at once (TOO_MANY_SUBSCRIPTIONS); each costs its client a token of
 * the rate limit HTTP requests draw on (RATE_LIMITED). Subscriptions are served by
 * `hub`. A socket whose unsent messages pass MAX_QUEUED_MESSAGES_PER_SOCKET is closed with 4413;
 * one that does not answer a ping by the next one (SOCKET_PING_INTERVAL_MS) is cut.
 */
export function createSocketServer(options: SocketServerOptions): SocketServer {
  const { schema, pool, hub, logger, limits } = options;
  const formatError = createErrorFormatter(logger, options.production);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const sessions = new Map<WebSocket, SocketSession>();
  const admission = new SocketAdmission(options.cors, limits);
  const following = new WeakMap<RequestContext, { prepared: PreparedSubscription; session: SocketSession }>();
  let closing = false;

  const sessionOf = (ctx: SocketContext) => sessions.get(ctx.extra.socket)!;

  // `extensions.http` sets an HTTP status for Apollo; a socket has none to set.
  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => {
      const { http: _http, ...extensions } = error.extensions;
      return formatError({ ...error.toJSON(), extensions }, error);
    });

  const overflow = (budget: QueueBudget) => {
    const session = budget as SocketSession;
    if (session.socket.readyState !== session.socket.OPEN) return;
    logger.warn({ queued: session.queued }, 'closed a WebSocket that did not read its messages in time');
    session.socket.close(
      SocketCloseCode.SLOW_CONSUMER,
      `Slow consumer: more than ${limits.maxQueuedMessagesPerSocket} messages were waiting; resume with your last cursor.`,
    );
    for (const subscription of session.subscriptions) subscription.end();
  };
  hub.onOverflow(overflow);

  useServer<Record<string, unknown> | undefined>(
    {
      schema,
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        if (raw === undefined || raw === null || raw === '') return true;
        const authorization = typeof raw === 'string' ? raw : ' ';
        try {
          await new RequestAuth(authorization, new CountingSqlClient(pool)).viewer();
        } catch (error) {
          const message = error instanceof GraphQLError ? error.message : 'The connection could not be authenticated.';
          ctx.extra.socket.close(SocketCloseCode.FORBIDDEN, message);
          return false;
        }
        sessionOf(ctx).authorization = authorization;
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const session = sessionOf(ctx);
        if (closing) {
          return [
            new GraphQLError('Annals is shutting down; subscribe again on a new connection shortly.', {
              extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
            }),
          ];
        }
        if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerSocket) {
          return [
            new GraphQLError(
              `This connection already runs ${limits.maxSubscriptionsPerSocket} operations, the most allowed; complete one first or open another connection.`,
              { extensions: { code: TOO_MANY_SUBSCRIPTIONS, limit: limits.maxSubscriptionsPerSocket } },
            ),
          ];
        }
        if (options.rateLimiter) {
          // Charged as an HTTP request with the socket's token would be: to the token, else the address.
          const request = ctx.extra.request;
          const charged = {
            socket: request.socket,
            headers: { ...request.headers, authorization: session.authorization },
          };
          const decision = await options.rateLimiter.admit(charged as IncomingMessage);
          if (!decision.allowed) {
            const wait = decision.retryAfterSeconds === 1 ? '1 second' : `${decision.retryAfterSeconds} seconds`;
            return [
              new GraphQLError(`Too many requests; try again in ${wait}.`, {
                extensions: { code: 'RATE_LIMITED', retryAfter: decision.retryAfterSeconds },
              }),
            ];
          }
        }
        const checked = checkSocketOperation(schema, payload, options.queryLimits);
        if (isErrorList(checked)) return [...checked];
        const contextValue = createRequestContext(pool, session.authorization);
        if (checked.operation.operation === 'subscription') {
          const subscription = await prepareSubscription(schema, checked, contextValue.sql);
          if (isErrorList(subscription)) return [...subscription];
          following.set(contextValue, { prepared: subscription, session });
        }
        session.operations += 1;
        const args: ExecutionArgs = {
          schema,
          document: checked.document,
          operationName: checked.operation.name?.value,
          variableValues: checked.variableValues,
          contextValue,
        };
        return args;
      },
      subscribe: async (args) => {
        const { prepared, session } = following.get(args.contextValue as RequestContext)!;
        const subscription = await hub.subscribe(prepared, session);
        session.subscriptions.add(subscription);
        subscription.onEnd(() => session.subscriptions.delete(subscription));
        // graphql-ws types the stream as raw results; the hub's are formatted once per group, and
        // onNext passes formatted results through as they are.
        return subscription as unknown as AsyncIterable<ExecutionResult>;
      },
      onNext: (_ctx, _id, _payload, _args, result): FormattedExecutionResult => {
        const errors = result.errors;
        if (!errors?.length || !(errors[0] instanceof GraphQLError)) return result as FormattedExecutionResult;
        return { ...result, errors: format(errors) } as FormattedExecutionResult;
      },
      onError: (_ctx, _id, _payload, errors) => format(errors),
      onComplete: (ctx) => {
        // After a close the session is gone already: nothing is left to drain.
        const session = sessions.get(ctx.extra.socket);
        if (session) session.operations -= 1;
      },
    },
    wss,
    limits.socketPingIntervalMs,
  );

  return {
    handleUpgrade(req, socket, head) {
      if (closing) return refuseUpgrade(socket, SHUTTING_DOWN);
      const refusal = admission.admit(req, socket);
      if (refusal) return refuseUpgrade(socket, refusal);
      wss.handleUpgrade(req, socket, head, (ws) => {
        sessions.set(ws, new SocketSession(ws, limits.maxQueuedMessagesPerSocket));
        ws.once('close', () => sessions.delete(ws));
        wss.emit('connection', ws, req);
      });
    },
    get openSockets() {
      return sessions.size;
    },
    async close() {
      closing = true;
      await hub.stop();
      const open = [...sessions.values()];
      const closed = open.map((session) =>
        session.socket.readyState === session.socket.CLOSED
          ? Promise.resolve()
          : new Promise<void>((resolve) => session.socket.once('close', () => resolve())),
      );
      await Promise.all(
        open.map(async (session) => {
          await Promise.race([session.drained(), sleep(DRAIN_MS)]);
          session.socket.close(
            SocketCloseCode.GOING_AWAY,
            'Annals is shutting down; reconnect and resume with your last cursor.',
          );
        }),
      );
      const allClosed = Promise.all(closed);
      if ((await Promise.race([allClosed.then(() => true), sleep(CLOSE_WAIT_MS, false)])) === false) {
        for (const session of sessions.values()) session.socket.terminate();
        await allClosed;
      }
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function isErrorList<T>(value: T | readonly GraphQLError[]): value is readonly GraphQLError[] {
  return Array.isArray(value);
}
