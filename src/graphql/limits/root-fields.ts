import { Kind, type SelectionSetNode } from 'graphql';
import { type Operation } from './operation';

/**
 * How many fields the operation resolves at its root: one per response key, so aliases of the same
 * field count apart and repeats of one field once; `__typename` counts, fragments are looked
 * through and `@skip`/`@include` are not evaluated.
 */
export function rootFieldCount({ definition, fragments }: Operation): number {
  const keys = new Set<string>();
  const spread = new Set<string>();
  function collect(selectionSet: SelectionSetNode): void {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        keys.add((selection.alias ?? selection.name).value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else if (!spread.has(selection.name.value)) {
        spread.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  }
  collect(definition.selectionSet);
  return keys.size;
}
