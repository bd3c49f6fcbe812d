import { GraphQLError } from 'graphql';
import { type TimePrecision } from '../shared/precision';
import { ErrorCode } from '../graphql/errors';
import { alignedStartOfPrecisionUnit, isAlignedToPrecision, localYear } from '../shared/precision';
import { isIanaTimeZone } from '../shared/time-zone';

/** One thing wrong with a mutation's input, addressed by its path (`input.titles[1].lang`). */
export interface InputProblem {
  readonly argument: string;
  readonly message: string;
}

/** Whether a missing (null or undefined) value is a problem. */
export interface Presence {
  readonly required?: boolean;
}

/** Limits on one free text. */
export interface TextRules extends Presence {
  /** In characters (Unicode code points). */
  readonly maxLength: number;
  readonly singleLine?: boolean;
}

/** Limits on texts in several languages. */
export interface LocalizedTextRules extends TextRules {
  /** A language tag that must have a text of its own (spelled exactly so), such as the original language. */
  readonly mustInclude?: string | null;
}

/** Limits on a list of short texts (tags, aliases). */
export interface StringListRules extends Presence {
  readonly maxItems: number;
  readonly maxLength: number;
  readonly singleLine?: boolean;
}

/** One language's text as a mutation receives it. */
export interface LocalizedTextInput {
  readonly lang: string;
  readonly text: string;
}

/** An event's time as a mutation receives it. */
export interface EventTimeInput {
  readonly start: Date;
  readonly end?: Date | null;
  readonly precision: TimePrecision;
  readonly timeZone: string;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SLUG_MAX_LENGTH = 120;
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
const LANGUAGE_TAG_MAX_LENGTH = 35;
const URL_MAX_LENGTH = 2048;
const HTTP_URL = /^https?:\/\//;
const LOCALIZED_TEXTS_MAX = 50;
const LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;
const LONE_SURROGATE = /\p{Surrogate}/u;
const PRECISIONS: ReadonlySet<string> = new Set<TimePrecision>(['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE']);

function codePoints(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

function hasWhitespaceOrControl(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f) || /\s/.test(char)) return true;
  }
  return false;
}

function quoted(value: string): string {
  const head = [...value.slice(0, 120)].slice(0, 60).join('');
  return JSON.stringify(head.length < value.length ? `${head}…` : value);
}

function unitOf(precision: TimePrecision): string {
  return `${precision === 'HOUR' ? 'an' : 'a'} ${precision}`;
}

/**
 * Collects every problem in a mutation's input, each addressed by its argument path, so that one
 * BAD_USER_INPUT error can report them all. Each check records at most one problem per path and
 * returns whether the value passed; null and undefined pass unless `required`. A value that passes
 * the checks meets the database's own constraints on it.
 */
export class InputChecker {
  private readonly found: InputProblem[] = [];

  /** The problems recorded so far, in the order the checks ran. */
  get problems(): readonly InputProblem[] {
    return this.found;
  }

  /** Records `message` against `argument` unless `ok`. */
  check(argument: string, ok: boolean, message: string): boolean {
    if (!ok) this.found.push({ argument, message });
    return ok;
  }

  /** Text that is not blank, has at most `maxLength` code points, no NUL or lone surrogate and, if `singleLine`, no line break. */
  text(argument: string, value: string | null | undefined, rules: TextRules): boolean {
    if (value === null || value === undefined) return this.presence(argument, rules);
    if (value.trim() === '') return this.fail(argument, `\`${argument}\` must not be blank.`);
    const length = codePoints(value);
    if (length > rules.maxLength) {
      return this.fail(argument, `\`${argument}\` must be at most ${rules.maxLength} characters; it has ${length}.`);
    }
    if (value.includes('\u0000')) {
      return this.fail(argument, `\`${argument}\` must not contain NUL characters (\\u0000).`);
    }
    if (LONE_SURROGATE.test(value)) {
      return this.fail(argument, `\`${argument}\` must be well-formed Unicode; it has an unpaired surrogate.`);
    }
    if (rules.singleLine && LINE_BREAK.test(value)) {
      return this.fail(argument, `\`${argument}\` must be a single line; it has a line break.`);
    }
    return true;
  }

  /** A slug the database accepts: lowercase ASCII words joined by single hyphens, at most 120 characters. */
  slug(argument: string, value: string | null | undefined, presence: Presence = {}): boolean {
    if (value === null || value === undefined) return this.presence(argument, presence);
    const length = codePoints(value);
    if (length > SLUG_MAX_LENGTH) {
      return this.fail(argument, `\`${argument}\` must be at most ${SLUG_MAX_LENGTH} characters; it has ${length}.`);
    }
    return this.check(
      argument,
      SLUG.test(value),
      `\`${argument}\` must be lowercase letters a-z and digits in words joined by single hyphens, like "putin-visits-beijing"; got ${quoted(value)}.`,
    );
  }

