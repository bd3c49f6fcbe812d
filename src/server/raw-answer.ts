import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { type Socket } from 'node:net';
import { type Duplex } from 'node:stream';

/** How long a closing connection may take to flush its answer, or to be closed by its client. */
const LINGER_MS = 1_000;

/**
 * A whole HTTP/1.1 response carrying a GraphQL-style error, `{"errors":[{"message",
 * "extensions":{"code",…}}]}`, with `Connection: close`, `Cache-Control: no-store` and a fresh
 * `x-request-id`: for writing straight to a socket, where there is no ServerResponse (a connection
 * refused before HTTP sees it, a request that never arrived whole).
 */
export function rawErrorAnswer(
  status: number,
  code: string,
  message: string,
  { headers = {}, extensions = {} }: { headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
): string {
  const body = JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] });
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'content-type: application/json; charset=utf-8',
    'cache-control: no-store',
    `x-request-id: ${randomUUID()}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    'connection: close',
    `content-length: ${Buffer.byteLength(body)}`,
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/**
 * Writes `answer` to a socket nothing else reads and closes it cleanly: the answer, then a FIN;
 * what the client still sends is read and dropped until it closes its side, for at most a second.
 * Closing at once with unread bytes would send a reset, on which a client may lose the answer.
 */
export function answerAndClose(socket: Socket, answer: string): void {
  socket.on('error', () => socket.destroy());
  if (!socket.writable) return void socket.destroy();
  const timer = setTimeout(() => socket.destroy(), LINGER_MS).unref();
  socket.once('close', () => clearTimeout(timer));
  socket.once('end', () => socket.destroy());
  socket.end(answer);
  socket.resume();
}

/**
 * Writes `answer` to a connection the HTTP server still reads, and destroys it once the answer is
 * flushed (or after a second): bytes the client sends after the answer are not to be parsed as
 * another request.
 */
export function answerAndDestroy(socket: Duplex, answer: string): void {
  const timer = setTimeout(() => socket.destroy(), LINGER_MS).unref();
  socket.end(answer, () => {
    clearTimeout(timer);
    socket.destroy();
  });
}
