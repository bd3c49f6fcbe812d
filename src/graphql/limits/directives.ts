import { Kind, type SelectionSetNode } from 'graphql';
import { memoizedFragments, type Operation } from './operation';

/**
 * How many directives the operation uses: on the operation, its variables, fields, inline fragments,
 * spreads and the fragments spread, a fragment's counting once per spread.
 */
export function directiveCount({ definition, fragments }: Operation): number {
  const fragmentDirectives = memoizedFragments(
    fragments,
    0,
    (fragment) => (fragment.directives?.length ?? 0) + directivesIn(fragment.selectionSet),
  );
  function directivesIn(selectionSet: SelectionSetNode | undefined): number {
    let count = 0;
    for (const selection of selectionSet?.selections ?? []) {
      count += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FRAGMENT_SPREAD) count += fragmentDirectives(selection.name.value);
      else count += directivesIn(selection.selectionSet);
    }
    return count;
  }
  const onVariables = (definition.variableDefinitions ?? []).reduce(
    (sum, variable) => sum + (variable.directives?.length ?? 0),
    0,
  );
  return (definition.directives?.length ?? 0) + onVariables + directivesIn(definition.selectionSet);
}
