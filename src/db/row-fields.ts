/**
 * How a read-path row is built from SQL: each property of the row and the SQL expression giving
 * it. One definition serves both as a select list and as a JSON object nested in another row.
 * Expressions must give JSON-compatible values (ids as text), so that rows can also travel as JSON (JsonArrayRow).
 */
export type RowFields = Readonly<Record<string, string>>;

/** The fields among `properties` (all of them when null), in `fields`' order. */
export function pickFields(fields: RowFields, properties: ReadonlySet<string> | null): RowFields {
  if (!properties) return fields;
  return Object.fromEntries(Object.entries(fields).filter(([property]) => properties.has(property)));
}

/** `expr AS "property", …` for a SELECT list. */
export function selectList(fields: RowFields): string {
  return Object.entries(fields)
    .map(([property, expression]) => `${expression} AS "${property}"`)
    .join(', ');
}
