import { type Browser } from 'playwright-core';
import { useAppServer } from './helpers/app-server';
import { launchChromium, servePage, type PageServer } from './helpers/browser';
import { useTestDatabase } from './helpers/database';
import { useTokens } from './helpers/tokens';

/**
 * A newsroom page: it reads the cursor of the latest change, then the timeline (with `fetch`), then
 * follows the timeline over a WebSocket with graphql-ws's browser client from that cursor, and
 * shows each change. What fails is written into the page, for the test to read.
 */
function newsroomPage(api: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><script src="/graphql-ws.js"></script></head>
<body><ol id="timeline"></ol><ol id="changes"></ol><p id="problems"></p>
<script>
const api = ${JSON.stringify(api)};
const problems = document.getElementById('problems');
const report = (what) => (problems.textContent += what + ';');
async function graphql(query) {
  const response = await fetch(api + '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await response.json()).data;
}
(async () => {
  let cursor = null;
  try {
    cursor = (await graphql('{ latestChangeCursor }')).latestChangeCursor;
    const { timeline } = await graphql('{ timeline(first: 100) { nodes { slug title(lang: "en") } } }');
    for (const event of timeline.nodes) {
      const item = document.createElement('li');
      item.dataset.slug = event.slug;
      item.textContent = event.title;
      document.getElementById('timeline').append(item);
    }
    document.body.dataset.timeline = 'loaded';
  } catch (error) {
    report('fetch: ' + error.message);
  }
  const client = graphqlWs.createClient({
    url: api.replace('http', 'ws') + '/graphql',
    retryAttempts: 0,
    on: { closed: (event) => report('socket closed ' + event.code) },
  });
  client.subscribe(
    {
      query: 'subscription ($after: String) { timelineChanges(after: $after) { cursor action event { slug tags } } }',
      variables: { after: cursor },
    },
    {
      next: ({ data }) => {
        const item = document.createElement('li');
        item.dataset.slug = data.timelineChanges.event.slug;
        item.dataset.at = String(Date.now());
        item.textContent = data.timelineChanges.action + ' ' + data.timelineChanges.event.tags.join(',');
        document.getElementById('changes').append(item);
      },
      error: (error) => report('subscription: ' + (error.message || error.type || error)),
      complete: () => undefined,
    },
  );
})();
</script></body></html>`;
}

describe('a newsroom page on another origin, in headless Chromium', () => {
  const database = useTestDatabase();
  const tokens = useTokens(database);
  let browser: Browser;
  let allowedPage: PageServer;
  let otherPage: PageServer;
  beforeAll(async () => {
    allowedPage = await servePage();
    otherPage = await servePage();
    browser = await launchChromium();
  }, 30_000);
  const server = useAppServer(() => ({ DATABASE_URL: database.url, CORS_ORIGINS: allowedPage.origin }));
  beforeAll(() => {
    allowedPage.show(newsroomPage(server.base));
    otherPage.show(newsroomPage(server.base));
  });

  afterAll(async () => {
    await browser?.close();
    await allowedPage?.close();
    await otherPage?.close();
  });

  async function editorTags(slug: string, tags: string[]): Promise<void> {
    const headers = { 'content-type': 'application/json', authorization: tokens.editor.authorization };
    const idResponse = await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: `{ event(slug: "${slug}") { id } }` }),
    });
    const id = ((await idResponse.json()) as { data: { event: { id: string } } }).data.event.id;
    const response = await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        query: 'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { revision } } }',
        variables: { input: { id, tags } },
      }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
  }

  it("shows the seeded timeline and an editor's change within a second", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${allowedPage.origin}/`);
      await page.waitForSelector('body[data-timeline="loaded"]', { timeout: 10_000 });
      expect(await page.locator('#timeline li').count()).toBe(31);
      expect(await page.locator('#timeline li[data-slug="xi-putin-formal-talks"]').count()).toBe(1);
      // The subscription starts from the cursor read before the timeline, so it misses nothing
      // committed after that read, whenever its socket opens.
      const committedAt = Date.now();
      await editorTags('xi-putin-formal-talks', ['seen-in-chromium']);
      const change = page.locator('#changes li[data-slug="xi-putin-formal-talks"]');
      await change.waitFor({ timeout: 1_000 });
      expect(await change.textContent()).toBe('UPDATED seen-in-chromium');
      expect(Number(await change.getAttribute('data-at')) - committedAt).toBeLessThan(1_000);
      expect(await page.locator('#problems').textContent()).toBe('');
    } finally {
      await page.close();
    }
  });

  it('fails fetch and the socket alike from an origin CORS_ORIGINS does not list', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${otherPage.origin}/`);
      await page.locator('#problems', { hasText: 'socket' }).waitFor({ timeout: 10_000 });
      const problems = await page.locator('#problems').textContent();
      expect(problems).toContain('fetch: Failed to fetch');
      expect(problems).toMatch(/socket closed 1006/);
      expect(await page.locator('#changes li').count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});

describe('the playground', () => {
  const database = useTestDatabase();
  const tokens = useTokens(database);
  const server = useAppServer(() => ({ DATABASE_URL: database.url }));
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('runs a subscription over the same socket and shows the changes as they come', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.base}/graphql`);
      await page.locator('.graphiql-query-editor .CodeMirror').waitFor({ timeout: 15_000 });
      // GraphiQL's editor is CodeMirror 5, which keeps its instance on its element.
      await page
        .locator('.graphiql-query-editor .CodeMirror')
        .evaluate(
          (element, query) =>
            (element as unknown as { CodeMirror: { setValue(text: string): void } }).CodeMirror.setValue(query),
          'subscription { timelineChanges { action event { slug tags } } }',
        );
      // GraphiQL parses the editor's text a moment after it changes, and picks the socket from that parse.
      await page.waitForTimeout(500);
      await page.locator('.graphiql-execute-button').click();
      const headers = { 'content-type': 'application/json', authorization: tokens.editor.authorization };
      const post = async (query: string, variables: Record<string, unknown> = {}) =>
        (await (
          await fetch(`${server.base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) })
        ).json()) as { data: { event: { id: string } } };
      const { data } = await post('{ event(slug: "xi-putin-formal-talks") { id } }');
      // Without `after`, a subscription follows the changes from the moment its socket joined,
      // which the page does not show: change until one arrives.
      const shown = page.locator('.result-window', { hasText: 'seen-in-the-playground' });
      for (let attempt = 0; attempt < 20 && !(await shown.count()); attempt += 1) {
        await post('mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { revision } } }', {
          input: { id: data.event.id, tags: [`seen-in-the-playground-${attempt}`] },
        });
        await shown.waitFor({ timeout: 500 }).catch(() => undefined);
      }
      expect(await shown.count()).toBe(1);
    } finally {
      await page.close();
    }
  });
});
