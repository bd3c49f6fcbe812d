/** Collects statement parameters and hands out their `$n` placeholders. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder, e.g. `$3`. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** `WHERE …` joining the conditions with AND, or an empty string when there are none. */
export function whereClause(conditions: readonly string[]): string {
  return conditions.length ? `WHERE ${conditions.join('\n  AND ')}` : '';
}