  /** A BCP 47 language tag that the database's pattern and `Intl.getCanonicalLocales` both accept, at most 35 characters. */
  languageTag(argument: string, value: string | null | undefined, presence: Presence = {}): boolean {
    if (value === null || value === undefined) return this.presence(argument, presence);
    const length = codePoints(value);
    if (length > LANGUAGE_TAG_MAX_LENGTH) {
      return this.fail(
        argument,
        `\`${argument}\` must be at most ${LANGUAGE_TAG_MAX_LENGTH} characters; it has ${length}.`,
      );
    }
    let wellFormed = LANGUAGE_TAG.test(value);
    try {
      if (wellFormed) Intl.getCanonicalLocales(value);
    } catch {
      wellFormed = false;
    }
    return this.check(
      argument,
      wellFormed,
      `\`${argument}\` must be a BCP 47 language tag such as "en", "pt-BR" or "zh-Hans"; got ${quoted(value)}.`,
    );
  }

  /** An IANA time zone name that both the runtime and the database know. */
  timeZone(argument: string, value: string | null | undefined, presence: Presence = {}): boolean {
    if (value === null || value === undefined) return this.presence(argument, presence);
    return this.check(
      argument,
      isIanaTimeZone(value),
      `\`${argument}\` must be an IANA time zone name such as "Europe/Moscow" or "UTC"; got ${quoted(value)}.`,
    );
  }

