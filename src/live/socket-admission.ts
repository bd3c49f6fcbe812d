import { type IncomingMessage } from 'node:http';
import { type Duplex } from 'node:stream';
import { ErrorCode } from '../graphql/errors';
import { clientAddress } from '../server/client-address';
import { CORS_ORIGIN_NOT_ALLOWED, corsRefusalMessage, type CorsPolicy } from '../server/cors-policy';
import { answerAndDestroy, rawErrorAnswer } from '../server/raw-answer';
import { counters, gauges } from '../shared/metrics';
import { TOO_MANY_SOCKETS } from './socket-close-codes';

/** An upgrade refused before it becomes a socket: the HTTP answer it gets. */
export interface UpgradeRefusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** Whether trying again shortly may work (`Retry-After: 1`). */
  readonly retry: boolean;
}

/** The refusal of an upgrade that arrives while the server shuts down. */
export const SHUTTING_DOWN: UpgradeRefusal = {
  status: 503,
  code: ErrorCode.SERVICE_UNAVAILABLE,
  message: 'Annals is shutting down; try again shortly.',
  retry: true,
};

/** Answers a refused upgrade with its JSON error and closes the connection. */
export function refuseUpgrade(socket: Duplex, { status, code, message, retry }: UpgradeRefusal): void {
  const extra = retry ? { headers: { 'retry-after': '1' }, extensions: { retryAfter: 1 } } : {};
  answerAndDestroy(socket, rawErrorAnswer(status, code, message, extra));
}

/**
 * Which WebSocket upgrades may go ahead: at `/graphql` only (404), from a page origin the CORS
 * policy allows (403 CORS_ORIGIN_NOT_ALLOWED; browsers apply no CORS to sockets), and at most
 * `maxSocketsPerClient` open at once per client address as rate limiting counts it, TRUST_PROXY
 * included (503 TOO_MANY_SOCKETS, Retry-After: 1). An admitted connection counts until its TCP
 * connection closes, however the upgrade ends.
 */
export class SocketAdmission {
  private readonly perClient = new Map<string, number>();

  constructor(
    private readonly cors: CorsPolicy,
    private readonly limits: { readonly trustProxy: number; readonly maxSocketsPerClient: number },
  ) {}

  /** Admits the upgrade `req` on `socket` (null) and counts it, or says why not. */
  admit(req: IncomingMessage, socket: Duplex): UpgradeRefusal | null {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/graphql') {
      return {
        status: 404,
        code: 'NOT_FOUND',
        message: `No WebSocket at ${path}; the API is at /graphql.`,
        retry: false,
      };
    }
    if (!this.cors.allows(req)) {
      return { status: 403, code: CORS_ORIGIN_NOT_ALLOWED, message: corsRefusalMessage(req), retry: false };
    }
    const client = clientAddress(req, this.limits.trustProxy);
    const open = this.perClient.get(client) ?? 0;
    const cap = this.limits.maxSocketsPerClient;
    if (cap > 0 && open >= cap) {
      counters.socketsRefused += 1;
      return {
        status: 503,
        code: TOO_MANY_SOCKETS,
        message: `Too many WebSockets from your address (at most ${cap}); close one, or run several subscriptions on one.`,
        retry: true,
      };
    }
    this.perClient.set(client, open + 1);
    gauges.openSockets += 1;
    socket.once('close', () => {
      gauges.openSockets -= 1;
      const left = (this.perClient.get(client) ?? 1) - 1;
      if (left > 0) this.perClient.set(client, left);
      else this.perClient.delete(client);
    });
    return null;
  }
}
