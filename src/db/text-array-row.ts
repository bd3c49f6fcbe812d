import { type RowFields } from './row-fields';

interface StoredProperty {
  property: string;
  json: boolean;
}

/**
 * A row read as the elements of a PostgreSQL text array, so that a list of rows nested in another
 * row can come as one `ARRAY(SELECT ARRAY[…])` (which PostgreSQL writes and pg parses far faster
 * than JSON objects). Properties whose SQL value is not text travel as their JSON text and are
 * parsed back, so a row read this way equals the one `json_build_object` of the same fields gives;
 * literal properties (`'Actor'`) are not sent at all.
 */
export class TextArrayRow {
  private readonly constants: [string, string][] = [];
  private readonly stored: StoredProperty[] = [];
  /** The text expressions of the row's values, in the order {@link read} expects them. */
  readonly elements: string[] = [];

  /** `jsonValued`: the properties of `fields` whose SQL value is not text (numbers, arrays, jsonb, timestamps). */
  constructor(fields: RowFields, jsonValued: ReadonlySet<string>) {
    for (const [property, expression] of Object.entries(fields)) {
      const literal = /^'([^']*)'$/.exec(expression);
      if (literal) {
        this.constants.push([property, literal[1]!]);
        continue;
      }
      const json = jsonValued.has(property);
      this.stored.push({ property, json });
      this.elements.push(json ? `to_json(${expression})::text` : `(${expression})::text`);
    }
  }

  /** How many elements of the array a row takes. */
  get width(): number {
    return this.stored.length;
  }

  /** The row whose values start at `values[start]`. */
  read(values: readonly (string | null)[], start = 0): Record<string, unknown> {
    const row: Record<string, unknown> = {};
    for (const [property, value] of this.constants) row[property] = value;
    for (let index = 0; index < this.stored.length; index += 1) {
      const { property, json } = this.stored[index]!;
      const value = values[start + index] ?? null;
      row[property] = json && value !== null ? JSON.parse(value) : value;
    }
    return row;
  }
}
