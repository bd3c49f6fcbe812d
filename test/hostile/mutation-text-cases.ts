import { describeValue } from './generators';
import { rejected } from './outcome';
import {
  bad,
  createActor,
  createEvent,
  createSource,
  group,
  type MutationGroup,
  newActor,
  newEvent,
  newSource,
  time,
  updateActor,
  updateEvent,
  updateSource,
  addCitation,
} from './mutations';

const HOSTILE_SLUGS = [
  '',
  ' ',
  'Upper-Case',
  'a--b',
  '-a',
  'a-',
  'a_b',
  'a b',
  'a.b',
  'a/b',
  '../../etc/passwd',
  'ä',
  '🎉',
  'a\u0000',
  'a\n',
  `${'a'.repeat(121)}`,
  "x'; DROP TABLE event; --",
  '<script>alert(1)</script>',
];

function slugCases(): MutationGroup {
  return group('slugs', 'editor', ({ generated, handWritten }) => [
    ...HOSTILE_SLUGS.flatMap((slug) => [
      generated(`createEvent rejects the slug ${describeValue(slug)}`, createEvent(newEvent({ slug })), bad),
      generated(`createActor rejects the slug ${describeValue(slug)}`, createActor(newActor({ slug })), bad),
      generated(`createSource rejects the slug ${describeValue(slug)}`, createSource(newSource({ slug })), bad),
    ]),
    handWritten(
      'createEvent rejects a slug another event has',
      createEvent(newEvent({ slug: 'xi-putin-formal-talks' })),
      rejected('CONFLICT'),
    ),
    handWritten(
      'createActor rejects a slug another actor has',
      createActor(newActor({ slug: 'vladimir-putin' })),
      rejected('CONFLICT'),
    ),
    handWritten(
      'updateEvent rejects a slug another event has',
      ({ eventId }) => updateEvent({ id: eventId, slug: 'xi-leaves-moscow' }),
      rejected('CONFLICT'),
    ),
    handWritten(
      'createEvent rejects a place slug with a NUL',
      createEvent(newEvent({ placeSlug: 'mos\u0000cow' })),
      rejected('BAD_USER_INPUT', 'NOT_FOUND'),
    ),
    handWritten(
      'createEvent rejects a place slug no place has',
      createEvent(newEvent({ placeSlug: "moscow' OR '1'='1" })),
      rejected('NOT_FOUND'),
    ),
    handWritten(
      'updateEvent rejects a place slug of 100,000 characters',
      ({ eventId }) => updateEvent({ id: eventId, placeSlug: 'p'.repeat(100_000) }),
      rejected('BAD_USER_INPUT', 'NOT_FOUND'),
    ),
  ]);
}

const HOSTILE_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'ftp://example.com/x',
  '//evil.example.com',
  'http://',
  'https://',
  'http://exa mple.com',
  ' http://example.com',
  'http://example.com/\u0000',
  'http://example.com/\n',
  'http://example.com/\u0085',
  'http://[::1',
  '\u202Ehttp://example.com',
  'example.com',
  `http://example.com/${'a'.repeat(2100)}`,
];

function urlCases(): MutationGroup {
  return group('URLs', 'editor', ({ generated }) =>
    HOSTILE_URLS.flatMap((url) => [
      generated(`createSource rejects the url ${describeValue(url)}`, createSource(newSource({ url })), bad),
      generated(
        `createActor rejects the sameAs URL ${describeValue(url)}`,
        createActor(newActor({ sameAs: [url] })),
        bad,
      ),
      generated(
        `updateSource rejects the url ${describeValue(url)}`,
        ({ sourceId }) => updateSource({ id: sourceId, url }),
        bad,
      ),
    ]),
  );
}

