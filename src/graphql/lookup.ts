import { expectGlobalId, type NodeType } from '../shared/global-id';
import { badUserInput } from './errors';

/** Description of every `lang` argument. */
export const LANG_ARGUMENT_DESCRIPTION = 'BCP 47 language tag to return; falls back to the original language.';

/** The arguments of a field that takes `lang`. */
export interface LangArgs {
  lang?: string | null;
}

/**
 * Looks a row up by global id or by slug, whichever of the two was given; giving both or neither
 * is BAD_USER_INPUT, and an id of another type is BAD_USER_INPUT on `id`.
 */
export function findByIdOrSlug<Row>(
  type: NodeType,
  id: string | null | undefined,
  slug: string | null | undefined,
  find: { byId: (id: string) => Promise<Row | null>; bySlug: (slug: string) => Promise<Row | null> },
): Promise<Row | null> {
  if ((id == null) === (slug == null)) {
    throw badUserInput(id == null ? 'id' : 'slug', 'Pass exactly one of `id` and `slug`.');
  }
  return id != null ? find.byId(expectGlobalId(id, type, 'id')) : find.bySlug(slug!);
}
