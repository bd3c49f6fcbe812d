import { Kind, type SelectionSetNode } from 'graphql';
import { memoizedFragments, type Operation } from './operation';

/**
 * How many fields the operation aliases, counting a fragment's aliases once per spread;
 * `@skip`/`@include` are not evaluated.
 */
export function aliasCount({ definition, fragments }: Operation): number {
  const fragmentAliases = memoizedFragments(fragments, 0, (fragment) => aliasesIn(fragment.selectionSet));
  function aliasesIn(selectionSet: SelectionSetNode | undefined): number {
    let count = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) count += (selection.alias ? 1 : 0) + aliasesIn(selection.selectionSet);
      else if (selection.kind === Kind.INLINE_FRAGMENT) count += aliasesIn(selection.selectionSet);
      else count += fragmentAliases(selection.name.value);
    }
    return count;
  }
  return aliasesIn(definition.selectionSet);
}