  /** An absolute http: or https: URL with a host, written as the database accepts it, at most 2048 characters. */
  httpUrl(argument: string, value: string | null | undefined, presence: Presence = {}): boolean {
    if (value === null || value === undefined) return this.presence(argument, presence);
    const length = codePoints(value);
    if (length > URL_MAX_LENGTH) {
      return this.fail(argument, `\`${argument}\` must be at most ${URL_MAX_LENGTH} characters; it has ${length}.`);
    }
    if (hasWhitespaceOrControl(value)) {
      return this.fail(argument, `\`${argument}\` must not contain spaces, line breaks or control characters.`);
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return this.fail(
        argument,
        `\`${argument}\` must be an absolute URL such as "https://example.com/news"; got ${quoted(value)}.`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return this.fail(argument, `\`${argument}\` must be an http or https URL; got a ${url.protocol} URL.`);
    }
    return this.check(
      argument,
      HTTP_URL.test(value),
      `\`${argument}\` must begin with "http://" or "https://" in lower case; got ${quoted(value)}.`,
    );
  }

  /**
   * At most 50 texts, each with a valid language tag (`argument[i].lang`) and text (`argument[i].text`),
   * no language twice (ignoring letter case) and, with `mustInclude`, one in exactly that language.
   */
  localizedTexts(
    argument: string,
    entries: readonly LocalizedTextInput[] | null | undefined,
    rules: LocalizedTextRules,
  ): boolean {
    if (entries === null || entries === undefined) return this.presence(argument, rules);
    if (entries.length > LOCALIZED_TEXTS_MAX) {
      return this.fail(
        argument,
        `\`${argument}\` must have at most ${LOCALIZED_TEXTS_MAX} texts; it has ${entries.length}.`,
      );
    }
    let ok = true;
    const seen = new Map<string, number>();
    entries.forEach(({ lang, text }, index) => {
      const path = `${argument}[${index}]`;
      if (this.languageTag(`${path}.lang`, lang, { required: true })) {
        const first = seen.get(lang.toLowerCase());
        if (first === undefined) seen.set(lang.toLowerCase(), index);
        else {
          ok = this.fail(
            `${path}.lang`,
            `\`${path}.lang\` repeats the language of \`${argument}[${first}]\` (${quoted(lang)}); give each language one text.`,
          );
        }
      } else ok = false;
      ok =
        this.text(`${path}.text`, text, { required: true, maxLength: rules.maxLength, singleLine: rules.singleLine }) &&
        ok;
    });
    const wanted = rules.mustInclude;
    if (wanted !== null && wanted !== undefined && !entries.some(({ lang }) => lang === wanted)) {
      const lookalike = entries.find(({ lang }) => lang.toLowerCase() === wanted.toLowerCase());
      ok = this.fail(
        argument,
        `\`${argument}\` must include a text in ${quoted(wanted)}` +
          (lookalike ? `; ${quoted(lookalike.lang)} differs from it in letter case.` : '.'),
      );
    }
    if (rules.required && entries.length === 0 && ok) {
      ok = this.fail(argument, `\`${argument}\` must have at least one text.`);
    }
    return ok;
  }

  /** At most `maxItems` texts, each passing {@link text} with `maxLength`, and none given twice. */
  stringList(argument: string, values: readonly string[] | null | undefined, rules: StringListRules): boolean {
    if (values === null || values === undefined) return this.presence(argument, rules);
    if (values.length > rules.maxItems) {
      return this.fail(argument, `\`${argument}\` must have at most ${rules.maxItems} items; it has ${values.length}.`);
    }
    let ok = true;
    const seen = new Map<string, number>();
    values.forEach((value, index) => {
      const path = `${argument}[${index}]`;
      if (!this.text(path, value, { required: true, maxLength: rules.maxLength, singleLine: rules.singleLine })) {
        ok = false;
        return;
      }
      const first = seen.get(value);
      if (first === undefined) seen.set(value, index);
      else ok = this.fail(path, `\`${path}\` repeats \`${argument}[${first}]\` (${quoted(value)}).`);
    });
    return ok;
  }

  /**
   * An event time the database accepts: a known zone (`argument.timeZone`), a start and an end
   * (`argument.start`, `argument.end`) within the years 0001–9999 that are each the start of a
   * local unit of `precision`, and an end not before the start.
   */
  eventTime(argument: string, { start, end, precision, timeZone }: EventTimeInput): boolean {
    const zoneOk = this.timeZone(`${argument}.timeZone`, timeZone, { required: true });
    const precisionOk = this.check(
      `${argument}.precision`,
      PRECISIONS.has(precision),
      `\`${argument}.precision\` must be one of ${[...PRECISIONS].join(', ')}.`,
    );
    const zone = zoneOk ? timeZone : 'UTC';
    const alignIn = zoneOk && precisionOk ? timeZone : null;
    const startOk = this.instant(`${argument}.start`, start, precision, zone, alignIn);
    if (end === null || end === undefined) return zoneOk && precisionOk && startOk;
    let endOk = this.instant(`${argument}.end`, end, precision, zone, alignIn);
    if (endOk && isValidDate(start) && end.getTime() < start.getTime()) {
      endOk = this.fail(
        `${argument}.end`,
        `\`${argument}.end\` (${end.toISOString()}) must not be before \`${argument}.start\` (${start.toISOString()}).`,
      );
    }
    return zoneOk && precisionOk && startOk && endOk;
  }

  /**
   * Throws one GraphQLError for everything recorded: BAD_USER_INPUT, the first problem's message
   * (noting how many more there are) and `argument`, and every problem in `extensions.problems`.
   */
  throwIfInvalid(): void {
    const [first, ...rest] = this.found;
    if (!first) return;
    const more = rest.length === 0 ? '' : ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})`;
    throw new GraphQLError(`${first.message}${more}`, {
      extensions: {
        code: ErrorCode.BAD_USER_INPUT,
        argument: first.argument,
        problems: this.found.map(({ argument, message }) => ({ argument, message })),
      },
    });
  }

  private instant(
    argument: string,
    value: Date,
    precision: TimePrecision,
    zone: string,
    alignIn: string | null,
  ): boolean {
    if (!isValidDate(value)) return this.fail(argument, `\`${argument}\` must be a valid date and time.`);
    const year = localYear(value, zone);
    if (year < 1 || year > 9999) {
      return this.fail(
        argument,
        `\`${argument}\` must fall in the years 0001 to 9999 in ${zone}; ${value.toISOString()} is in year ${year}.`,
      );
    }
    if (alignIn === null || isAlignedToPrecision(value, precision, alignIn)) return true;
    const aligned = alignedStartOfPrecisionUnit(value, precision, alignIn);
    const given = `\`${argument}\`: ${value.toISOString()} is not the start of ${unitOf(precision)} in ${alignIn}`;
    return this.fail(
      argument,
      aligned
        ? `${given}; the ${precision} containing it starts at ${aligned.toISOString()}.`
        : `${given}, and a clock change there leaves the ${precision} containing it without a start the database can store; use a finer precision.`,
    );
  }

  private presence(argument: string, { required }: Presence): boolean {
    return this.check(argument, !required, `\`${argument}\` is required.`);
  }

  private fail(argument: string, message: string): false {
    this.found.push({ argument, message });
    return false;
  }
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** The stored JSON object of localized texts (`{"en": "…"}`) from checked entries, each text trimmed. */
export function toLocalizedTexts(entries: readonly LocalizedTextInput[]): Record<string, string> {
  return Object.fromEntries(entries.map(({ lang, text }) => [lang, text.trim()]));
}
