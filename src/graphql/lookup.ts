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
 * is BAD_USER_INPUT, and so are an id of another type (on `id`) and a slug with a NUL, which
 * PostgreSQL cannot take as text (on `slug`).
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
  if (id != null) return find.byId(expectGlobalId(id, type, 'id'));
  if (slug!.includes('\u0000')) throw badUserInput('slug', 'A slug never contains NUL characters (\\u0000).');
  return find.bySlug(slug!);
}
