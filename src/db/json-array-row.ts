import { type RowFields } from './row-fields';

/**
 * A row read as a JSON array of its values, in a fixed order, so that a list of rows nested in
 * another row comes as one `array_to_json(ARRAY(SELECT json_build_array(…)))`: measured on the
 * timeline page, PostgreSQL builds that in about two thirds of the time of the same rows as
 * `json_build_object`s, and JSON.parse reads it several times faster than pg reads text arrays.
 * Values come as in JSON objects (timestamps as text, for the caller to revive); literal
 * properties (`'Actor'`) are not sent at all.
 */
export class JsonArrayRow {
  private readonly constants: [string, string][] = [];
  private readonly properties: string[] = [];
  /** The expressions of the row's values, in the order {@link read} expects them. */
  readonly elements: string[] = [];

  constructor(fields: RowFields) {
    for (const [property, expression] of Object.entries(fields)) {
      const literal = /^'([^']*)'$/.exec(expression);
      if (literal) {
        this.constants.push([property, literal[1]!]);
      } else {
        this.properties.push(property);
        this.elements.push(expression);
      }
    }
  }

  /** How many values of the array a row takes. */
  get width(): number {
    return this.properties.length;
  }

  /** The row whose values start at `values[start]`. */
  read(values: readonly unknown[], start = 0): Record<string, unknown> {
    const row: Record<string, unknown> = {};
    for (const [property, value] of this.constants) row[property] = value;
    for (let index = 0; index < this.properties.length; index += 1) {
      row[this.properties[index]!] = values[start + index] ?? null;
    }
    return row;
  }
}
