/** The close codes a GraphQL WebSocket of Annals may end with, besides graphql-ws's own (44xx). */
export const SocketCloseCode = {
  /** The server is shutting down: reconnect (to another instance) and resume from your last cursor. */
  GOING_AWAY: 1001,
  /** `connection_init` carried a token that is malformed, unknown or revoked; the reason says which. */
  FORBIDDEN: 4403,
  /** More messages waited for the client than MAX_QUEUED_MESSAGES_PER_SOCKET: it read too slowly. */
  SLOW_CONSUMER: 4413,
} as const;

/** The code of an upgrade refused over MAX_SOCKETS_PER_CLIENT (HTTP 503). */
export const TOO_MANY_SOCKETS = 'TOO_MANY_SOCKETS';

/** The code of an operation refused over MAX_SUBSCRIPTIONS_PER_SOCKET. */
export const TOO_MANY_SUBSCRIPTIONS = 'TOO_MANY_SUBSCRIPTIONS';
