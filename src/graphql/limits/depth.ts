import { Kind, type SelectionSetNode } from 'graphql';
import { memoizedFragments, type Operation } from './operation';

/**
 * How deep the operation nests: the fields on its longest path, the root field counting 1 and the
 * leaf field included (`{ event { time { local } } }` is 3). Fragments count where they are spread;
 * `@skip`/`@include` are not evaluated.
 */
export function operationDepth({ definition, fragments }: Operation): number {
  const fragmentDepth = memoizedFragments(fragments, 0, (fragment) => depthOf(fragment.selectionSet));
  function depthOf(selectionSet: SelectionSetNode | undefined): number {
    let deepest = 0;
    for (const selection of selectionSet?.selections ?? []) {
      const depth =
        selection.kind === Kind.FIELD
          ? 1 + depthOf(selection.selectionSet)
          : selection.kind === Kind.INLINE_FRAGMENT
            ? depthOf(selection.selectionSet)
            : fragmentDepth(selection.name.value);
      deepest = Math.max(deepest, depth);
    }
    return deepest;
  }
  return depthOf(definition.selectionSet);
}
