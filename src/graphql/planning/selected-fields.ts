import {
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/** The fields a selection asks of one object type, by field name (aliases merged), with their nodes. */
export type SelectedFields = Map<string, FieldNode[]>;

function included(node: FieldNode | SelectionSetNode['selections'][number], info: GraphQLResolveInfo): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, info.variableValues);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues);
  return include?.if !== false;
}

function appliesTo(typeCondition: string | undefined, type: GraphQLObjectType, info: GraphQLResolveInfo): boolean {
  if (!typeCondition || typeCondition === type.name) return true;
  const conditionType = info.schema.getType(typeCondition);
  return conditionType !== undefined && isAbstractType(conditionType) && info.schema.isSubType(conditionType, type);
}

function collect(
  selectionSet: SelectionSetNode | undefined,
  type: GraphQLObjectType,
  info: GraphQLResolveInfo,
  into: SelectedFields,
): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (!included(selection, info)) continue;
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      into.set(name, [...(into.get(name) ?? []), selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (appliesTo(selection.typeCondition?.name.value, type, info)) collect(selection.selectionSet, type, info, into);
    } else {
      const fragment = info.fragments[selection.name.value];
      if (fragment && appliesTo(fragment.typeCondition.name.value, type, info)) {
        collect(fragment.selectionSet, type, info, into);
      }
    }
  }
}

/**
 * The fields selected on the objects of `type` found under `fieldNodes` (any of whose selection sets
 * holds fields of `type`), as graphql-js collects them: fragments and inline fragments whose type
 * condition matches, `@skip`/`@include` evaluated with the operation's variables.
 */
export function fieldsSelectedOn(
  fieldNodes: readonly FieldNode[],
  type: GraphQLObjectType,
  info: GraphQLResolveInfo,
): SelectedFields {
  const fields: SelectedFields = new Map();
  for (const node of fieldNodes) collect(node.selectionSet, type, info, fields);
  return fields;
}

/**
 * The fields selected on the objects of `target` at each of `paths` below the field being resolved
 * (e.g. `['edges', 'node']` and `['nodes']` of a connection of events, or `[]` for a list of
 * nodes), merged; null if a path does not lead to `target` or to an abstract type it belongs to.
 */
export function fieldsSelectedAt(
  info: GraphQLResolveInfo,
  paths: readonly (readonly string[])[],
  target: GraphQLObjectType,
): SelectedFields | null {
  const merged: SelectedFields = new Map();
  for (const path of paths) {
    let type = getNamedType(info.returnType);
    let nodes: readonly FieldNode[] = info.fieldNodes;
    for (const name of path) {
      if (!isObjectType(type)) return null;
      const field = type.getFields()[name];
      if (!field) return null;
      nodes = fieldsSelectedOn(nodes, type, info).get(name) ?? [];
      type = getNamedType(field.type);
    }
    if (type !== target && !(isAbstractType(type) && info.schema.isSubType(type, target))) return null;
    for (const [name, fieldNodes] of fieldsSelectedOn(nodes, target, info)) {
      merged.set(name, [...(merged.get(name) ?? []), ...fieldNodes]);
    }
  }
  return merged;
}
