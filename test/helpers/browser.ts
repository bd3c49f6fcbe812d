import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; CI installs it before the tests (see .ci/run). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, driven headless with no network but this machine's. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A headless Chromium for the tests of the enclosing block, closed after them. */
export function useBrowser(): { browser: Browser } {
  const handle = {} as { browser: Browser };
  beforeAll(async () => {
    handle.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await handle.browser?.close();
  });
  return handle;
}

/** What a page did that a test should see: uncaught errors, console errors, requests it was refused. */
export interface PageRecord {
  errors: string[];
  refused: string[];
}

/**
 * A new page that reaches only 127.0.0.1 and localhost: any other request is aborted and recorded,
 * so a test shows that the page needs no internet. Page errors and console errors are recorded too.
 */
export async function offlinePage(browser: Browser): Promise<{ page: Page; record: PageRecord }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const record: PageRecord = { errors: [], refused: [] };
  page.on('pageerror', (error) => record.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') record.errors.push(message.text());
  });
  await page.route('**/*', (route) => {
    const { hostname, protocol } = new URL(route.request().url());
    if (protocol === 'data:' || hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
    record.refused.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  return { page, record };
}

/**
 * Waits until the JavaScript `expression` is truthy in `page`, polling with page.evaluate, which
 * DevTools runs outside the page's Content-Security-Policy; Playwright's waitForFunction evals
 * inside the page, which a CSP without 'unsafe-eval' (the viewer's) refuses.
 */
export async function waitFor(page: Page, expression: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate<unknown>(expression))) {
    if (Date.now() > deadline) throw new Error(`still not true after ${timeoutMs} ms: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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
