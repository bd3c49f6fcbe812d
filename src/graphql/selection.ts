import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

function selectedIn(
  selectionSet: SelectionSetNode | undefined,
  path: readonly string[],
  fragments: Record<string, FragmentDefinitionNode>,
): boolean {
  if (!path.length) return true;
  if (!selectionSet) return false;
  return selectionSet.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) {
      return selection.name.value === path[0] && selectedIn(selection.selectionSet, path.slice(1), fragments);
    }
    const fragmentSet =
      selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments[selection.name.value]?.selectionSet;
    return selectedIn(fragmentSet, path, fragments);
  });
}

/**
 * Whether the operation selects the field path below the field being resolved (e.g.
 * `['edges', 'node', 'participants']`), looking through fragments. Type conditions and
 * `@skip`/`@include` are not evaluated, so the answer errs towards "selected".
 */
export function isPathSelected(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return info.fieldNodes.some((node) => selectedIn(node.selectionSet, path, info.fragments));
}
