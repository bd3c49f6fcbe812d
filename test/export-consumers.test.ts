import { useAppServer } from './helpers/app-server';
import { offlinePage, useBrowser } from './helpers/browser';
import { useTestDatabase } from './helpers/database';
import { servePackage, servePage } from './helpers/package-files';

const database = useTestDatabase();
const server = useAppServer(() => ({ DATABASE_URL: database.url, NODE_ENV: 'test' }));
const chromium = useBrowser();

const TIMELINEJS_PAGE = `<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="/__test/@knight-lab/timelinejs/dist/css/timeline.css">
<script src="/__test/@knight-lab/timelinejs/dist/js/timeline.js"></script></head>
<body><div id="timeline" style="width: 1200px; height: 700px"></div>
<script>
fetch('/export/timelinejs.json?lang=en').then((response) => response.json()).then((exported) => {
  window.exported = exported;
  window.timeline = new TL.Timeline('timeline', exported, {
    script_path: location.origin + '/__test/@knight-lab/timelinejs/dist/js/',
    font: null,
  });
});
</script></body></html>`;

const VIS_PAGE = `<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="/__test/vis-timeline/styles/vis-timeline-graph2d.min.css">
<script src="/__test/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js"></script></head>
<body><div id="vis" style="width: 1200px"></div>
<script>
fetch('/export/vis-timeline.json?lang=en').then((response) => response.json()).then((exported) => {
  window.exported = exported;
  window.timeline = new vis.Timeline(document.getElementById('vis'), new vis.DataSet(exported.items),
    new vis.DataSet(exported.groups), { start: '2023-03-19T00:00:00Z', end: '2023-03-23T00:00:00Z', stack: true });
  window.timeline.on('changed', () => { window.drawn = true; });
});
</script></body></html>`;

describe('the exports in the libraries that read them, in Chromium', () => {
  it('TimelineJS 3 builds a slide for every exported event and an era for every parent, offline', async () => {
    const { page, record } = await offlinePage(chromium.browser);
    await servePackage(page, server.base, '@knight-lab/timelinejs');
    await servePage(page, `${server.base}/timelinejs-check.html`, TIMELINEJS_PAGE);
    await page.goto(`${server.base}/timelinejs-check.html`);
    await page.waitForFunction("document.querySelectorAll('.tl-slide').length > 1", undefined, { timeout: 20_000 });
    const counts = await page.evaluate<{
      events: number;
      slides: number;
      markers: number;
      eras: number[];
      message: null;
    }>(`({
      events: exported.events.length,
      slides: document.querySelectorAll('.tl-slide').length,
      markers: document.querySelectorAll('.tl-timemarker').length,
      eras: [exported.eras.length, document.querySelectorAll('.tl-timeera').length],
      message: document.querySelector('.tl-message-full')?.textContent ?? null,
    })`);
    expect(counts).toEqual({
      events: 31,
      slides: 32,
      markers: 31,
      eras: [counts.eras[0], counts.eras[0]],
      message: null,
    });
    expect(counts.eras[0]).toBeGreaterThanOrEqual(2);
    const slideText = await page.evaluate<string>(`(() => {
      const blinken = exported.events.find((event) => event.text.headline.startsWith('Blinken'));
      timeline.goToId(blinken.unique_id);
      return document.getElementById(blinken.unique_id)?.textContent ?? '';
    })()`);
    expect(slideText).toContain('Blinken condemns');
    expect(slideText).toContain('在国际刑事法院对普京发出逮捕令几天后');
    expect(record.errors).toEqual([]);
    await page.close();
  });

  it('vis-timeline draws every item, days as ranges a day wide and PLANNED with its own class, offline', async () => {
    const { page, record } = await offlinePage(chromium.browser);
    await servePackage(page, server.base, 'vis-timeline');
    await servePage(page, `${server.base}/vis-check.html`, VIS_PAGE);
    await page.goto(`${server.base}/vis-check.html`);
    await page.waitForFunction('window.drawn === true', undefined, { timeout: 20_000 });
    const drawn = await page.evaluate<{
      [key in 'exported' | 'accepted' | 'planned' | 'informalWidth' | 'visitWidth' | 'windowWidth']: number;
    }>(`(() => {
      const width = (title) => [...document.querySelectorAll('.vis-item')]
        .find((item) => item.textContent.startsWith(title))?.getBoundingClientRect().width ?? null;
      return {
        exported: exported.items.length,
        accepted: timeline.itemsData.length,
        planned: document.querySelectorAll('.vis-item.annals-status-planned').length,
        informalWidth: width('Putin and Xi hold informal talks'),
        visitWidth: width("Xi Jinping's state visit to Russia"),
        windowWidth: document.querySelector('.vis-center').getBoundingClientRect().width,
      };
    })()`);
    expect(drawn.accepted).toBe(drawn.exported);
    expect(drawn.planned).toBeGreaterThanOrEqual(1);
    // The window shows 4 days: a DAY event is a quarter of it, the 3-day visit three quarters.
    expect(drawn.informalWidth! / drawn.windowWidth).toBeCloseTo(0.25, 1);
    expect(drawn.visitWidth! / drawn.windowWidth).toBeCloseTo(0.75, 1);
    expect(record.errors).toEqual([]);
    await page.close();
  });
});
