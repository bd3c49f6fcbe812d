/**
 * The row properties each field of a GraphQL object type reads: what a statement planned from a
 * query's selection must fetch for the resolvers of the fields it asks for. A field not listed is
 * taken to read the whole row, so an undeclared field is slow, never wrong; test/field-reads.test.ts
 * checks that every declared field resolves the same from a planned row as from a whole one.
 */
export type FieldReads<Row> = Readonly<Record<string, readonly (keyof Row & string)[]>>;

/**
 * The properties rows of a type must carry for `fieldNames` (`always` included, then each field's
 * reads), or null when one of the fields is not declared in `reads`: then the whole row is needed.
 */
export function propertiesRead(
  reads: Readonly<Record<string, readonly string[]>>,
  always: readonly string[],
  fieldNames: Iterable<string>,
): Set<string> | null {
  const properties = new Set<string>(always);
  for (const name of fieldNames) {
    if (name === '__typename') continue;
    const read = reads[name];
    if (!read) return null;
    for (const property of read) properties.add(property);
  }
  return properties;
}
