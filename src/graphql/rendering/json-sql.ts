/**
 * SQL expressions giving, for values of a row, what the resolvers give in JavaScript: each mirrors
 * one function, named in its doc, and test/rendered-fields.test.ts checks both on the same rows.
 */

/** `base64url(text)` (shared/base64url.ts) of an ASCII text: base64 without padding or line breaks, URL-safe. */
export function base64urlSql(textSql: string): string {
  return `translate(encode(convert_to(${textSql}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
}

/** `toGlobalId(type, id)` (shared/global-id.ts). `type` is one of the node types, never request text. */
export function globalIdSql(type: string, idSql: string): string {
  if (!/^[A-Za-z]+$/.test(type)) throw new Error(`globalIdSql: ${type} is not a type name`);
  return base64urlSql(`'${type}:' || ${idSql}`);
}

/** `encodeEventCursor(row)` (timeline/event-cursor.ts): the start's epoch milliseconds as pg's Date has them, and the id. */
export function eventCursorSql(startAtSql: string, idSql: string): string {
  return base64urlSql(`'e1:' || floor(extract(epoch FROM ${startAtSql}) * 1000)::bigint || ':' || ${idSql}`);
}

/**
 * `Date.prototype.toISOString` of an instant as pg reads it (milliseconds truncated): four-digit
 * years from 0 to 9999, six digits and a sign outside them (years before 1 CE astronomically).
 */
export function isoInstantSql(instantSql: string): string {
  const utc = `(${instantSql} AT TIME ZONE 'UTC')`;
  const year = `(CASE WHEN extract(year FROM ${utc}) < 0 THEN extract(year FROM ${utc}) + 1 ELSE extract(year FROM ${utc}) END)::int`;
  const extendedYear = `CASE WHEN ${year} BETWEEN 0 AND 9999 THEN lpad(${year}::text, 4, '0')
      WHEN ${year} < 0 THEN '-' || lpad((-${year})::text, 6, '0') ELSE '+' || lpad(${year}::text, 6, '0') END`;
  return `CASE WHEN ${instantSql} IS NULL THEN NULL
    WHEN ${instantSql} >= '0001-01-01T00:00:00Z' AND ${instantSql} < '10000-01-01T00:00:00Z'
      THEN to_char(${utc}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    ELSE ${extendedYear} || to_char(${utc}, '-MM-DD"T"HH24:MI:SS.MS"Z"') END`;
}

const PRECISION_LENGTH = `CASE %P WHEN 'YEAR' THEN 4 WHEN 'MONTH' THEN 7 WHEN 'DAY' THEN 10 WHEN 'HOUR' THEN 13 ELSE 16 END`;

/**
 * `localTimeFromSql(rendered, precision)` (shared/local-time.ts): a local time rendered with
 * LOCAL_TIME_SQL_FORMAT, cut to the precision, years before 1 CE astronomically.
 */
export function localTimeSql(renderedSql: string, precisionSql: string): string {
  const length = PRECISION_LENGTH.replace('%P', `${precisionSql}::text`);
  const dateTime = `left(${renderedSql}, -3)`;
  const yearEnd = `strpos(${dateTime}, '-')`;
  const year = `(1 - substr(${dateTime}, 1, ${yearEnd} - 1)::int)`;
  const bc = `left(CASE WHEN ${year} < 0 THEN '-' || lpad((-${year})::text, 4, '0') ELSE '0000' END
      || substr(${dateTime}, ${yearEnd}), ${length} + CASE WHEN ${year} < 0 THEN 1 ELSE 0 END)`;
  return `CASE WHEN ${renderedSql} IS NULL THEN NULL WHEN ${renderedSql} LIKE '% BC' THEN ${bc} ELSE left(${renderedSql}, ${length}) END`;
}

/**
 * The value of `findTag(texts, wanted)` (shared/localized-text.ts), `wantedSql` being lower case:
 * the first tag equal to it (case aside), else the longest of its subtag prefixes, else the first
 * tag that extends it; null when none does. Each step reads the texts only when the one before
 * found nothing, and the first usually finds the tag.
 */
function textOfTagSql(textsSql: string, wantedSql: string): string {
  const texts = `jsonb_each_text(${textsSql}) WITH ORDINALITY AS t(tag, value, n)`;
  return `coalesce(
    (SELECT t.value FROM ${texts} WHERE lower(t.tag) = ${wantedSql} ORDER BY t.n LIMIT 1),
    (SELECT t.value FROM ${texts} WHERE starts_with(${wantedSql}, lower(t.tag) || '-') ORDER BY length(t.tag) DESC, t.n LIMIT 1),
    (SELECT t.value FROM ${texts} WHERE starts_with(lower(t.tag), ${wantedSql} || '-') ORDER BY t.n LIMIT 1))`;
}

/**
 * `pickText(texts, originalLanguage, lang)` (shared/localized-text.ts): the text in `lowerLangSql`
 * (a placeholder of the tag in lower case as JavaScript lowers it, or null for none), else in the
 * original language, else null.
 */
export function pickTextSql(textsSql: string, originalLanguageSql: string, lowerLangSql: string | null): string {
  const original = textOfTagSql(textsSql, `lower(${originalLanguageSql})`);
  return lowerLangSql ? `coalesce(${textOfTagSql(textsSql, lowerLangSql)}, ${original})` : original;
}

/** The first text of a localized text in its stored order (`Object.values(texts)[0]`), or null. */
export function firstTextSql(textsSql: string): string {
  return `(SELECT t.value FROM jsonb_each_text(${textsSql}) WITH ORDINALITY AS t(tag, value, n) ORDER BY t.n LIMIT 1)`;
}
