import { isObjectType, type GraphQLSchema } from 'graphql';
import { type RequestContext } from './context';

/** A field of a type resolved by a plain function of the parent row, the arguments and the request context. */
export type FieldFunction<Row> = (row: Row, args: any, context: RequestContext) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any -- graphql-js hands over untyped arguments, already coerced to the schema's types

/** The directly resolved fields of one type, by field name. */
export type FieldFunctions<Row> = Readonly<Record<string, FieldFunction<Row>>>;

/**
 * Points fields of the built schema straight at their functions. type-graphql wraps every field
 * resolver: it copies the parent row into an instance of the type's class, and validates
 * arguments asynchronously even with validation off, so that every field with an argument costs a
 * promise — hundreds per timeline page. The decorated methods stay, for the schema's types, arguments
 * and descriptions, and call these same functions, so behaviour does not depend on the path.
 */
export function resolveFieldsDirectly(
  schema: GraphQLSchema,
  fieldsByType: Record<string, FieldFunctions<never>>,
): void {
  for (const [typeName, fields] of Object.entries(fieldsByType)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`resolveFieldsDirectly: ${typeName} is not an object type`);
    const schemaFields = type.getFields();
    for (const [fieldName, resolve] of Object.entries(fields)) {
      const field = schemaFields[fieldName];
      if (!field) throw new Error(`resolveFieldsDirectly: ${typeName}.${fieldName} is not in the schema`);
      field.resolve = (row, args, context) => resolve(row as never, args, context as RequestContext);
    }
  }
}