function textCases(): MutationGroup {
  const titles = (...langs: string[]) => langs.map((lang) => ({ lang, text: `Title ${lang}` }));
  return group('texts and languages', 'editor', ({ generated, handWritten }) => [
    ...['', ' ', 'english', 'e', 'en_US', 'en-', 'zh-Hans-', '12', 'x'.repeat(36), 'en\u0000', '🎉', "en'--"].flatMap(
      (lang) => [
        generated(
          `createEvent rejects the original language ${describeValue(lang)}`,
          createEvent(newEvent({ originalLanguage: lang, titles: titles(lang) })),
          bad,
        ),
        generated(
          `createActor rejects a name in the language ${describeValue(lang)}`,
          createActor(
            newActor({
              names: [
                { lang: 'en', text: 'A' },
                { lang, text: 'B' },
              ],
            }),
          ),
          bad,
        ),
        generated(
          `createSource rejects the language ${describeValue(lang)}`,
          createSource(newSource({ language: lang })),
          bad,
        ),
      ],
    ),
    generated(
      'createEvent rejects a title of 301 characters',
      createEvent(newEvent({ titles: [{ lang: 'en', text: 't'.repeat(301) }] })),
      bad,
    ),
    generated(
      'createEvent rejects a title of 900,000 characters',
      createEvent(newEvent({ titles: [{ lang: 'en', text: 't'.repeat(900_000) }] })),
      bad,
    ),
    generated(
      'createEvent rejects a title of 301 emoji',
      createEvent(newEvent({ titles: [{ lang: 'en', text: '🎉'.repeat(301) }] })),
      bad,
    ),
    generated(
      'createEvent rejects a blank title',
      createEvent(newEvent({ titles: [{ lang: 'en', text: ' \t ' }] })),
      bad,
    ),
    generated(
      'createEvent rejects a title with a NUL',
      createEvent(newEvent({ titles: [{ lang: 'en', text: 'a\u0000b' }] })),
      bad,
    ),
    generated(
      'createEvent rejects a title with a lone surrogate',
      createEvent(newEvent({ titles: [{ lang: 'en', text: 'a\uD800b' }] })),
      bad,
    ),
    generated(
      'createEvent rejects titles in the same language twice',
      createEvent(newEvent({ titles: titles('en', 'en') })),
      bad,
    ),
    generated('createEvent rejects titles in en and EN', createEvent(newEvent({ titles: titles('en', 'EN') })), bad),
    generated(
      'createEvent rejects titles without the original language',
      createEvent(newEvent({ titles: titles('fr') })),
      bad,
    ),
    generated('createEvent rejects no titles at all', createEvent(newEvent({ titles: [] })), bad),
    generated(
      'createEvent rejects 51 titles',
      createEvent(newEvent({ titles: titles('en', ...Array.from({ length: 50 }, (_, i) => `en-${1000 + i}`)) })),
      bad,
    ),
    generated(
      'createEvent rejects 51 tags',
      createEvent(newEvent({ tags: Array.from({ length: 51 }, (_, i) => `tag-${i}`) })),
      bad,
    ),
    generated('createEvent rejects a tag twice', createEvent(newEvent({ tags: ['a', 'a'] })), bad),
    generated('createEvent rejects a tag of 65 characters', createEvent(newEvent({ tags: ['t'.repeat(65)] })), bad),
    generated('createEvent rejects a tag with a NUL', createEvent(newEvent({ tags: ['a\u0000'] })), bad),
    generated(
      'createEvent rejects a summary of 2,001 characters',
      createEvent(newEvent({ summaries: [{ lang: 'en', text: 's'.repeat(2001) }] })),
      bad,
    ),
    generated(
      'createEvent rejects a reason of 2,001 characters',
      createEvent(newEvent({ reason: 'r'.repeat(2001) })),
      bad,
    ),
    generated('createEvent rejects a reason with a NUL', createEvent(newEvent({ reason: '\u0000' })), bad),
    generated(
      'createEvent rejects an asWritten over two lines',
      createEvent(newEvent(time({ asWritten: '周二\n周三' }))),
      bad,
    ),
    generated(
      'createActor rejects 51 aliases',
      createActor(newActor({ aliases: Array.from({ length: 51 }, (_, i) => `alias ${i}`) })),
      bad,
    ),
    generated(
      'createActor rejects an alias of 201 characters',
      createActor(newActor({ aliases: ['a'.repeat(201)] })),
      bad,
    ),
    generated('createActor rejects an alias with a NUL', createActor(newActor({ aliases: ['\u0000'] })), bad),
    generated(
      'createActor rejects 21 sameAs URLs',
      createActor(newActor({ sameAs: Array.from({ length: 21 }, (_, i) => `https://example.com/${i}`) })),
      bad,
    ),
    generated(
      'createSource rejects a title of 501 characters',
      createSource(newSource({ title: 't'.repeat(501) })),
      bad,
    ),
    generated('createSource rejects a title over two lines', createSource(newSource({ title: 'a\r\nb' })), bad),
    generated('createSource rejects an author with a NUL', createSource(newSource({ author: 'a\u0000' })), bad),
    handWritten(
      'addCitation rejects a quote of 5,001 characters',
      ({ eventId, sourceId }) => addCitation({ eventId, sourceId, quote: 'q'.repeat(5001) }),
      bad,
    ),
    handWritten(
      'addCitation rejects a quote with a NUL',
      ({ eventId, sourceId }) => addCitation({ eventId, sourceId, quote: 'say \u0000' }),
      bad,
    ),
    handWritten(
      'updateEvent rejects null for its titles',
      ({ eventId }) => updateEvent({ id: eventId, titles: null }),
      bad,
    ),
    handWritten(
      'updateEvent rejects null for its slug',
      ({ eventId }) => updateEvent({ id: eventId, slug: null }),
      bad,
    ),
    handWritten(
      'updateActor rejects null for its names',
      ({ actorId }) => updateActor({ id: actorId, names: null }),
      bad,
    ),
  ]);
}

