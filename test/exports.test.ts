import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import { compact, expand, type ContextDefinition, type Options } from 'jsonld';
import { useAppServer } from './helpers/app-server';
import { useTestDatabase } from './helpers/database';
import { useTokens } from './helpers/tokens';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- ical.js ships CommonJS for require(); its types describe the ES module
const ICAL = require('ical.js') as typeof ICALModule;
/** @types/jsonld types contexts as objects only; jsonld takes a context URL as well. */
const SCHEMA_ORG = 'https://schema.org' as unknown as ContextDefinition;

const database = useTestDatabase();
const tokens = useTokens(database);
const server = useAppServer(() => ({ DATABASE_URL: database.url, NODE_ENV: 'test' }));

/** A GET of an export with `params`; the body as text. */
async function get(path: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.base}${path}?${new URLSearchParams(params).toString()}`, { headers });
  return { response, text: await response.text() };
}

async function getJson(path: string, params: Record<string, string> = {}) {
  const { response, text } = await get(path, params);
  expect(response.status).toBe(200);
  return JSON.parse(text);
}

async function graphql(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${server.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...tokens.editor },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data: Record<string, { id: string }>; errors?: unknown };
  expect(result.errors).toBeUndefined();
  return result.data;
}

async function globalId(type: 'event' | 'actor' | 'source', slug: string): Promise<string> {
  return (await graphql(`query ($slug: String!) { ${type}(slug: $slug) { id } }`, { slug }))[type]!.id;
}

/**
 * schema.org's context, stood in for offline: the tests reach no network, and for the terms used
 * here the published context says no more than that they are in the vocabulary.
 */
const documentLoader: Options.DocLoader['documentLoader'] = async (url) => {
  if (url.replace(/\/$/, '') !== 'https://schema.org') throw new Error(`no network: ${url}`);
  return { documentUrl: url, document: { '@context': { '@vocab': 'https://schema.org/' } } };
};

describe('the TimelineJS export', () => {
  it('gives a slide per event, dated only as precisely as the event, with its global id, group and text', async () => {
    const document = await getJson('/export/timelinejs.json', { lang: 'en' });
    expect(document.title.text.headline).toBe('Annals timeline');
    expect(document.events).toHaveLength(31);
    const talks = document.events.find((slide: { text: { headline: string } }) =>
      slide.text.headline.startsWith('Putin and Xi hold formal talks'),
    );
    expect(talks).toMatchObject({
      start_date: { year: '2023', month: '3', day: '21' },
      display_date: '2023-03-21',
      group: 'Meetings',
      unique_id: await globalId('event', 'xi-putin-formal-talks'),
    });
    expect(talks.end_date).toBeUndefined();
    const election = document.events.find(
      (slide: { start_date: { year: string } }) => slide.start_date.year === '2024',
    );
    expect(election.start_date).toEqual({ year: '2024' });
    const mao = document.events.find((slide: { start_date: { year: string } }) => slide.start_date.year === '1949');
    expect(mao).toMatchObject({
      end_date: { year: '1950', month: '2', day: '17' },
      display_date: '1949-12-16 – 1950-02-17',
    });
  });

  it('puts quotes, speakers and sources in the slide text with every text HTML-escaped, and eras from PART_OF parents', async () => {
    const document = await getJson('/export/timelinejs.json', { lang: 'zh-Hans' });
    const blinken = document.events.find((slide: { text: { headline: string } }) =>
      slide.text.headline.startsWith('布林肯'),
    );
    expect(blinken.text.headline).toBe('布林肯谴责习近平访俄为俄罗斯提供“外交掩护”');
    expect(blinken.text.text).toContain('<blockquote>在国际刑事法院对普京发出逮捕令几天后');
    expect(blinken.text.text).toContain(
      '<p class="annals-citation">— 布林肯, in <a href="https://t.co/Tpb1KF0gnP">习近平访俄甚过当年毛泽东拜会斯大林</a></p>',
    );
    expect(blinken.text.text).toContain(
      '<p class="annals-note">Direct quote (Chinese translation of Blinken&#39;s remarks).</p>',
    );
    expect(blinken.group).toBe('表态');
    expect(document.eras.map((era: { text: { headline: string } }) => era.text.headline)).toEqual(
      expect.arrayContaining(['毛泽东访问苏联拜会斯大林', '习近平对俄罗斯进行国事访问']),
    );
    const visit = document.eras.find(
      (era: { text: { headline: string } }) => era.text.headline === '习近平对俄罗斯进行国事访问',
    );
    expect(visit).toMatchObject({ start_date: { year: '2023', month: '3', day: '20' }, end_date: { day: '23' } });
    const html = document.events.map((slide: { text: { text: string } }) => slide.text.text).join('');
    expect(html).not.toMatch(/<(?!\/?(p|blockquote|a)\b)/);
  });
});

describe('the vis-timeline export', () => {
  it('gives ranges ending at `until` (exclusive), so a DAY event fills its day and a span keeps its last day', async () => {
    const { items, groups } = await getJson('/export/vis-timeline.json');
    expect(items).toHaveLength(31);
    const informal = items.find((item: { content: string }) =>
      item.content.startsWith('普京与习近平在克里姆林宫举行非正式'),
    );
    expect(informal).toMatchObject({
      type: 'range',
      start: '2023-03-19T21:00:00.000Z',
      end: '2023-03-20T21:00:00.000Z',
      group: 'MEETING',
      className: 'annals-status-occurred annals-kind-meeting',
    });
    const mao = items.find((item: { start: string }) => item.start.startsWith('1949'));
    expect(mao.end).toBe('1950-02-17T21:00:00.000Z');
    const formal = items.find((item: { content: string }) =>
      item.content.startsWith('普京与习近平在克里姆林宫举行正式'),
    );
    expect(formal.className).toContain('annals-status-planned');
    expect(groups.map((group: { id: string }) => group.id).sort()).toEqual(
      [...new Set(items.map((item: { group: string }) => item.group))].sort(),
    );
  });

  it('groups by actor with ?groupBy=actor, one item per event and actor', async () => {
    const { items, groups } = await getJson('/export/vis-timeline.json', { groupBy: 'actor', lang: 'en' });
    const putin = await globalId('actor', 'vladimir-putin');
    expect(groups).toContainEqual(expect.objectContaining({ id: putin, content: 'Vladimir Putin' }));
    const ids = items.map((item: { id: string }) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(items.filter((item: { group: string }) => item.group === putin).length).toBeGreaterThan(3);
  });

  it('makes a point of an event shorter than a day', async () => {
    const xi = await globalId('actor', 'xi-jinping');
    await graphql(
      `
        mutation ($xi: ID!) {
          createEvent(
            input: {
              slug: "export-test-press-point"
              kind: STATEMENT
              status: OCCURRED
              time: { start: "2023-03-21T15:00:00+03:00", precision: HOUR, timeZone: "Europe/Moscow" }
              originalLanguage: "en"
              titles: [{ lang: "en", text: "Press point" }]
              participants: [{ actorId: $xi, role: SPEAKER }]
            }
          ) {
            event {
              id
            }
          }
        }
      `,
      { xi },
    );
    const { items } = await getJson('/export/vis-timeline.json', { filter: JSON.stringify({ search: 'Press point' }) });
    expect(items).toEqual([expect.objectContaining({ type: 'point', start: '2023-03-21T12:00:00.000Z' })]);
    expect(items[0].end).toBeUndefined();
  });
});

describe('the JSON-LD export', () => {
  it('is a schema.org ItemList of Events that a JSON-LD processor expands and compacts with types and properties intact', async () => {
    const document = await getJson('/export/events.jsonld', {
      lang: 'en',
      filter: JSON.stringify({ kinds: ['MEETING'], statuses: ['PLANNED'] }),
    });
    expect(document['@type']).toBe('ItemList');
    const expanded = await expand(document, { documentLoader });
    const list = expanded[0]!;
    expect(list['@type']).toEqual(['https://schema.org/ItemList']);
    const element = (list['https://schema.org/itemListElement'] as Record<string, unknown>[])[0]!;
    const event = (element['https://schema.org/item'] as Record<string, unknown>[])[0]!;
    expect(event['@type']).toEqual(['https://schema.org/Event']);
    expect(event['https://schema.org/startDate']).toEqual([{ '@value': '2023-03-21' }]);
    expect(event['https://schema.org/eventStatus']).toEqual([{ '@value': 'https://schema.org/EventScheduled' }]);
    const compacted = await compact(expanded, SCHEMA_ORG, { documentLoader });
    const item = (compacted.itemListElement as unknown as { item: Record<string, unknown> }).item;
    expect(item).toMatchObject({
      '@type': 'Event',
      name: 'Putin and Xi hold formal talks at the Kremlin',
      startDate: '2023-03-21',
      endDate: '2023-03-21',
      location: { '@type': 'Place', name: 'Moscow Kremlin', geo: { '@type': 'GeoCoordinates' } },
    });
    expect(item.subjectOf).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ '@type': 'NewsArticle', name: '习近平访俄甚过当年毛泽东拜会斯大林' }),
      ]),
    );
  });

  it('names hosts as organizer, guests as attendee and people speaking as actor', async () => {
    const document = await getJson('/export/events.jsonld', { lang: 'en' });
    const events = document.itemListElement.map((element: { item: Record<string, unknown> }) => element.item);
    const withOrganizer = events.find((event: { organizer?: unknown[] }) => event.organizer?.length);
    expect(withOrganizer.organizer[0]['@type']).toMatch(/Person|Organization/);
    const speakers = events.flatMap((event: { actor?: { '@type': string }[] }) => event.actor ?? []);
    expect(speakers.length).toBeGreaterThan(0);
    for (const speaker of speakers) expect(speaker['@type']).toBe('Person');
  });
});

describe('the iCalendar export', () => {
  it('parses in ical.js: all-day events over the dates covered, TENTATIVE for PLANNED, escaped and folded text intact', async () => {
    const { response, text } = await get('/export/events.ics', { lang: 'en' });
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    expect(events.length).toBeGreaterThanOrEqual(31);
    const formal = events.find((event) => event.summary.startsWith('Putin and Xi hold formal talks'))!;
    expect(formal.startDate.toString()).toBe('2023-03-21');
    expect(formal.startDate.isDate).toBe(true);
    expect(formal.endDate.toString()).toBe('2023-03-22');
    expect(formal.component.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(formal.location).toBe('Moscow Kremlin');
    const mao = events.find((event) => event.startDate.year === 1949)!;
    expect(mao.endDate.toString()).toBe('1950-02-18');
    const election = events.find((event) => event.startDate.year === 2024)!;
    expect([election.startDate.toString(), election.endDate.toString()]).toEqual(['2024-01-01', '2025-01-01']);
    const blinken = events.find((event) => event.summary.startsWith('Blinken'))!;
    expect(blinken.description).toContain('“在国际刑事法院对普京发出逮捕令几天后,习近平前往俄罗斯');
    expect(blinken.description).toContain('— Antony Blinken, in 习近平访俄甚过当年毛泽东拜会斯大林');
  });

  it('gives timed events a TZID and a VTIMEZONE, and cancelled ones STATUS:CANCELLED', async () => {
    const id = await globalId('event', 'export-test-press-point');
    await graphql(
      `
        mutation ($id: ID!) {
          setEventStatus(input: { id: $id, status: CANCELLED, reason: "test" }) {
            event {
              status
            }
          }
        }
      `,
      { id },
    );
    const { text } = await get('/export/events.ics', { filter: JSON.stringify({ search: 'Press point' }) });
    expect(text).toContain('DTSTART;TZID=Europe/Moscow:20230321T150000\r\n');
    expect(text).toContain('DTEND;TZID=Europe/Moscow:20230321T160000\r\n');
    const calendar = new ICAL.Component(ICAL.parse(text));
    const zone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!);
    expect(zone.tzid).toBe('Europe/Moscow');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    event.startDate.zone = zone;
    expect(event.startDate.toJSDate().toISOString()).toBe('2023-03-21T12:00:00.000Z');
    expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});

describe('export requests', () => {
  it('take a TimelineFilter as JSON in `filter`, and answer as of an earlier instant with `asOf`', async () => {
    const before = new Date().toISOString();
    const filter = JSON.stringify({ kinds: ['MEETING'], statuses: ['PLANNED'] });
    const planned = await getJson('/export/vis-timeline.json', { filter });
    expect(planned.items).toHaveLength(1);
    const talks = await globalId('event', 'xi-putin-formal-talks');
    await graphql(
      `
        mutation ($id: ID!) {
          setEventStatus(input: { id: $id, status: OCCURRED, reason: "test" }) {
            event {
              status
            }
          }
        }
      `,
      { id: talks },
    );
    expect((await getJson('/export/vis-timeline.json', { filter })).items).toHaveLength(0);
    const asOf = await getJson('/export/vis-timeline.json', { filter, asOf: before });
    expect(asOf.items).toEqual([expect.objectContaining({ id: talks, className: expect.stringContaining('planned') })]);
  });

  it('give at most `first` events and link the next slice with `Link: rel="next"`', async () => {
    const first = await get('/export/events.jsonld', { first: '20' });
    const link = first.response.headers.get('link');
    expect(JSON.parse(first.text).numberOfItems).toBe(20);
    expect(link).toMatch(/^<\/export\/events\.jsonld\?first=20&after=[\w-]+>; rel="next"$/);
    const rest = await fetch(`${server.base}${/^<([^>]+)>/.exec(link!)![1]}`);
    expect(rest.headers.get('link')).toBeNull();
    const names = (body: { itemListElement: { item: { identifier: string } }[] }) =>
      body.itemListElement.map(({ item }) => item.identifier);
    const all = names(await getJson('/export/events.jsonld'));
    expect([...names(JSON.parse(first.text)), ...names(JSON.parse(await rest.text()))]).toEqual(all);
  });

  it('answer bad parameters with 400 BAD_USER_INPUT naming the parameter', async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ filter: '{"kinds": [' }, 'filter', /not valid JSON/],
      [{ filter: '[]' }, 'filter', /JSON object/],
      [{ filter: '{"kinds": ["PARTY"]}' }, 'filter', /PARTY/],
      [{ filter: '{"actors": ["nope"]}' }, 'filter.actors[0]', /./],
      [{ filter: '{"from": "2024-01-01T00:00:00Z", "to": "2023-01-01T00:00:00Z"}' }, 'filter.to', /later than/],
      [{ asOf: 'yesterday' }, 'asOf', /ISO-8601/],
      [{ asOf: '2999-01-01T00:00:00Z' }, 'asOf', /future/],
      [{ first: '0' }, 'first', /1 to 1000/],
      [{ after: 'nope' }, 'after', /./],
      [{ lang: 'no such tag!' }, 'lang', /BCP 47/],
      [{ groupBy: 'kind' }, 'groupBy', /Unknown parameter/],
      [{ query: '{ timeline { totalCount } }' }, 'query', /Unknown parameter/],
    ];
    for (const [params, argument, message] of cases) {
      const { response, text } = await get('/export/timelinejs.json', params);
      expect({ params, status: response.status }).toEqual({ params, status: 400 });
      const [error] = JSON.parse(text).errors;
      expect({ params, code: error.extensions.code, argument: error.extensions.argument }).toEqual({
        params,
        code: 'BAD_USER_INPUT',
        argument,
      });
      expect(error.message).toMatch(message);
    }
    const groupBy = await get('/export/vis-timeline.json', { groupBy: 'place' });
    expect(JSON.parse(groupBy.text).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'groupBy' });
    const unknown = await get('/export/events.csv');
    expect([unknown.response.status, JSON.parse(unknown.text).errors[0].extensions.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('carry a weak ETag and get 304 Not Modified for it until the data changes', async () => {
    const params = { lang: 'en', filter: JSON.stringify({ kinds: ['VISIT'] }) };
    const first = await get('/export/events.ics', params);
    const etag = first.response.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.response.headers.get('cache-control')).toBe('public, no-cache');
    const reordered = new URLSearchParams([...Object.entries(params)].reverse()).toString();
    const again = await fetch(`${server.base}/export/events.ics?${reordered}`, { headers: { 'if-none-match': etag } });
    expect([again.status, await again.text()]).toEqual([304, '']);
    const otherFormat = await get('/export/events.jsonld', params, { 'if-none-match': etag });
    expect(otherFormat.response.status).toBe(200);
    await graphql(
      `
        mutation ($id: ID!) {
          updateEvent(input: { id: $id, tags: ["state-visit"] }) {
            event {
              id
            }
          }
        }
      `,
      { id: await globalId('event', 'xi-state-visit-to-russia-2023') },
    );
    const changed = await get('/export/events.ics', params, { 'if-none-match': etag });
    expect(changed.response.status).toBe(200);
    expect(changed.response.headers.get('etag')).not.toBe(etag);
  });
});

describe('export rate limiting', () => {
  const limited = useAppServer(() => ({
    DATABASE_URL: database.url,
    NODE_ENV: 'test',
    RATE_LIMIT_PER_MINUTE: '1',
    RATE_LIMIT_BURST: '2',
  }));

  it('counts exports like GraphQL requests and answers over the limit with 429 RATE_LIMITED', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(`${limited.base}/export/vis-timeline.json?first=1`);
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(JSON.parse(await response.text()).errors[0].extensions.code).toBe('RATE_LIMITED');
      } else await response.text();
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});
