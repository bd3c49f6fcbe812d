import { type RowFields } from './row-fields';

/** PostgreSQL's limit on a function's arguments, so on the values of one `json_build_array`. */
const MAX_VALUES = 100;

/** An instant's expression as whole milliseconds since 1970, rounded down as pg rounds timestamps to a Date. */
function epochMillisecondsSql(expression: string): string {
  return `floor(extract(epoch FROM ${expression}) * 1000)::float8`;
}

/** Reads a value of a row as it came in JSON (a nested list of rows, say) into what the row holds. */
export type ValueReader = (value: unknown) => unknown;

function instant(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(value as number);
}

/**
 * A row read as a JSON array of its values, in a fixed order, so that rows travel as one JSON value
 * (see json-rows.ts): a page of events, and the participants and citations nested in each.
 * PostgreSQL builds arrays in about two thirds of the time of the same rows as `json_build_object`s,
 * and JSON.parse reads them several times faster than pg reads text arrays. Values come as in JSON
 * objects, so ids must be sent as text; `instants` are sent as milliseconds since 1970 and read as
 * the Dates pg would give, any year included (JSON's own text for a timestamp, with "BC" after
 * a year before 1 and five digits for one after 9999, is not always readable by Date). Literal
 * properties (`'Actor'`) are not sent at all.
 */
export class JsonArrayRow {
  /** The expressions of the row's values, in the order {@link read} expects them. */
  readonly elements: string[] = [];
  /** The row whose values start at `values[start]`; its `given` property (see the constructor) is `given`. */
  readonly read: (values: readonly unknown[], start?: number, given?: unknown) => Record<string, unknown>;

  /**
   * With `readers`, the properties they name are read by them. The `given` property is not sent:
   * its value is handed to {@link read} (a row's id that the row beside it already holds). Rows
   * are built by one object literal, compiled once per shape, so every row of a shape has the same
   * properties in the same order (fast for the resolvers that read them).
   */
  constructor(
    fields: RowFields,
    instants: ReadonlySet<string> = new Set(),
    readers: Readonly<Record<string, ValueReader>> = {},
    given?: string,
  ) {
    const properties: string[] = [];
    for (const [property, expression] of Object.entries(fields)) {
      const key = JSON.stringify(property);
      if (property === given) {
        properties.push(`${key}: given`);
        continue;
      }
      const literal = /^'([^']*)'$/.exec(expression);
      if (literal) {
        properties.push(`${key}: ${JSON.stringify(literal[1])}`);
        continue;
      }
      const value = `values[start + ${this.elements.length}] ?? null`;
      const isInstant = instants.has(property);
      if (readers[property]) properties.push(`${key}: readers[${key}](${value})`);
      else properties.push(isInstant ? `${key}: instant(${value})` : `${key}: ${value}`);
      this.elements.push(isInstant ? epochMillisecondsSql(expression) : expression);
    }
    if (this.elements.length > MAX_VALUES) {
      throw new Error(`JsonArrayRow: ${this.elements.length} values, more than one json_build_array takes`);
    }
    const compile = new Function(
      'instant',
      'readers',
      `return function read(values, start = 0, given) { return { ${properties.join(', ')} }; };`,
    ) as (instantOf: typeof instant, valueReaders: typeof readers) => JsonArrayRow['read'];
    this.read = compile(instant, readers);
  }

  /** How many values of the array a row takes. */
  get width(): number {
    return this.elements.length;
  }

  /** The SQL expression of one row as its JSON array. */
  get selectItem(): string {
    return `json_build_array(${this.elements.join(', ')})`;
  }
}
