import {
  isNonNullType,
  locatedError,
  Kind,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type GraphQLSchema,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { type SqlClient } from '../../db/sql-client';
import { SqlParams } from '../../db/sql-params';
import { rootFields, type Renderers, type RenderScope } from './render-selection';

/**
 * The SQL of a root field's whole JSON value, or null when this use of it cannot be rendered.
 * Sends no statement; may throw for bad arguments (the operation then runs through the resolvers,
 * which report the error as they always do).
 */
export type RootRenderer = (
  args: Readonly<Record<string, unknown>>,
  fieldNodes: readonly FieldNode[],
  scope: RenderScope,
) => string | null;

/** What can be rendered: root fields by name, and the fields of the object types below them. */
export interface RenderingRegistry {
  roots: Readonly<Record<string, RootRenderer>>;
  renderers: Renderers;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

/**
 * Answers a query whose one root field, and everything selected below it, can be rendered by
 * PostgreSQL (see graphql/rendering): one statement builds the field's JSON value, so no row is
 * parsed and no resolver runs. Null when the operation cannot be (a mutation, several root fields,
 * a field without a renderer, `asOf`, a search…): it then runs through the resolvers. An error of
 * the statement is the root field's error, located as graphql-js locates it.
 */
export async function renderOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  sql: SqlClient,
  registry: RenderingRegistry,
): Promise<ExecutionResult | null> {
  const queryType = schema.getQueryType();
  if (operation.operation !== 'query' || !queryType) return null;
  const scope: RenderScope = {
    schema,
    fragments: fragmentsOf(document),
    variables,
    params: new SqlParams(),
    renderers: registry.renderers,
    statement: { planOnce: true },
  };
  let value: string | null;
  let key: string;
  let nodes: readonly FieldNode[];
  let nonNull: boolean;
  try {
    const fields = rootFields(scope, queryType, operation.selectionSet);
    if (fields.size !== 1) return null;
    [key, nodes] = fields.entries().next().value!;
    const name = nodes[0]!.name.value;
    const root = Object.hasOwn(registry.roots, name) ? registry.roots[name] : undefined;
    const definition = queryType.getFields()[name];
    if (!root || !definition) return null;
    nonNull = isNonNullType(definition.type);
    value = root(getArgumentValues(definition, nodes[0]!, variables as Record<string, unknown>), nodes, scope);
  } catch {
    return null;
  }
  if (!value) return null;
  try {
    const [row] = await sql.query<{ body: string | null }>(`SELECT (${value})::text AS body`, scope.params.values, {
      planOnce: scope.statement.planOnce,
    });
    return { data: { [key]: JSON.parse(row!.body ?? 'null') as unknown } };
  } catch (error) {
    return { data: nonNull ? null : { [key]: null }, errors: [locatedError(error, nodes, [key])] };
  }
}
