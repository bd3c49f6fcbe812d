import {
  getNamedType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { collectFields, collectSubfields } from 'graphql/execution/collectFields';
import { getArgumentValues } from 'graphql/execution/values';
import { type SqlParams } from '../../db/sql-params';

/** The SQL expression of each property of a row, by the property's name (as the row type of the resolvers names it). */
export type RowSql = (property: string) => string;

/** What a field's renderer is given besides the row: its coerced arguments, the statement's parameters, its selection. */
export interface FieldRendering {
  readonly args: Readonly<Record<string, unknown>>;
  readonly params: SqlParams;
  /** The JSON of the field's own object type over `row`, as its selection asks; null when some of it cannot be rendered. */
  object(row: RowSql): string | null;
  /** The field's nodes in the operation, and what the whole rendering shares. */
  readonly nodes: readonly FieldNode[];
  readonly scope: RenderScope;
}

/**
 * The SQL of one field's value as JSON would carry it, the same as its resolver and the scalar's
 * serialization give for that row; null when this use of the field cannot be rendered (the
 * operation then runs through the resolvers).
 */
export type FieldRenderer = (row: RowSql, field: FieldRendering) => string | null;

/** The renderable fields of one object type. */
export type TypeRenderers = Readonly<Record<string, FieldRenderer>>;

/** Renderable fields by object type name. */
export type Renderers = Readonly<Record<string, TypeRenderers>>;

/** What every rendering of one operation shares. */
export interface RenderScope {
  readonly schema: GraphQLSchema;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly params: SqlParams;
  readonly renderers: Renderers;
  /** Whether the statement's plan is the same whatever its values (see StatementOptions); a part that is not clears it. */
  readonly statement: { planOnce: boolean };
}

/** json_build_object takes at most 100 arguments. */
const MAX_KEYS = 50;

function objectOf(pairs: readonly [key: string, value: string][]): string | null {
  if (pairs.length > MAX_KEYS) return null;
  return `json_build_object(${pairs.map(([key, value]) => `'${key}', ${value}`).join(', ')})`;
}

function renderFields(
  type: GraphQLObjectType,
  fields: ReadonlyMap<string, readonly FieldNode[]>,
  row: RowSql,
  scope: RenderScope,
): string | null {
  const renderers = scope.renderers[type.name];
  if (!renderers) return null;
  const pairs: [string, string][] = [];
  for (const [responseKey, nodes] of fields) {
    const node = nodes[0]!;
    const name = node.name.value;
    if (name === '__typename') {
      pairs.push([responseKey, `'${type.name}'::text`]);
      continue;
    }
    const renderer = Object.hasOwn(renderers, name) ? renderers[name] : undefined;
    const definition = type.getFields()[name];
    if (!renderer || !definition) return null;
    const value = renderer(row, {
      args: getArgumentValues(definition, node, scope.variables as Record<string, unknown>),
      params: scope.params,
      nodes,
      scope,
      object: (nestedRow) => {
        const nestedType = getNamedType(definition.type);
        if (!isObjectType(nestedType)) return null;
        return renderObject(nestedType, nodes, nestedRow, scope);
      },
    });
    if (value === null) return null;
    pairs.push([responseKey, value]);
  }
  return objectOf(pairs);
}

/**
 * The JSON object (SQL) of `type` that `fieldNodes` (the nodes of one field returning it) select,
 * over `row`: each response key in the order graphql-js gives, fragments and `@skip`/`@include`
 * applied. Null when a field selected has no renderer or its renderer declines.
 */
export function renderObject(
  type: GraphQLObjectType,
  fieldNodes: readonly FieldNode[],
  row: RowSql,
  scope: RenderScope,
): string | null {
  const fields = collectSubfields(
    scope.schema,
    scope.fragments as Record<string, FragmentDefinitionNode>,
    scope.variables as Record<string, unknown>,
    type,
    fieldNodes,
  );
  return renderFields(type, fields, row, scope);
}

/** The root fields an operation selects on `type`, by response key, with fragments and directives applied. */
export function rootFields(
  scope: Pick<RenderScope, 'schema' | 'fragments' | 'variables'>,
  type: GraphQLObjectType,
  selectionSet: Parameters<typeof collectFields>[4],
): Map<string, readonly FieldNode[]> {
  return collectFields(
    scope.schema,
    scope.fragments as Record<string, FragmentDefinitionNode>,
    scope.variables as Record<string, unknown>,
    type,
    selectionSet,
  );
}
