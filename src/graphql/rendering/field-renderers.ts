import { type RowFields } from '../../db/row-fields';
import { isoInstantSql, pickTextSql } from './json-sql';
import { type FieldRenderer, type FieldRendering, type RowSql } from './render-selection';

/** A field whose resolver gives the row's property as it is (text, number, boolean, enum, list). */
export const property =
  (name: string): FieldRenderer =>
  (row) =>
    row(name);

/** A DateTime field giving the row's instant property. */
export const instant =
  (name: string): FieldRenderer =>
  (row) =>
    isoInstantSql(row(name));

/** The properties of a row read straight from the tables by `fields` (see db/row-fields.ts). */
export function rowOf(fields: RowFields): RowSql {
  return (name) => {
    const sql = fields[name];
    if (sql === undefined) throw new Error(`rowOf: no property ${name}`);
    return sql;
  };
}

/**
 * `pickText(row[texts], row.originalLanguage, lang)` for a field taking `lang`: the text in the
 * language asked (findTag compares it in lower case, as JavaScript lowers it), else in the
 * original language, else null.
 */
export function textInLang(row: RowSql, { args, params }: FieldRendering, texts: string): string {
  const lang = typeof args.lang === 'string' && args.lang ? `${params.add(args.lang.toLowerCase())}::text` : null;
  return pickTextSql(row(texts), row('originalLanguage'), lang);
}
