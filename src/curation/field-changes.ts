/** One field's value before and after a revision; null for a value that was or is absent. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

function comparable(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${comparable(item)}`).join(',')}}`;
  }
  if (Array.isArray(value)) return `[${value.map(comparable).join(',')}]`;
  return JSON.stringify(value ?? null);
}

function jsonValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}

/**
 * The fields among `fields` whose values differ between `before` and `after` (objects compared
 * by content, key order ignored), in the order of `fields`, with JSON-ready values.
 */
export function fieldChanges<Row extends object>(
  before: Partial<Row> | null,
  after: Partial<Row> | null,
  fields: readonly (keyof Row & string)[],
): FieldChange[] {
  return fields.flatMap((field) => {
    const old = before?.[field];
    const current = after?.[field];
    return comparable(old) === comparable(current)
      ? []
      : [{ field, before: jsonValue(old), after: jsonValue(current) }];
  });
}
