import { DateTimeScalar } from '../graphql/scalars';
import { HttpError } from '../server/http-error';

/** The most events one export answer holds; `first` defaults to it, and `after` pages on. */
export const MAX_EXPORT_EVENTS = 1000;

/** How the vis-timeline export groups its items. */
export type VisGroupBy = 'kind' | 'actor';

/** The validated query parameters of an export request. */
export interface ExportParams {
  /** A TimelineFilter as JSON; the API checks its fields when the export reads the timeline. */
  filter: Record<string, unknown> | null;
  lang: string | null;
  /** ISO-8601 text with an offset, checked. */
  asOf: string | null;
  /** 1..{@link MAX_EXPORT_EVENTS}. */
  first: number;
  after: string | null;
  groupBy: VisGroupBy;
}

const COMMON_PARAMS = ['filter', 'lang', 'asOf', 'first', 'after'];

/** The BAD_USER_INPUT answer (HTTP 400) for a bad query parameter, named in `extensions.argument`. */
export function badParameter(argument: string, message: string): HttpError {
  return new HttpError(400, 'BAD_USER_INPUT', message, { argument });
}

function single(params: URLSearchParams, name: string): string | null {
  const values = params.getAll(name);
  if (values.length > 1) throw badParameter(name, `\`${name}\` is given ${values.length} times; give it once.`);
  return values[0] ?? null;
}

function parseFilter(raw: string | null): Record<string, unknown> | null {
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badParameter('filter', '`filter` is not valid JSON; send a TimelineFilter as a JSON object.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badParameter('filter', '`filter` must be a JSON object with the fields of TimelineFilter.');
  }
  return value as Record<string, unknown>;
}

function parseLang(raw: string | null): string | null {
  if (raw === null) return null;
  if (!/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}$/.test(raw)) {
    throw badParameter('lang', `"${raw.slice(0, 40)}" is not a BCP 47 language tag such as en or zh-Hans.`);
  }
  return raw;
}

function parseAsOf(raw: string | null): string | null {
  if (raw === null) return null;
  try {
    return (DateTimeScalar.parseValue(raw) as Date).toISOString();
  } catch {
    throw badParameter(
      'asOf',
      `"${raw.slice(0, 40)}" is not an ISO-8601 instant with an offset (2023-03-21T12:00:00Z).`,
    );
  }
}

function parseFirst(raw: string | null): number {
  if (raw === null) return MAX_EXPORT_EVENTS;
  const first = /^[0-9]{1,7}$/.test(raw) ? Number(raw) : NaN;
  if (!(first >= 1 && first <= MAX_EXPORT_EVENTS)) {
    throw badParameter('first', `\`first\` must be a whole number from 1 to ${MAX_EXPORT_EVENTS}.`);
  }
  return first;
}

function parseGroupBy(raw: string | null): VisGroupBy {
  if (raw === null || raw === 'kind' || raw === 'actor') return raw ?? 'kind';
  throw badParameter('groupBy', '`groupBy` is `kind` (the default) or `actor`.');
}

/**
 * Reads and checks an export's query parameters: `filter` (a TimelineFilter as JSON), `lang`,
 * `asOf`, `first` and `after`, plus `groupBy` where `extra` allows it. Throws an HttpError 400
 * BAD_USER_INPUT naming the parameter for an unknown, repeated or malformed one.
 */
export function parseExportParams(params: URLSearchParams, extra: readonly string[] = []): ExportParams {
  const known = [...COMMON_PARAMS, ...extra];
  for (const name of new Set(params.keys())) {
    if (!known.includes(name)) {
      throw badParameter(
        name.slice(0, 40),
        `Unknown parameter \`${name.slice(0, 40)}\`; this export takes ${known.join(', ')}.`,
      );
    }
  }
  return {
    filter: parseFilter(single(params, 'filter')),
    lang: parseLang(single(params, 'lang')),
    asOf: parseAsOf(single(params, 'asOf')),
    first: parseFirst(single(params, 'first')),
    after: single(params, 'after'),
    groupBy: parseGroupBy(single(params, 'groupBy')),
  };
}