const INVALID_ZONES = ['Mars/Base', '../../etc/passwd', '', 'Europe/Moscow\u0000', '+03:00', 'z'.repeat(10_000)];

function timeCases(): MutationGroup {
  return group('times', 'editor', ({ generated, handWritten }) => [
    ...INVALID_ZONES.map((timeZone) =>
      generated(
        `createEvent rejects the time zone ${describeValue(timeZone)}`,
        createEvent(newEvent(time({ timeZone }))),
        bad,
      ),
    ),
    ...['2023-02-30T00:00:00Z', 'yesterday', '10000-01-01T00:00:00Z', '2023-03-21T00:00:00', '', 0].map((start) =>
      generated(`createEvent rejects the start ${describeValue(start)}`, createEvent(newEvent(time({ start }))), bad),
    ),
    generated(
      'createEvent rejects a start in the year 0',
      createEvent(newEvent(time({ start: '0000-01-01T00:00:00Z' }))),
      bad,
    ),
    generated(
      'createEvent rejects a DAY start that is not local midnight',
      createEvent(newEvent(time({ start: '2023-03-21T00:00:00Z', timeZone: 'Europe/Moscow' }))),
      bad,
    ),
    generated(
      'createEvent rejects an end before its start',
      createEvent(newEvent(time({ end: '2023-03-20T00:00:00Z' }))),
      bad,
    ),
    generated('createEvent rejects the precision DECADE', createEvent(newEvent(time({ precision: 'DECADE' }))), bad),
    generated('createEvent rejects null for the start', createEvent(newEvent(time({ start: null }))), bad),
    generated('createEvent rejects a time that is a string', createEvent(newEvent({ time: '2023-03-21' })), bad),
    generated(
      'createSource rejects publishedAt without an offset',
      createSource(newSource({ publishedAt: '2023-03-21T15:00:00' })),
      bad,
    ),
    generated(
      'createSource rejects publishedAt in the year 10000',
      createSource(newSource({ publishedAt: '10000-01-01T00:00:00Z' })),
      bad,
    ),
    handWritten(
      'updateEvent rejects a time zone written as a path',
      ({ eventId }) => updateEvent({ id: eventId, ...time({ timeZone: '/usr/share/zoneinfo/UTC' }) }),
      bad,
    ),
  ]);
}

/** Slugs, URLs, texts, languages and times in mutations, each group leaving the database as it was. */
export function mutationTextGroups(): MutationGroup[] {
  return [slugCases(), urlCases(), textCases(), timeCases()];
}
