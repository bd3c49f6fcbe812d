/** Collects statement parameters and hands out their `$n` placeholders. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder, e.g. `$3`. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /**
   * Adds a value of type `type` and returns `$n::type`; unless `planned`, a one-row subquery of it
   * (`(SELECT $n::type)::type`), which PostgreSQL plans without seeing the value: for a statement
   * planned once, whose best plan is the same whatever the value. A plan for the values then costs
   * what the generic plan costs, so PostgreSQL keeps the generic one; with values it can see, it may
   * cost the generic plan above a plan for them and plan every run anew.
   */
  addTyped(value: unknown, type: string, planned = true): string {
    const placeholder = `${this.add(value)}::${type}`;
    return planned ? placeholder : `(SELECT ${placeholder})::${type}`;
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
