import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { type AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, driven headless with no network but this machine's. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A tiny static server for one HTML page, on a port of its own (so an origin of its own). */
export interface PageServer {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** What `/` serves from now on. */
  show(html: string): void;
  close(): Promise<void>;
}

/** graphql-ws's browser build, as the page loads it. */
const GRAPHQL_WS_CLIENT = readFileSync(path.resolve(__dirname, '../../node_modules/graphql-ws/umd/graphql-ws.min.js'));

/**
 * Serves `html` at `/` and graphql-ws's browser client at `/graphql-ws.js` on 127.0.0.1 and a free
 * port; the page can be changed once the origin is known (the API's CORS_ORIGINS needs it first).
 */
export async function servePage(html = ''): Promise<PageServer> {
  const server = http.createServer((req, res) => {
    if (req.url === '/graphql-ws.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(GRAPHQL_WS_CLIENT);
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    show: (page) => (html = page),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
