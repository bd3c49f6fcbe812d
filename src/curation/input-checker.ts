import { GraphQLError } from 'graphql';
import { type TimePrecision } from '../events/event.row';
import { ErrorCode } from '../graphql/errors';
import { isAlignedToPrecision, startOfPrecisionUnit } from '../shared/precision';
import { isIanaTimeZone } from '../shared/time-zone';

/** One problem with a mutation's input: the path of the offending value and what is wrong. */
export interface InputProblem {
  argument: string;
  message: string;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
const MAX_TEXTS = 50;
const MAX_URL_LENGTH = 2048;
const EARLIEST = Date.UTC(1, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const length = (text: string) => [...text].length;

/**
 * Collects every problem of a mutation's input, each with the path of the offending value
 * (`input.titles[1].lang`), and throws them as one BAD_USER_INPUT error. Null and undefined
 * values pass unless `required`; each check returns whether the value passed.
 */
export class InputChecker {
  private readonly found: InputProblem[] = [];

  /** The problems found so far, in the order they were found. */
  get problems(): readonly InputProblem[] {
    return this.found;
  }

  /** Records `message` for `argument` unless `ok`. */
  check(argument: string, ok: boolean, message: string): boolean {
    if (!ok) this.found.push({ argument, message });
    return ok;
  }

  private present(argument: string, value: unknown, required = false): boolean {
    if (value !== null && value !== undefined) return true;
    if (required) this.check(argument, false, `\`${argument}\` is required.`);
    return false;
  }

  /** Text that is not blank, has no NUL, at most `maxLength` characters (code points), optionally one line. */
  text(
    argument: string,
    value: string | null | undefined,
    {
      required = false,
      maxLength,
      singleLine = false,
    }: { required?: boolean; maxLength: number; singleLine?: boolean },
  ): boolean {
    if (!this.present(argument, value, required)) return !required;
    const text = value!;
    return (
      this.check(argument, text.trim() !== '', `\`${argument}\` must not be blank.`) &&
      this.check(argument, !text.includes('\u0000'), `\`${argument}\` must not contain NUL characters.`) &&
      this.check(
        argument,
        length(text) <= maxLength,
        `\`${argument}\` is ${length(text)} characters long; at most ${maxLength} are allowed.`,
      ) &&
      this.check(argument, !singleLine || !/[\r\n]/.test(text), `\`${argument}\` must be a single line.`)
    );
  }

  /** A slug: lowercase letters and digits in words joined by single hyphens, at most 120 characters. */
  slug(argument: string, value: string | null | undefined): boolean {
    if (!this.present(argument, value, true)) return false;
    return this.check(
      argument,
      SLUG.test(value!) && value!.length <= 120,
      `"${value!.slice(0, 130)}" is not a valid slug: use lowercase letters and digits joined by single hyphens, at most 120 characters (e.g. "xi-putin-formal-talks").`,
    );
  }

  /** A BCP 47 language tag (zh-Hans, en, pt-BR) that Intl accepts. */
  languageTag(argument: string, value: string | null | undefined): boolean {
    if (!this.present(argument, value)) return true;
    let valid = LANGUAGE_TAG.test(value!) && value!.length <= 35;
    if (valid) {
      try {
        Intl.getCanonicalLocales(value!);
      } catch {
        valid = false;
      }
    }
    return this.check(
      argument,
      valid,
      `"${value!.slice(0, 40)}" is not a BCP 47 language tag (e.g. en, zh-Hans, pt-BR).`,
    );
  }

  /** An IANA time zone name (Europe/Moscow, UTC). */
  timeZone(argument: string, value: string | null | undefined): boolean {
    if (!this.present(argument, value)) return true;
    return this.check(
      argument,
      isIanaTimeZone(value!),
      `"${value!.slice(0, 64)}" is not an IANA time zone (e.g. Europe/Moscow, Asia/Shanghai, UTC).`,
    );
  }

  /** An absolute http: or https: URL with a host and no whitespace, at most 2,048 characters. */
  httpUrl(argument: string, value: string | null | undefined): boolean {
    if (!this.present(argument, value)) return true;
    const text = value!;
    let valid = text.length <= MAX_URL_LENGTH && !/\s/.test(text) && /^https?:\/\//i.test(text);
    if (valid) {
      try {
        const url = new URL(text);
        valid = (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
      } catch {
        valid = false;
      }
    }
    return this.check(
      argument,
      valid,
      `\`${argument}\` must be an absolute http or https URL without spaces, at most ${MAX_URL_LENGTH} characters.`,
    );
  }

  /** Texts by language: valid distinct tags, non-blank texts, at most 50, one in `mustInclude` if given. */
  localizedTexts(
    argument: string,
    entries: readonly { lang: string; text: string }[] | null | undefined,
    {
      required = false,
      maxLength,
      mustInclude = null,
    }: { required?: boolean; maxLength: number; mustInclude?: string | null },
  ): boolean {
    if (!this.present(argument, entries, required)) return !required;
    const list = entries!;
    const before = this.found.length;
    if (required) this.check(argument, list.length > 0, `\`${argument}\` needs at least one text.`);
    this.check(argument, list.length <= MAX_TEXTS, `\`${argument}\` has ${list.length} texts; at most ${MAX_TEXTS}.`);
    const seen = new Set<string>();
    list.forEach(({ lang, text }, index) => {
      if (this.languageTag(`${argument}[${index}].lang`, lang)) {
        this.check(`${argument}[${index}].lang`, !seen.has(lang.toLowerCase()), `"${lang}" is given twice.`);
        seen.add(lang.toLowerCase());
      }
      this.text(`${argument}[${index}].text`, text, { required: true, maxLength });
    });
    if (mustInclude && list.length > 0 && !list.some(({ lang }) => lang === mustInclude)) {
      this.check(argument, false, `\`${argument}\` must include a text in the original language, ${mustInclude}.`);
    }
    return this.found.length === before;
  }

  /** Distinct, non-blank single-line strings of at most `maxLength` characters, at most `maxItems` of them. */
  stringList(
    argument: string,
    values: readonly string[] | null | undefined,
    { maxItems, maxLength }: { maxItems: number; maxLength: number },
  ): boolean {
    if (!this.present(argument, values)) return true;
    const before = this.found.length;
    this.check(
      argument,
      values!.length <= maxItems,
      `\`${argument}\` has ${values!.length} items; at most ${maxItems}.`,
    );
    const seen = new Set<string>();
    values!.forEach((value, index) => {
      if (this.text(`${argument}[${index}]`, value, { required: true, maxLength, singleLine: true })) {
        this.check(`${argument}[${index}]`, !seen.has(value), `"${value.slice(0, 40)}" is listed twice.`);
      }
      seen.add(value);
    });
    return this.found.length === before;
  }

  /**
   * An event time: a known zone, start (and end) each the start of a whole precision unit in that
   * zone (the message gives the aligned instant the caller probably meant), end not before start,
   * both within the years 1..9999.
   */
  eventTime(
    argument: string,
    time: { start: Date; end?: Date | null; precision: TimePrecision; timeZone: string },
  ): boolean {
    const before = this.found.length;
    if (!this.timeZone(`${argument}.timeZone`, time.timeZone)) return false;
    const checkInstant = (field: 'start' | 'end', instant: Date) => {
      const path = `${argument}.${field}`;
      const inRange = instant.getTime() >= EARLIEST && instant.getTime() <= LATEST;
      if (!this.check(path, inRange, `\`${path}\` must lie between the years 1 and 9999.`)) return;
      if (!isAlignedToPrecision(instant, time.precision, time.timeZone)) {
        const aligned = startOfPrecisionUnit(instant, time.precision, time.timeZone);
        this.check(
          path,
          false,
          `${instant.toISOString()} is not the start of a ${time.precision} in ${time.timeZone}; the ${time.precision} containing it starts at ${aligned.toISOString()}.`,
        );
      }
    };
    checkInstant('start', time.start);
    if (time.end) {
      checkInstant('end', time.end);
      this.check(
        `${argument}.end`,
        time.end.getTime() >= time.start.getTime(),
        `\`${argument}.end\` (${time.end.toISOString()}) is before the start (${time.start.toISOString()}).`,
      );
    }
    return this.found.length === before;
  }

  /** Throws one BAD_USER_INPUT error for every problem found: the first's message and path, and all of them. */
  throwIfInvalid(): void {
    const [first, ...more] = this.found;
    if (!first) return;
    const suffix = more.length ? ` (and ${more.length} more problem${more.length > 1 ? 's' : ''})` : '';
    throw new GraphQLError(`${first.message}${suffix}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, argument: first.argument, problems: [...this.found] },
    });
  }
}

/** The stored form of texts by language: `{ "en": "…", "zh-Hans": "…" }`, each text trimmed. */
export function toLocalizedTexts(entries: readonly { lang: string; text: string }[]): Record<string, string> {
  return Object.fromEntries(entries.map(({ lang, text }) => [lang, text.trim()]));
}
