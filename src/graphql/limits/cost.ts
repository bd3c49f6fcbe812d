import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../shared/page-request';
import { MAX_NODE_IDS } from '../node.resolver';
import { isIncluded, type Operation } from './operation';

/**
 * Entries assumed in a list of objects that no argument bounds: `participants`, `citations`,
 * `related`, `sources`, `titles`, `names`, `descriptions`, `changes`, `timelineBuckets`.
 */
export const ASSUMED_LIST_SIZE = 20;

const clampPage = (size: number) => Math.max(0, Math.min(size, MAX_PAGE_SIZE));

const isConnection = (type: GraphQLCompositeType) => type.name.endsWith('Connection');

function argumentsOf(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Operation['variables'],
): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    return {};
  }
}

/**
 * A connection's page: `first`, else `last`, else the default of 20; more than 100, which the
 * field refuses, counts as 100.
 */
function pageSizeOf(args: Record<string, unknown>): number {
  const size = args.first ?? args.last;
  return typeof size === 'number' ? clampPage(size) : DEFAULT_PAGE_SIZE;
}

/** The entries a list field returns per parent object. */
function listSizeOf(parent: GraphQLObjectType, args: Record<string, unknown>, page: number): number {
  if (isConnection(parent)) return page;
  if (Array.isArray(args.ids)) return Math.min(args.ids.length, MAX_NODE_IDS);
  if (typeof args.first === 'number') return clampPage(args.first);
  return ASSUMED_LIST_SIZE;
}

/**
 * The most objects the operation's response can hold, in the spirit of GitHub's node limit: each
 * object (or list entry of object type) counts one, times the entries of every list it is nested
 * in. A connection's `edges` and `nodes` hold `first` or `last` entries (20 when neither is given),
 * `nodes(ids)` one per id, `search` `first` hits, and other lists of objects
 * {@link ASSUMED_LIST_SIZE}; introspection counts alike (GraphiQL's own query costs 109,644).
 * Scalars cost nothing, nor do fields that `@skip`/`@include` leave out with these variables;
 * where a field's type is abstract the costliest possible type counts. Computed from the document
 * and variables alone, before any SQL; capped at `Number.MAX_SAFE_INTEGER`.
 */
export function operationCost({ schema, definition, fragments, variables }: Operation): number {
  const memo = new WeakMap<SelectionSetNode, Map<string, number>>();
  const spreading = new Set<string>();

  const applies = (typeCondition: string | undefined, type: GraphQLObjectType) => {
    if (typeCondition === undefined || typeCondition === type.name) return true;
    const condition = schema.getType(typeCondition);
    return condition !== undefined && isAbstractType(condition) && schema.isSubType(condition, type);
  };

  const fieldOf = (parent: GraphQLObjectType, name: string): GraphQLField<unknown, unknown> | undefined => {
    if (parent !== schema.getQueryType()) return parent.getFields()[name];
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    return parent.getFields()[name];
  };

  function fieldCost(parent: GraphQLObjectType, node: FieldNode, page: number): number {
    const field = fieldOf(parent, node.name.value);
    if (!field) return 0;
    const type = getNamedType(field.type);
    if (!isCompositeType(type)) return 0;
    const args = argumentsOf(field, node, variables);
    const entries = isListType(getNullableType(field.type)) ? listSizeOf(parent, args, page) : 1;
    const childPage = isConnection(type) ? pageSizeOf(args) : DEFAULT_PAGE_SIZE;
    return entries * (1 + unitCost(node.selectionSet, type, childPage));
  }

  function objectCost(selectionSet: SelectionSetNode, type: GraphQLObjectType, page: number): number {
    const key = `${type.name}/${page}`;
    const known = memo.get(selectionSet)?.get(key);
    if (known !== undefined) return known;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (!isIncluded(selection, variables)) continue;
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(type, selection, page);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value, type)) cost += objectCost(selection.selectionSet, type, page);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || spreading.has(fragment.name.value)) continue;
        if (!applies(fragment.typeCondition.name.value, type)) continue;
        spreading.add(fragment.name.value);
        cost += objectCost(fragment.selectionSet, type, page);
        spreading.delete(fragment.name.value);
      }
    }
    const byType = memo.get(selectionSet) ?? new Map<string, number>();
    memo.set(selectionSet, byType.set(key, cost));
    return cost;
  }

  function unitCost(selectionSet: SelectionSetNode | undefined, type: GraphQLCompositeType, page: number): number {
    if (!selectionSet) return 0;
    if (isObjectType(type)) return objectCost(selectionSet, type, page);
    return Math.max(0, ...schema.getPossibleTypes(type).map((possible) => objectCost(selectionSet, possible, page)));
  }

  const root = schema.getRootType(definition.operation);
  if (!root) return 0;
  return Math.min(objectCost(definition.selectionSet, root, DEFAULT_PAGE_SIZE), Number.MAX_SAFE_INTEGER);
}
