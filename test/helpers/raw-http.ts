import net from 'node:net';

/** One HTTP/1.1 response as read off a raw socket. */
export interface RawAnswer {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body, de-chunked. */
  body: string;
}

/** How a raw connection ended. */
export interface RawClose {
  /** Milliseconds from {@link RawConnection.startedAt} to the close. */
  ms: number;
  /** The server closed its side (a FIN) before the socket closed. */
  ended: boolean;
  /** The socket error seen, such as ECONNRESET or EPIPE; null for a clean close. */
  error: string | null;
}

/** A chunked body at the start of `raw` and how many characters it takes; null while incomplete. */
function decodeChunked(raw: string): { body: string; consumed: number } | null {
  let body = '';
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = parseInt(raw.slice(at, lineEnd), 16);
    if (Number.isNaN(size)) return null;
    if (size === 0) return raw.startsWith('\r\n', lineEnd + 2) ? { body, consumed: lineEnd + 4 } : null;
    if (raw.length < lineEnd + 2 + size + 2) return null;
    body += raw.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}

/** The responses complete in `text`, in order (bodies read as UTF-8 text, which the tests send). */
export function parseAnswers(text: string): RawAnswer[] {
  const answers: RawAnswer[] = [];
  let rest = text;
  for (;;) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) return answers;
    const [statusLine = '', ...lines] = rest.slice(0, headEnd).split('\r\n');
    const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine)?.[1] ?? NaN);
    const headers = Object.fromEntries(
      lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    const raw = rest.slice(headEnd + 4);
    let message: { body: string; consumed: number } | null;
    if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      message = raw.length >= length ? { body: raw.slice(0, length), consumed: length } : null;
    } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      message = decodeChunked(raw);
    } else {
      message = status === 304 || status === 100 ? { body: '', consumed: 0 } : null;
    }
    if (message === null) return answers;
    if (status !== 100) answers.push({ status, headers, body: message.body });
    rest = raw.slice(message.consumed);
  }
}

/** A client connection on a raw socket that records what it receives and how it ends. */
export class RawConnection {
  received = '';
  /** performance.now() when the connection was made. */
  startedAt = 0;
  readonly closed: Promise<RawClose>;
  private ended = false;
  private error: string | null = null;
  private readonly socket: net.Socket;
  private waiters: (() => void)[] = [];

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.received += chunk.toString('utf8');
      for (const waiter of this.waiters.splice(0)) waiter();
    });
    socket.on('end', () => (this.ended = true));
    socket.on('error', (error: NodeJS.ErrnoException) => (this.error ??= error.code ?? error.message));
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        for (const waiter of this.waiters.splice(0)) waiter();
        resolve({ ms: performance.now() - this.startedAt, ended: this.ended, error: this.error });
      }),
    );
  }

  /** Connects to 127.0.0.1:`port`, from `localAddress` (any 127.0.0.0/8 address on Linux) if given. */
  static open(port: number, localAddress?: string): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host: '127.0.0.1', ...(localAddress ? { localAddress } : {}) });
      const connection = new RawConnection(socket);
      socket.once('connect', () => {
        connection.startedAt = performance.now();
        socket.off('error', reject);
        resolve(connection);
      });
      socket.once('error', reject);
    });
  }

  get isClosed(): boolean {
    return this.socket.closed;
  }

  /** Writes `text` as a client that has not noticed a close would: a failure shows in {@link closed}. */
  write(text: string): void {
    if (!this.socket.destroyed) this.socket.write(text);
  }

  /** Writes `text` a byte every `everyMs` until it is all sent or the socket closes; resolves then. */
  async trickle(text: string, everyMs: number): Promise<void> {
    for (const byte of text) {
      if (!this.socket.writable) return;
      this.socket.write(byte);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }

  /** The `count`th complete answer on this connection; rejects if the connection closes before. */
  async answer(count = 1): Promise<RawAnswer> {
    for (;;) {
      const answers = parseAnswers(this.received);
      if (answers.length >= count) return answers[count - 1]!;
      if (this.socket.closed) throw new Error(`closed after ${answers.length} answers: ${this.received}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Closes the client's side and waits for the close. */
  async end(): Promise<RawClose> {
    this.socket.end();
    return this.closed;
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** A GET with keep-alive, as a raw request. */
export const keepAliveGet = (path: string): string => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;

/** A POST of the JSON `body` to /graphql, as a raw request. */
export function graphqlPost(body: string): string {
  return (
    `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
    `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

/** Whether a TCP connection to 127.0.0.1:`port` is refused. */
export function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** Resolves once `check` holds, polling every 20 ms; rejects after `ms`. */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`not true within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
