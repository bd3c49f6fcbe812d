import { GraphQLError } from 'graphql';
import { InputChecker, type InputProblem, toLocalizedTexts } from '../src/curation/input-checker';
import { type TimePrecision } from '../src/shared/precision';
import {
  alignedStartOfPrecisionUnit,
  isAlignedToPrecision,
  localYear,
  startOfPrecisionUnit,
} from '../src/shared/precision';

function start(instant: string, precision: TimePrecision, timeZone: string): string {
  return startOfPrecisionUnit(new Date(instant), precision, timeZone).toISOString();
}

function aligned(instant: string, precision: TimePrecision, timeZone: string): boolean {
  return isAlignedToPrecision(new Date(instant), precision, timeZone);
}

/** The problems one check records, after asserting what it returned. */
function problemsOf(run: (checker: InputChecker) => boolean): readonly InputProblem[] {
  const checker = new InputChecker();
  const passed = run(checker);
  expect(passed).toBe(checker.problems.length === 0);
  return checker.problems;
}

function argumentsOf(run: (checker: InputChecker) => boolean): string[] {
  return problemsOf(run).map((problem) => problem.argument);
}

function thrown(checker: InputChecker): GraphQLError {
  try {
    checker.throwIfInvalid();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('throwIfInvalid did not throw');
}

describe('startOfPrecisionUnit', () => {
  it('finds the local midnight of a day in Europe/Moscow', () => {
    expect(start('2023-03-21T10:00:00Z', 'DAY', 'Europe/Moscow')).toBe('2023-03-20T21:00:00.000Z');
  });

  it('finds local midnights and whole hours in Asia/Kolkata at +05:30', () => {
    expect(start('2024-05-10T12:00:00Z', 'DAY', 'Asia/Kolkata')).toBe('2024-05-09T18:30:00.000Z');
    expect(start('2024-05-10T12:10:00Z', 'HOUR', 'Asia/Kolkata')).toBe('2024-05-10T11:30:00.000Z');
    expect(start('2024-05-10T12:10:42.5Z', 'MINUTE', 'Asia/Kolkata')).toBe('2024-05-10T12:10:00.000Z');
  });

  it('finds the first of the month and January 1 in the zone', () => {
    expect(start('2023-03-21T10:00:00Z', 'MONTH', 'Europe/Moscow')).toBe('2023-02-28T21:00:00.000Z');
    expect(start('2024-06-01T12:00:00Z', 'YEAR', 'America/New_York')).toBe('2024-01-01T05:00:00.000Z');
    expect(start('2024-06-01T12:00:00Z', 'YEAR', 'Asia/Kolkata')).toBe('2023-12-31T18:30:00.000Z');
    expect(start('2023-12-31T19:00:00Z', 'YEAR', 'Asia/Kolkata')).toBe('2023-12-31T18:30:00.000Z');
  });

  it('crosses the spring clock change in Europe/Berlin on 2023-03-26', () => {
    expect(start('2023-03-26T12:00:00Z', 'DAY', 'Europe/Berlin')).toBe('2023-03-25T23:00:00.000Z');
    expect(start('2023-03-27T12:00:00Z', 'DAY', 'Europe/Berlin')).toBe('2023-03-26T22:00:00.000Z');
    expect(start('2023-03-26T01:30:00Z', 'HOUR', 'Europe/Berlin')).toBe('2023-03-26T01:00:00.000Z');
    expect(start('2023-03-26T00:59:59Z', 'HOUR', 'Europe/Berlin')).toBe('2023-03-26T00:00:00.000Z');
  });

  it('gives each occurrence of an hour that the autumn clock change repeats its own start', () => {
    expect(start('2023-10-29T00:30:00Z', 'HOUR', 'Europe/Berlin')).toBe('2023-10-29T00:00:00.000Z');
    expect(start('2023-10-29T01:30:00Z', 'HOUR', 'Europe/Berlin')).toBe('2023-10-29T01:00:00.000Z');
    expect(start('2023-10-29T12:00:00Z', 'DAY', 'Europe/Berlin')).toBe('2023-10-28T22:00:00.000Z');
  });

  it('follows Australia/Lord_Howe between +10:30 and its half-hour daylight saving at +11', () => {
    expect(start('2024-06-15T12:00:00Z', 'DAY', 'Australia/Lord_Howe')).toBe('2024-06-14T13:30:00.000Z');
    expect(start('2024-01-15T12:00:00Z', 'DAY', 'Australia/Lord_Howe')).toBe('2024-01-14T13:00:00.000Z');
    expect(start('2024-01-15T13:45:00Z', 'HOUR', 'Australia/Lord_Howe')).toBe('2024-01-15T13:00:00.000Z');
    expect(start('2024-06-15T13:45:00Z', 'HOUR', 'Australia/Lord_Howe')).toBe('2024-06-15T13:30:00.000Z');
  });

  it('starts a day whose midnight the clocks skip when they first show it', () => {
    expect(start('2023-09-03T12:00:00Z', 'DAY', 'America/Santiago')).toBe('2023-09-03T04:00:00.000Z');
  });

  it('is never later than the instant, and the instant itself when that is already a start', () => {
    const zones = ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Havana'];
    const precisions: TimePrecision[] = ['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE'];
    for (let epochMs = Date.UTC(2023, 2, 25); epochMs < Date.UTC(2023, 2, 28); epochMs += 17 * 60_000 + 1234) {
      for (const zone of zones) {
        for (const precision of precisions) {
          const first = startOfPrecisionUnit(new Date(epochMs), precision, zone);
          expect(first.getTime()).toBeLessThanOrEqual(epochMs);
          expect(startOfPrecisionUnit(first, precision, zone)).toEqual(first);
          expect(isAlignedToPrecision(first, precision, zone)).toBe(true);
        }
      }
    }
  });

  it('refuses a zone Intl does not know with a RangeError', () => {
    expect(() => startOfPrecisionUnit(new Date(), 'DAY', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('isAlignedToPrecision', () => {
  it('accepts only local midnight for a DAY and whole local hours for an HOUR', () => {
    expect(aligned('2023-03-20T21:00:00Z', 'DAY', 'Europe/Moscow')).toBe(true);
    expect(aligned('2023-03-21T00:00:00Z', 'DAY', 'Europe/Moscow')).toBe(false);
    expect(aligned('2023-03-21T00:00:00Z', 'HOUR', 'Europe/Moscow')).toBe(true);
    expect(aligned('2023-03-21T00:30:00Z', 'HOUR', 'Asia/Kolkata')).toBe(true);
    expect(aligned('2023-03-21T00:00:00Z', 'HOUR', 'Asia/Kolkata')).toBe(false);
    expect(aligned('2023-03-21T00:00:00.001Z', 'MINUTE', 'UTC')).toBe(false);
  });

  it('accepts the first of the month and January 1 only at local midnight', () => {
    expect(aligned('2023-02-28T21:00:00Z', 'MONTH', 'Europe/Moscow')).toBe(true);
    expect(aligned('2023-03-01T00:00:00Z', 'MONTH', 'Europe/Moscow')).toBe(false);
    expect(aligned('2023-03-20T21:00:00Z', 'MONTH', 'Europe/Moscow')).toBe(false);
    expect(aligned('2023-12-31T18:30:00Z', 'YEAR', 'Asia/Kolkata')).toBe(true);
    expect(aligned('2024-01-01T00:00:00Z', 'YEAR', 'Asia/Kolkata')).toBe(false);
    expect(aligned('2024-01-31T18:30:00Z', 'YEAR', 'Asia/Kolkata')).toBe(false);
  });

  it('accepts both occurrences of a repeated hour, as PostgreSQL does', () => {
    expect(aligned('2023-10-29T00:00:00Z', 'HOUR', 'Europe/Berlin')).toBe(true);
    expect(aligned('2023-10-29T01:00:00Z', 'HOUR', 'Europe/Berlin')).toBe(true);
  });

  it('takes the later of two midnights as the start of the day, as PostgreSQL does', () => {
    expect(aligned('2023-11-05T04:00:00Z', 'DAY', 'America/Havana')).toBe(false);
    expect(aligned('2023-11-05T05:00:00Z', 'DAY', 'America/Havana')).toBe(true);
    expect(alignedStartOfPrecisionUnit(new Date('2023-11-05T04:30:00Z'), 'DAY', 'America/Havana')).toEqual(
      new Date('2023-11-05T05:00:00Z'),
    );
  });

  it('finds no storable start for the hour that Lord_Howe shortens by skipping 02:00–02:30', () => {
    expect(aligned('2024-10-05T15:30:00Z', 'HOUR', 'Australia/Lord_Howe')).toBe(false);
    expect(alignedStartOfPrecisionUnit(new Date('2024-10-05T15:45:00Z'), 'HOUR', 'Australia/Lord_Howe')).toBeNull();
  });
});

describe('localYear', () => {
  it('reads the year of the local date astronomically, beyond four digits too', () => {
    expect(localYear(new Date('2023-12-31T19:00:00Z'), 'Asia/Kolkata')).toBe(2024);
    expect(localYear(new Date('2024-01-01T03:00:00Z'), 'America/New_York')).toBe(2023);
    expect(localYear(new Date('0000-06-01T00:00:00Z'), 'UTC')).toBe(0);
    expect(localYear(new Date('-000043-03-15T12:00:00Z'), 'UTC')).toBe(-43);
    expect(localYear(new Date('+010000-01-01T00:00:00Z'), 'UTC')).toBe(10000);
  });
});

describe('a check', () => {
  it('records its message only when the condition fails', () => {
    const checker = new InputChecker();
    expect(checker.check('input.id', true, 'fine')).toBe(true);
    expect(checker.check('input.relatedEventId', false, 'An event cannot be related to itself.')).toBe(false);
    expect(checker.problems).toEqual([
      { argument: 'input.relatedEventId', message: 'An event cannot be related to itself.' },
    ]);
  });
});

describe('a text check', () => {
  it('accepts text within its limit and a missing optional value', () => {
    expect(problemsOf((c) => c.text('input.title', 'Xi Jinping visits Moscow', { maxLength: 300 }))).toEqual([]);
    expect(problemsOf((c) => c.text('input.note', null, { maxLength: 10 }))).toEqual([]);
    expect(problemsOf((c) => c.text('input.note', undefined, { maxLength: 10 }))).toEqual([]);
  });

  it('refuses a missing required value', () => {
    expect(problemsOf((c) => c.text('input.title', null, { required: true, maxLength: 10 }))).toEqual([
      { argument: 'input.title', message: '`input.title` is required.' },
    ]);
  });

  it('refuses empty and whitespace-only text as blank', () => {
    for (const blank of ['', '   ', '\t\n', '\u00a0\u3000']) {
      expect(problemsOf((c) => c.text('input.title', blank, { maxLength: 10 }))).toEqual([
        { argument: 'input.title', message: '`input.title` must not be blank.' },
      ]);
    }
  });

  it('counts characters as code points, so emoji and right-to-left text fit their limit', () => {
    expect('👍🏽👍🏽👍🏽'.length).toBe(12);
    expect(argumentsOf((c) => c.text('input.title', '👍🏽👍🏽👍🏽', { maxLength: 6 }))).toEqual([]);
    expect(argumentsOf((c) => c.text('input.title', 'مرحبا بالعالم', { maxLength: 13 }))).toEqual([]);
    expect(argumentsOf((c) => c.text('input.title', '𝒜𝒷𝒸', { maxLength: 3 }))).toEqual([]);
  });

  it('states the limit and the actual length of text that is too long', () => {
    expect(problemsOf((c) => c.text('input.titles[1].text', '😀'.repeat(7), { maxLength: 6 }))).toEqual([
      { argument: 'input.titles[1].text', message: '`input.titles[1].text` must be at most 6 characters; it has 7.' },
    ]);
    expect(problemsOf((c) => c.text('input.title', 'שלום עולם!', { maxLength: 9 }))[0]?.message).toBe(
      '`input.title` must be at most 9 characters; it has 10.',
    );
  });

  it('refuses NUL characters and unpaired surrogates, which PostgreSQL cannot store as text', () => {
    expect(problemsOf((c) => c.text('input.note', 'a\u0000b', { maxLength: 10 }))).toEqual([
      { argument: 'input.note', message: '`input.note` must not contain NUL characters (\\u0000).' },
    ]);
    expect(argumentsOf((c) => c.text('input.note', 'a\ud800b', { maxLength: 10 }))).toEqual(['input.note']);
  });

  it('refuses line breaks in single-line text only', () => {
    for (const text of ['First\nSecond', 'First\r\nSecond', 'First\u2028Second']) {
      expect(problemsOf((c) => c.text('input.title', text, { maxLength: 50, singleLine: true }))).toEqual([
        { argument: 'input.title', message: '`input.title` must be a single line; it has a line break.' },
      ]);
      expect(problemsOf((c) => c.text('input.note', text, { maxLength: 50 }))).toEqual([]);
    }
  });
});

describe('a slug check', () => {
  it('accepts lowercase words joined by single hyphens, up to 120 characters', () => {
    for (const slug of ['putin-visits-beijing', 'g20', 'a', 'x'.repeat(120), null, undefined]) {
      expect(argumentsOf((c) => c.slug('input.slug', slug))).toEqual([]);
    }
  });

  it('refuses capitals, spaces, stray hyphens and letters beyond a-z', () => {
    for (const slug of ['Bad Slug', 'Putin', 'double--hyphen', '-leading', 'trailing-', 'under_score', 'ünïcode', '']) {
      expect(argumentsOf((c) => c.slug('input.slug', slug))).toEqual(['input.slug']);
    }
    expect(problemsOf((c) => c.slug('input.slug', 'Bad Slug'))[0]?.message).toBe(
      '`input.slug` must be lowercase letters a-z and digits in words joined by single hyphens, like "putin-visits-beijing"; got "Bad Slug".',
    );
  });

  it('states the length of a slug that is too long', () => {
    expect(problemsOf((c) => c.slug('input.slug', 'x'.repeat(121)))[0]?.message).toBe(
      '`input.slug` must be at most 120 characters; it has 121.',
    );
  });

  it('refuses a missing slug when it is required', () => {
    expect(argumentsOf((c) => c.slug('input.slug', null, { required: true }))).toEqual(['input.slug']);
  });
});

describe('a language tag check', () => {
  it('accepts BCP 47 tags the database and Intl both accept', () => {
    for (const tag of ['en', 'ru', 'zh-Hans', 'pt-BR', 'sr-Latn-RS', 'yue', 'en-x-private', null]) {
      expect(argumentsOf((c) => c.languageTag('input.originalLanguage', tag))).toEqual([]);
    }
  });

  it('refuses tags that break the database pattern', () => {
    for (const tag of ['english!', 'e', 'en_US', 'en-', 'english', 'en-toolongsubtag', '']) {
      expect(argumentsOf((c) => c.languageTag('input.titles[1].lang', tag))).toEqual(['input.titles[1].lang']);
    }
    expect(problemsOf((c) => c.languageTag('input.language', 'en_US'))[0]?.message).toBe(
      '`input.language` must be a BCP 47 language tag such as "en", "pt-BR" or "zh-Hans"; got "en_US".',
    );
  });

  it('refuses tags that fit the pattern but that Intl rejects', () => {
    for (const tag of ['en-a', 'de-DE-1996-1996', 'en-US-u']) {
      expect(argumentsOf((c) => c.languageTag('input.language', tag))).toEqual(['input.language']);
    }
  });

  it('refuses tags over 35 characters, stating their length', () => {
    const tag = 'en-abcdefgh-abcdefgh-abcdefgh-abcdef';
    expect(tag).toHaveLength(36);
    expect(problemsOf((c) => c.languageTag('input.language', tag))[0]?.message).toBe(
      '`input.language` must be at most 35 characters; it has 36.',
    );
  });
});

describe('a time zone check', () => {
  it('accepts IANA zone names', () => {
    for (const zone of ['Europe/Moscow', 'UTC', 'Asia/Kolkata', 'America/Argentina/Buenos_Aires', null]) {
      expect(argumentsOf((c) => c.timeZone('input.timeZone', zone))).toEqual([]);
    }
  });

  it('refuses unknown names and bare offsets', () => {
    for (const zone of ['Mars/Olympus', '+03:00', 'Europe/Moscow ', '']) {
      expect(argumentsOf((c) => c.timeZone('input.timeZone', zone))).toEqual(['input.timeZone']);
    }
    expect(problemsOf((c) => c.timeZone('input.timeZone', 'Mars/Olympus'))[0]?.message).toBe(
      '`input.timeZone` must be an IANA time zone name such as "Europe/Moscow" or "UTC"; got "Mars/Olympus".',
    );
  });
});

describe('an http URL check', () => {
  it('accepts absolute http and https URLs', () => {
    for (const url of ['https://example.com/news?id=1#top', 'http://example.org', 'https://例え.jp/記事', null]) {
      expect(argumentsOf((c) => c.httpUrl('input.url', url))).toEqual([]);
    }
  });

  it('refuses javascript:, data:, ftp: and mailto: URLs, naming the scheme', () => {
    expect(problemsOf((c) => c.httpUrl('input.url', 'javascript:alert(1)'))).toEqual([
      { argument: 'input.url', message: '`input.url` must be an http or https URL; got a javascript: URL.' },
    ]);
    for (const url of ['JavaScript:alert(1)', 'data:text/html,<b>hi</b>', 'ftp://example.org/file', 'mailto:a@b.c']) {
      expect(argumentsOf((c) => c.httpUrl('input.url', url))).toEqual(['input.url']);
    }
  });

  it('refuses relative URLs and text that is no URL', () => {
    for (const url of ['/news/1', '//example.com/news', 'example.com', 'Q7747', 'https://', '']) {
      expect(argumentsOf((c) => c.httpUrl('input.sameAs[0]', url))).toEqual(['input.sameAs[0]']);
    }
  });

  it('refuses whitespace and control characters anywhere in the URL', () => {
    for (const url of [
      'https://exa mple.com',
      ' https://example.com',
      'https://example.com/\n',
      'https://x.org/\u0000',
    ]) {
      expect(problemsOf((c) => c.httpUrl('input.url', url))[0]?.message).toBe(
        '`input.url` must not contain spaces, line breaks or control characters.',
      );
    }
  });

  it('refuses URLs the database pattern would refuse though a browser would read them', () => {
    for (const url of ['HTTPS://EXAMPLE.COM', 'http:example.com', 'https:/example.com']) {
      expect(argumentsOf((c) => c.httpUrl('input.url', url))).toEqual(['input.url']);
    }
  });

  it('refuses URLs over 2048 characters, stating their length', () => {
    const url = `https://example.com/${'a'.repeat(2029)}`;
    expect(url).toHaveLength(2049);
    expect(problemsOf((c) => c.httpUrl('input.url', url))[0]?.message).toBe(
      '`input.url` must be at most 2048 characters; it has 2049.',
    );
    expect(argumentsOf((c) => c.httpUrl('input.url', url.slice(0, 2048)))).toEqual([]);
  });
});

describe('a localized texts check', () => {
  const rules = { maxLength: 20, mustInclude: 'en' };

  it('accepts texts in distinct languages that include the required one', () => {
    const texts = [
      { lang: 'en', text: 'Putin' },
      { lang: 'zh-Hans', text: '普京' },
      { lang: 'ar', text: 'بوتين' },
    ];
    expect(problemsOf((c) => c.localizedTexts('input.names', texts, rules))).toEqual([]);
  });

  it('addresses each bad language and text by its index', () => {
    const texts = [
      { lang: 'en', text: 'Putin' },
      { lang: 'english!', text: 'Putin' },
      { lang: 'ru', text: '   ' },
      { lang: 'fr', text: 'x'.repeat(21) },
    ];
    expect(argumentsOf((c) => c.localizedTexts('input.titles', texts, rules))).toEqual([
      'input.titles[1].lang',
      'input.titles[2].text',
      'input.titles[3].text',
    ]);
  });

  it('refuses a language given twice, even in other letter case', () => {
    const texts = [
      { lang: 'en', text: 'Putin' },
      { lang: 'ru', text: 'Путин' },
      { lang: 'EN', text: 'Vladimir Putin' },
    ];
    expect(problemsOf((c) => c.localizedTexts('input.names', texts, rules))).toEqual([
      {
        argument: 'input.names[2].lang',
        message: '`input.names[2].lang` repeats the language of `input.names[0]` ("EN"); give each language one text.',
      },
    ]);
  });

  it('names the language the texts must include', () => {
    const texts = [{ lang: 'en', text: 'Putin' }];
    expect(problemsOf((c) => c.localizedTexts('input.names', texts, { maxLength: 20, mustInclude: 'ru' }))).toEqual([
      { argument: 'input.names', message: '`input.names` must include a text in "ru".' },
    ]);
    expect(problemsOf((c) => c.localizedTexts('input.names', texts, { maxLength: 20, mustInclude: 'EN' }))).toEqual([
      {
        argument: 'input.names',
        message: '`input.names` must include a text in "EN"; "en" differs from it in letter case.',
      },
    ]);
  });

  it('refuses more than 50 texts without checking each', () => {
    const texts = Array.from({ length: 51 }, () => ({ lang: '!', text: '' }));
    expect(problemsOf((c) => c.localizedTexts('input.summaries', texts, { maxLength: 20 }))).toEqual([
      { argument: 'input.summaries', message: '`input.summaries` must have at most 50 texts; it has 51.' },
    ]);
  });

  it('refuses missing or empty texts only when they are required', () => {
    expect(argumentsOf((c) => c.localizedTexts('input.summaries', null, { maxLength: 20 }))).toEqual([]);
    expect(argumentsOf((c) => c.localizedTexts('input.summaries', [], { maxLength: 20 }))).toEqual([]);
    expect(argumentsOf((c) => c.localizedTexts('input.titles', null, { maxLength: 20, required: true }))).toEqual([
      'input.titles',
    ]);
    expect(problemsOf((c) => c.localizedTexts('input.titles', [], { maxLength: 20, required: true }))).toEqual([
      { argument: 'input.titles', message: '`input.titles` must have at least one text.' },
    ]);
  });
});

describe('a string list check', () => {
  const rules = { maxItems: 3, maxLength: 10 };

  it('accepts distinct non-blank items within the limits', () => {
    expect(argumentsOf((c) => c.stringList('input.tags', ['china', 'russia', 'газопровод'], rules))).toEqual([]);
    expect(argumentsOf((c) => c.stringList('input.tags', null, rules))).toEqual([]);
  });

  it('addresses blank, overlong and repeated items by their index', () => {
    expect(argumentsOf((c) => c.stringList('input.aliases', [' ', 'x'.repeat(11), 'ok'], rules))).toEqual([
      'input.aliases[0]',
      'input.aliases[1]',
    ]);
    expect(problemsOf((c) => c.stringList('input.tags', ['china', 'china'], rules))).toEqual([
      { argument: 'input.tags[1]', message: '`input.tags[1]` repeats `input.tags[0]` ("china").' },
    ]);
  });

  it('refuses too many items, stating how many', () => {
    expect(problemsOf((c) => c.stringList('input.tags', ['a', 'b', 'c', 'd'], rules))).toEqual([
      { argument: 'input.tags', message: '`input.tags` must have at most 3 items; it has 4.' },
    ]);
  });
});

describe('an event time check', () => {
  const time = (start: string, precision: TimePrecision, timeZone: string, end?: string) => ({
    start: new Date(start),
    end: end === undefined ? null : new Date(end),
    precision,
    timeZone,
  });

  it('accepts times aligned to their precision in their zone', () => {
    for (const valid of [
      time('2023-03-20T21:00:00Z', 'DAY', 'Europe/Moscow', '2023-03-21T21:00:00Z'),
      time('2023-03-25T23:00:00Z', 'DAY', 'Europe/Berlin', '2023-03-26T22:00:00Z'),
      time('2023-03-26T01:00:00Z', 'HOUR', 'Europe/Berlin'),
      time('2024-05-10T11:30:00Z', 'HOUR', 'Asia/Kolkata'),
      time('2023-02-28T21:00:00Z', 'MONTH', 'Europe/Moscow'),
      time('2023-12-31T18:30:00Z', 'YEAR', 'Asia/Kolkata', '2023-12-31T18:30:00Z'),
      time('2023-03-20T11:31:00Z', 'MINUTE', 'Pacific/Chatham'),
    ]) {
      expect(problemsOf((c) => c.eventTime('input.time', valid))).toEqual([]);
    }
  });

  it('names the start of the unit the editor probably meant', () => {
    expect(problemsOf((c) => c.eventTime('input.time', time('2023-03-21T10:00:00Z', 'DAY', 'Europe/Moscow')))).toEqual([
      {
        argument: 'input.time.start',
        message:
          '`input.time.start`: 2023-03-21T10:00:00.000Z is not the start of a DAY in Europe/Moscow; the DAY containing it starts at 2023-03-20T21:00:00.000Z.',
      },
    ]);
  });

  it('aligns to the local hour of a +05:30 zone', () => {
    expect(problemsOf((c) => c.eventTime('input.time', time('2024-05-10T12:00:00Z', 'HOUR', 'Asia/Kolkata')))).toEqual([
      {
        argument: 'input.time.start',
        message:
          '`input.time.start`: 2024-05-10T12:00:00.000Z is not the start of an HOUR in Asia/Kolkata; the HOUR containing it starts at 2024-05-10T11:30:00.000Z.',
      },
    ]);
  });

  it('aligns across the Europe/Berlin clock change on 2023-03-26', () => {
    const message = problemsOf((c) =>
      c.eventTime('input.time', time('2023-03-25T23:00:00Z', 'DAY', 'Europe/Berlin', '2023-03-26T23:00:00Z')),
    );
    expect(message).toEqual([
      {
        argument: 'input.time.end',
        message:
          '`input.time.end`: 2023-03-26T23:00:00.000Z is not the start of a DAY in Europe/Berlin; the DAY containing it starts at 2023-03-26T22:00:00.000Z.',
      },
    ]);
  });

  it('checks MONTH and YEAR against the first of the month and January 1 in the zone', () => {
    expect(
      problemsOf((c) => c.eventTime('input.time', time('2023-03-01T00:00:00Z', 'MONTH', 'Europe/Moscow')))[0]?.message,
    ).toContain('the MONTH containing it starts at 2023-02-28T21:00:00.000Z');
    expect(
      problemsOf((c) => c.eventTime('input.time', time('2024-01-01T00:00:00Z', 'YEAR', 'America/New_York')))[0]
        ?.message,
    ).toContain('the YEAR containing it starts at 2023-01-01T05:00:00.000Z');
  });

  it('points the repeated midnight of America/Havana to the one the database takes', () => {
    expect(
      problemsOf((c) => c.eventTime('input.time', time('2023-11-05T04:00:00Z', 'DAY', 'America/Havana')))[0]?.message,
    ).toContain('the DAY containing it starts at 2023-11-05T05:00:00.000Z');
  });

  it('suggests a finer precision when a clock change leaves the unit without a storable start', () => {
    expect(
      problemsOf((c) => c.eventTime('input.time', time('2024-10-05T15:30:00Z', 'HOUR', 'Australia/Lord_Howe'))),
    ).toEqual([
      {
        argument: 'input.time.start',
        message:
          '`input.time.start`: 2024-10-05T15:30:00.000Z is not the start of an HOUR in Australia/Lord_Howe, and a clock change there leaves the HOUR containing it without a start the database can store; use a finer precision.',
      },
    ]);
  });

  it('refuses an end before the start on the end', () => {
    expect(
      problemsOf((c) =>
        c.eventTime('input.time', time('2023-03-20T21:00:00Z', 'DAY', 'Europe/Moscow', '2023-03-19T21:00:00Z')),
      ),
    ).toEqual([
      {
        argument: 'input.time.end',
        message:
          '`input.time.end` (2023-03-19T21:00:00.000Z) must not be before `input.time.start` (2023-03-20T21:00:00.000Z).',
      },
    ]);
  });

  it('refuses an unknown zone on the zone alone', () => {
    expect(argumentsOf((c) => c.eventTime('input.time', time('2023-03-21T10:17:00Z', 'DAY', 'Mars/Olympus')))).toEqual([
      'input.time.timeZone',
    ]);
  });

  it('refuses times outside the years 0001 to 9999 and dates that are not dates', () => {
    expect(argumentsOf((c) => c.eventTime('input.time', time('0000-06-01T00:00:00Z', 'MINUTE', 'UTC')))).toEqual([
      'input.time.start',
    ]);
    expect(
      problemsOf((c) =>
        c.eventTime('input.time', time('9999-01-01T00:00:00Z', 'YEAR', 'UTC', '+010000-01-01T00:00:00Z')),
      ),
    ).toEqual([
      {
        argument: 'input.time.end',
        message:
          '`input.time.end` must fall in the years 0001 to 9999 in UTC; +010000-01-01T00:00:00.000Z is in year 10000.',
      },
    ]);
    expect(argumentsOf((c) => c.eventTime('input.time', time('0001-01-01T00:00:00Z', 'YEAR', 'UTC')))).toEqual([]);
    expect(argumentsOf((c) => c.eventTime('input.time', time('not a date', 'DAY', 'UTC')))).toEqual([
      'input.time.start',
    ]);
  });
});

describe('throwIfInvalid', () => {
  it('does nothing when every check passed', () => {
    const checker = new InputChecker();
    checker.slug('input.slug', 'fine');
    expect(() => checker.throwIfInvalid()).not.toThrow();
  });

  it('throws one BAD_USER_INPUT naming the first problem and listing them all', () => {
    const checker = new InputChecker();
    checker.slug('input.slug', 'Bad Slug');
    checker.httpUrl('input.url', 'javascript:alert(1)');
    checker.localizedTexts('input.titles', [{ lang: 'en', text: ' ' }], { maxLength: 10, mustInclude: 'en' });
    const error = thrown(checker);
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.message).toBe(`${checker.problems[0]!.message} (and 2 more problems)`);
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'input.slug',
      problems: [
        { argument: 'input.slug', message: expect.stringContaining('"Bad Slug"') },
        { argument: 'input.url', message: '`input.url` must be an http or https URL; got a javascript: URL.' },
        { argument: 'input.titles[0].text', message: '`input.titles[0].text` must not be blank.' },
      ],
    });
  });

  it('keeps the message of a single problem as it is, and counts one more problem in the singular', () => {
    const single = new InputChecker();
    single.text('input.title', '', { maxLength: 10 });
    expect(thrown(single).message).toBe('`input.title` must not be blank.');
    single.text('input.note', '', { maxLength: 10 });
    expect(thrown(single).message).toBe('`input.title` must not be blank. (and 1 more problem)');
  });
});

describe('toLocalizedTexts', () => {
  it('keys trimmed texts by language', () => {
    expect(
      toLocalizedTexts([
        { lang: 'en', text: '  Putin ' },
        { lang: 'zh-Hans', text: '普京\n' },
      ]),
    ).toEqual({ en: 'Putin', 'zh-Hans': '普京' });
  });
});
