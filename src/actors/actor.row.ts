import { type LocalizedTexts } from '../shared/localized-text';

export type ActorKind = 'PERSON' | 'ORGANIZATION' | 'GOVERNMENT' | 'MEDIA_OUTLET';

/** An actor row as the read path returns it. */
export interface ActorRow {
  __typename: 'Actor';
  id: string;
  slug: string;
  kind: ActorKind;
  names: LocalizedTexts;
  originalLanguage: string;
  aliases: string[];
  descriptions: LocalizedTexts;
  sameAs: string[];
}

/** The select list producing an {@link ActorRow} from `actor a`. */
export const ACTOR_COLUMNS = `'Actor' AS "__typename", a.id, a.slug, a.kind, a.names,
  a.original_language AS "originalLanguage", a.aliases, a.descriptions, a.same_as AS "sameAs"`;
