import { type Server } from 'node:http';
import { type Socket } from 'node:net';
import { type Logger } from '../logger';
import { counters, gauges } from '../shared/metrics';
import { throttledWarning } from '../shared/throttled-warning';
import { peerAddress } from './client-address';
import { answerAndClose, rawErrorAnswer } from './raw-answer';

/** How many connections may be open at once. */
export interface ConnectionLimits {
  /** In total. */
  readonly maxConnections: number;
  /** From one peer address (IPv6: one /64); 0 for no such cap. */
  readonly maxConnectionsPerClient: number;
}

const REFUSALS = {
  MAX_CONNECTIONS: 'Annals has too many open connections; try again shortly.',
  MAX_CONNECTIONS_PER_CLIENT: 'Too many open connections from your address; close one or try again shortly.',
} as const;

function refusal(cap: keyof typeof REFUSALS): string {
  return rawErrorAnswer(503, 'TOO_MANY_CONNECTIONS', REFUSALS[cap], {
    headers: { 'retry-after': '1' },
    extensions: { retryAfter: 1 },
  });
}

/**
 * Caps the connections open on `server` at once, in total and per peer address. A connection over
 * a cap never reaches HTTP: it is answered at once with 503 TOO_MANY_CONNECTIONS, `Retry-After: 1`
 * and `Connection: close`, and closed. Refusals count in `annals_connections_refused_total` and
 * are logged at warn, at most two lines per 10 s; `annals_open_connections` tracks the rest. Call
 * it before anything else listens for `connection` on `server`.
 */
export function limitConnections(server: Server, limits: ConnectionLimits, logger: Logger): void {
  const warn = throttledWarning(logger, 'refused connections over a cap');
  const perAddress = new Map<string, number>();
  let open = 0;
  // Node's own server.maxConnections drops a connection without a word and knows no per-address
  // cap, so the gate stands in front of the HTTP server's connection listener instead.
  const serve = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    const address = peerAddress(socket);
    const fromAddress = perAddress.get(address) ?? 0;
    const cap =
      open >= limits.maxConnections
        ? 'MAX_CONNECTIONS'
        : limits.maxConnectionsPerClient > 0 && fromAddress >= limits.maxConnectionsPerClient
          ? 'MAX_CONNECTIONS_PER_CLIENT'
          : null;
    if (cap) {
      counters.connectionsRefused += 1;
      warn(cap, address);
      return answerAndClose(socket, refusal(cap));
    }
    open += 1;
    gauges.openConnections += 1;
    perAddress.set(address, fromAddress + 1);
    socket.once('close', () => {
      open -= 1;
      gauges.openConnections -= 1;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
    for (const listener of serve) listener.call(server, socket);
  });
}
