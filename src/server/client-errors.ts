import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type Socket } from 'node:net';
import { type Duplex } from 'node:stream';
import { type Logger } from '../logger';
import { counters } from '../shared/metrics';
import { throttledWarning } from '../shared/throttled-warning';
import { peerAddress } from './client-address';
import { answerAndDestroy, rawErrorAnswer } from './raw-answer';

/** The deadlines the server's clients are held to. */
export interface ClientDeadlines {
  /** For the head of a request, from its first byte (or from the connection, for the first request). */
  readonly headersTimeoutMs: number;
  /** For the whole body of a request, from the moment its head is in. */
  readonly bodyTimeoutMs: number;
}

/** The 408 of a request whose body did not arrive within `bodyTimeoutMs` of its head. */
export function bodyTimeoutMessage(bodyTimeoutMs: number): string {
  return `The request body did not arrive within ${bodyTimeoutMs} ms of its headers; the connection is closed.`;
}

function answerFor(code: string, deadlines: ClientDeadlines, receivingBody: boolean): string {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return receivingBody
      ? rawErrorAnswer(408, 'BODY_TIMEOUT', bodyTimeoutMessage(deadlines.bodyTimeoutMs))
      : rawErrorAnswer(
          408,
          'HEADERS_TIMEOUT',
          `The request headers did not arrive within ${deadlines.headersTimeoutMs} ms; the connection is closed.`,
        );
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return rawErrorAnswer(431, 'HEADERS_TOO_LARGE', 'The request headers are too large.');
  }
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') {
    return rawErrorAnswer(413, 'PAYLOAD_TOO_LARGE', 'A chunk extension of the request body is too large.');
  }
  return rawErrorAnswer(400, 'BAD_REQUEST', 'The request is not valid HTTP/1.1.');
}

/**
 * Answers what Node's HTTP server turns away before the app has a request to answer, with the
 * app's JSON errors instead of Node's bare status lines, and closes the connection: a head not in
 * within the headers timeout gets 408 HEADERS_TIMEOUT, a body not in within the request timeout
 * 408 BODY_TIMEOUT (or no second answer, if the app answered without reading it), headers over
 * Node's size limit 431 HEADERS_TOO_LARGE, anything else that is not HTTP/1.1 400 BAD_REQUEST.
 * Nothing is written into a response under way. Clients cut for slowness count in
 * `annals_client_timeouts_total` and are logged at warn, at most two lines per 10 s.
 */
export function answerClientErrors(server: Server, deadlines: ClientDeadlines, logger: Logger): void {
  const warn = throttledWarning(logger, 'cut connections whose request did not arrive in time');
  const latest = new WeakMap<Duplex, { req: IncomingMessage; res: ServerResponse }>();
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) =>
    latest.set(req.socket, { req, res }),
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const code = error.code ?? '';
    const timedOut = code === 'ERR_HTTP_REQUEST_TIMEOUT';
    // Anything else that is neither a timeout nor a parse error is the connection failing (a reset, a
    // broken pipe): there is nobody left to answer.
    if (!timedOut && !code.startsWith('HPE_')) return void socket.destroy();
    const exchange = latest.get(socket);
    const receivingBody = exchange !== undefined && !exchange.req.complete;
    if (timedOut) {
      counters.clientTimeouts += 1;
      warn(receivingBody ? 'BODY_TIMEOUT_MS' : 'HEADERS_TIMEOUT_MS', peerAddress(socket as Socket));
    }
    const answered =
      exchange !== undefined && exchange.res.headersSent && (receivingBody || !exchange.res.writableFinished);
    if (answered || !socket.writable) return void socket.destroy();
    answerAndDestroy(socket, answerFor(code, deadlines, receivingBody));
  });
}
