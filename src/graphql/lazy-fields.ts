import { isAbstractType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/**
 * Fields whose value in a connection may be a function that computes it only when asked (a count
 * or a page flag costs a query): every `totalCount` of a connection and PageInfo's flags.
 */
function isLazyField(typeName: string, fieldName: string): boolean {
  if (typeName === 'PageInfo') return fieldName === 'hasNextPage' || fieldName === 'hasPreviousPage';
  return typeName.endsWith('Connection') && fieldName === 'totalCount';
}

const callIfFunction: GraphQLFieldResolver<Record<string, unknown>, unknown> = (source, _args, _context, info) => {
  const value = source[info.fieldName];
  return typeof value === 'function' ? (value as () => unknown)() : value;
};

/**
 * Gives the lazy fields of connections (see {@link isLazyField}) a resolver that calls the
 * function they hold. graphql-js's default resolver would call it too, but the compiled executor
 * (compiled-execution.ts) reads a field without a resolver as a plain value.
 */
export function resolveLazyFields(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve && isLazyField(type.name, field.name)) field.resolve = callIfFunction;
    }
  }
}

/**
 * Makes every interface and union resolve the type of a value by its `__typename`, at once. Rows
 * carry it, and the types declare exactly that (node.type.ts, search-hit.union.ts), but
 * type-graphql wraps a type resolver in an async function, and the compiled executor needs the
 * answer synchronously.
 */
export function resolveTypesByTypename(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (isAbstractType(type) && !type.name.startsWith('__')) {
      type.resolveType = (value: unknown) => (value as { __typename?: string } | null)?.__typename;
    }
  }
}
