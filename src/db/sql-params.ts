/** Collects statement parameters and hands out their `$n` placeholders. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder, e.g. `$3`. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /**
   * Adds a value PostgreSQL plans without seeing, as a one-row subquery of type `type` (e.g.
   * `(SELECT $3::timestamptz)`): for a statement planned once, whose best plan is the same whatever
   * the value. A plan for the values then costs what the generic plan costs, so PostgreSQL keeps
   * the generic one; with values it could see, it may cost the generic plan above a plan for them
   * and plan every run anew.
   */
  addUnplanned(value: unknown, type: string): string {
    return `(SELECT ${this.add(value)}::${type})`;
  }
}

/** `WHERE …` joining the conditions with AND, or an empty string when there are none. */
export function whereClause(conditions: readonly string[]): string {
  return conditions.length ? `WHERE ${conditions.join('\n  AND ')}` : '';
}

/**
 * A row count for LIMIT, written into the statement rather than bound. PostgreSQL cannot see a
 * bound LIMIT when it plans a named statement once for every run, so it assumes a tenth of the
 * rows and keeps planning each run anew (a third of a timeline page's database time); a count it
 * can see gets one plan per connection. Only a non-negative safe integer is accepted, so no text
 * from a request reaches the SQL; statements differ by page size, a few per client.
 */
export function limitSql(count: number): string {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`limitSql: ${count} is not a row count`);
  return String(count);
}
