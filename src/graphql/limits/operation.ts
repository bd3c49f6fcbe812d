import {
  getDirectiveValues,
  getVariableValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';

/** The operation a request runs, with the fragments it may spread and its variables. */
export interface Operation {
  readonly schema: GraphQLSchema;
  readonly definition: OperationDefinitionNode;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /**
   * The variables coerced to their declared types, defaults applied; empty when they do not
   * coerce (execution then refuses the request and says why, so coercion stops at the first error).
   */
  readonly variables: Readonly<Record<string, unknown>>;
}

/** The operation `definition` of `document` with the request's raw `variables`. */
export function operationOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  definition: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): Operation {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const node of document.definitions) {
    if (node.kind === Kind.FRAGMENT_DEFINITION) fragments.set(node.name.value, node);
  }
  const coerced = getVariableValues(schema, definition.variableDefinitions ?? [], { ...variables }, { maxErrors: 1 });
  return { schema, definition, fragments, variables: coerced.coerced ?? {} };
}

/**
 * Whether `@skip`/`@include` let `node` run with these variables; a directive whose argument does
 * not coerce counts as letting it run (execution refuses it anyway).
 */
export function isIncluded(node: SelectionNode, variables: Readonly<Record<string, unknown>>): boolean {
  try {
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  } catch {
    return true;
  }
}

/**
 * Folds over a fragment's selections once however often it is spread: `measure` is called the
 * first time and its result reused; a spread met again while it is being measured (a cycle, which
 * validation refuses anyway) yields `cycle`.
 */
export function memoizedFragments<T>(
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  cycle: T,
  measure: (fragment: FragmentDefinitionNode) => T,
): (name: string) => T {
  const done = new Map<string, T>();
  const inProgress = new Set<string>();
  return (name) => {
    const known = done.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return cycle;
    inProgress.add(name);
    const value = measure(fragment);
    inProgress.delete(name);
    done.set(name, value);
    return value;
  };
}
