import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Page } from 'playwright-core';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * Makes `page` find the files of an installed npm package under `<origin>/__test/<packageName>/`,
 * read from node_modules, for test pages that load a library the app itself does not serve.
 */
export async function servePackage(page: Page, origin: string, packageName: string): Promise<void> {
  const root = path.resolve(__dirname, '../../node_modules', packageName);
  const prefix = `${origin}/__test/${packageName}/`;
  await page.route(`${prefix}**`, (route) => {
    const relative = decodeURIComponent(
      new URL(route.request().url()).pathname.slice(`/__test/${packageName}/`.length),
    );
    const file = path.resolve(root, relative);
    if (!file.startsWith(root + path.sep)) return route.fulfill({ status: 404 });
    try {
      return route.fulfill({
        body: readFileSync(file),
        contentType: TYPES[path.extname(file)] ?? 'application/octet-stream',
      });
    } catch {
      return route.fulfill({ status: 404 });
    }
  });
}

/** Makes `page` get `html` for `url`, a page of the app's origin that the app does not have. */
export async function servePage(page: Page, url: string, html: string): Promise<void> {
  await page.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
}
