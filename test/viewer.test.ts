import path from 'node:path';
import { type Page } from 'playwright-core';
import { useAppServer } from './helpers/app-server';
import { offlinePage, type PageRecord, useBrowser, waitFor } from './helpers/browser';
import { useTestDatabase } from './helpers/database';
import { useTokens } from './helpers/tokens';

const database = useTestDatabase();
const tokens = useTokens(database);
const server = useAppServer(() => ({ DATABASE_URL: database.url, NODE_ENV: 'test' }));
const chromium = useBrowser();
const pages: { page: Page; record: PageRecord }[] = [];

/** Where `ANNALS_VIEWER_SCREENSHOT=1 npx jest test/viewer.test.ts` writes the picture in the docs. */
const SCREENSHOT = path.resolve(__dirname, '../docs/viewer.png');

afterEach(async () => {
  for (const { page, record } of pages.splice(0)) {
    expect(record.refused).toEqual([]);
    expect(record.errors).toEqual([]);
    await page.close();
  }
});

/** Waits until the viewer has drawn what its state asks for. */
async function settled(page: Page): Promise<void> {
  await waitFor(page, "window.annalsViewer !== undefined && document.body.dataset.loading === 'false'");
  await page.evaluate('window.annalsViewer.settled()');
}

async function openViewer(query = ''): Promise<Page> {
  const opened = await offlinePage(chromium.browser);
  pages.push(opened);
  await opened.page.goto(`${server.base}/timeline${query}`);
  await settled(opened.page);
  return opened.page;
}

interface DrawnItem {
  id: string;
  eventId: string;
  content: string;
  group: string;
  className: string;
}

function items(page: Page): Promise<DrawnItem[]> {
  return page.evaluate<DrawnItem[]>('window.annalsViewer.items.get()');
}

async function showDays(page: Page, start: string, end: string): Promise<void> {
  await page.evaluate(`window.annalsViewer.timeline.setWindow('${start}', '${end}', { animation: false })`);
  await page.waitForTimeout(300);
}

async function graphql(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${server.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...tokens.editor },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data: Record<string, Record<string, unknown>>; errors?: unknown };
  expect(result.errors).toBeUndefined();
  return result.data;
}

