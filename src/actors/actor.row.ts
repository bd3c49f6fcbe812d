import { selectList, type RowFields } from '../db/row-fields';
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
  /** Bumped by every change to the actor. */
  revision: number;
}

/** How an {@link ActorRow} is read from `actor a`. */
export const ACTOR_FIELDS: RowFields = {
  __typename: `'Actor'`,
  id: 'a.id::text',
  slug: 'a.slug',
  kind: 'a.kind',
  names: 'a.names',
  originalLanguage: 'a.original_language',
  aliases: 'a.aliases',
  descriptions: 'a.descriptions',
  sameAs: 'a.same_as',
  revision: 'a.revision',
};

/** The select list producing an {@link ActorRow} from `actor a`. */
export const ACTOR_COLUMNS = selectList(ACTOR_FIELDS);