describe('the viewer at /', () => {
  it("draws the seed's events by kind, PLANNED unlike OCCURRED, zoomable from 1949 to 2024, with nothing from the internet", async () => {
    const page = await openViewer();
    const drawn = await items(page);
    expect(drawn).toHaveLength(31);
    const groups = await page.evaluate<string[]>('window.annalsViewer.groups.getIds()');
    expect(groups.sort()).toEqual([...new Set(drawn.map((item) => item.group))].sort());
    await showDays(page, '1900-01-01', '2100-01-01');
    const range = await page.evaluate<number[]>(
      '[window.annalsViewer.timeline.getWindow().start, window.annalsViewer.timeline.getWindow().end].map((d) => d.getUTCFullYear())',
    );
    expect(range[0]).toBeGreaterThanOrEqual(1948);
    expect(range[0]).toBeLessThanOrEqual(1949);
    expect(range[1]).toBeGreaterThanOrEqual(2024);
    expect(range[1]).toBeLessThanOrEqual(2026);
    await page.check('input[value="MEETING"]');
    await settled(page);
    await showDays(page, '2023-03-19', '2023-03-24');
    const styles = await page.evaluate<Record<string, string>>(`(() => {
      const style = (selector) => getComputedStyle(document.querySelector(selector)).borderStyle;
      return { planned: style('.vis-item.annals-status-planned'), occurred: style('.vis-item.annals-status-occurred') };
    })()`);
    expect(styles).toEqual({ planned: 'dashed', occurred: 'solid' });
  });

  it('shows participants, quotes, the speaker and whom a source attributes it to when an event is clicked', async () => {
    const page = await openViewer();
    await showDays(page, '2023-03-19', '2023-03-22');
    await page.locator('.vis-item', { hasText: '布林肯谴责习近平访俄' }).click();
    await waitFor(page, "document.querySelector('#details h2')?.textContent.startsWith('布林肯')");
    const details = await page.locator('#details').innerText();
    expect(details).toContain('在国际刑事法院对普京发出逮捕令几天后,习近平前往俄罗斯');
    expect(details).toContain('发言者: 布林肯');
    expect(details).toContain('据 路透社');
    expect(details).toContain('布林肯 · speaker');
  });

  it('switches titles between Chinese and English, and keeps the language in the URL', async () => {
    const page = await openViewer();
    const before = (await items(page)).map((item) => item.content);
    expect(before).toContain('普京与习近平在克里姆林宫举行正式会谈');
    await page.click('#lang-en');
    await settled(page);
    const after = (await items(page)).map((item) => item.content);
    expect(after).toContain('Putin and Xi hold formal talks at the Kremlin');
    expect(after).not.toContain('普京与习近平在克里姆林宫举行正式会谈');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
  });

  it('filters by kind and actor from a shared URL, and writes changed filters back into the URL', async () => {
    const page = await openViewer('?lang=en&kinds=MEETING&actor=vladimir-putin');
    const drawn = await items(page);
    expect(drawn.length).toBeGreaterThanOrEqual(2);
    expect(new Set(drawn.map((item) => item.group))).toEqual(new Set(['MEETING']));
    expect(await page.inputValue('#actor')).toBe('vladimir-putin');
    await page.check('input[value="VISIT"]');
    await settled(page);
    expect(new URL(page.url()).searchParams.get('kinds')).toBe('MEETING,VISIT');
    expect(new Set((await items(page)).map((item) => item.group))).toEqual(new Set(['MEETING', 'VISIT']));
    await page.selectOption('#actor', '');
    await settled(page);
    expect(new URL(page.url()).searchParams.has('actor')).toBe(false);
  });

  it('brings back the Tuesday talks as PLANNED on the as-of slider after setEventStatus marked them OCCURRED', async () => {
    const { event } = await graphql('{ event(slug: "xi-putin-formal-talks") { id revision } }');
    const changed = await graphql(
      `
        mutation ($id: ID!, $revision: Int!) {
          setEventStatus(
            input: {
              id: $id
              status: OCCURRED
              expectedRevision: $revision
              reason: "The talks took place on Tuesday afternoon."
            }
          ) {
            event {
              status
            }
          }
        }
      `,
      { id: event!.id, revision: event!.revision },
    );
    expect(changed.setEventStatus).toEqual({ event: { status: 'OCCURRED' } });
    const page = await openViewer('?lang=en&kinds=MEETING,VISIT,LEGAL_ACTION');
    const talks = (drawn: DrawnItem[]) => drawn.find((item) => item.eventId === event!.id)!;
    expect(talks(await items(page)).className).toContain('annals-status-occurred');
    const positions = Number(await page.getAttribute('#as-of', 'max'));
    expect(positions).toBeGreaterThanOrEqual(2);
    await page.locator('#as-of').fill(String(positions - 2));
    await settled(page);
    expect(talks(await items(page)).className).toContain('annals-status-planned');
    expect(new URL(page.url()).searchParams.get('asOf')).toMatch(/^\d{4}-\d\d-\d\dT/);
    await showDays(page, '2023-03-19', '2023-03-23');
    await page.locator('.vis-item', { hasText: 'Putin and Xi hold formal talks' }).click();
    await waitFor(page, "document.querySelector('#details [data-status]')?.dataset.status === 'PLANNED'");
    if (process.env.ANNALS_VIEWER_SCREENSHOT) {
      await page.mouse.move(0, 0);
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: SCREENSHOT });
    }
    await page.locator('#as-of').fill(String(positions));
    await settled(page);
    expect(talks(await items(page)).className).toContain('annals-status-occurred');
  });
});
