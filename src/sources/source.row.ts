import { selectList, type RowFields } from '../db/row-fields';
export type SourceKind = 'NEWS_ARTICLE' | 'SOCIAL_POST' | 'OFFICIAL_STATEMENT' | 'INTERVIEW' | 'REPORT';

/** A source row as the read path returns it. */
export interface SourceRow {
  __typename: 'Source';
  id: string;
  slug: string;
  kind: SourceKind;
  title: string;
  url: string | null;
  publisherId: string | null;
  author: string | null;
  language: string;
  publishedAt: Date | null;
  /** Bumped by every change to the source. */
  revision: number;
}

/** How a {@link SourceRow} is read from `source s`. */
export const SOURCE_FIELDS: RowFields = {
  __typename: `'Source'`,
  id: 's.id::text',
  slug: 's.slug',
  kind: 's.kind',
  title: 's.title',
  url: 's.url',
  publisherId: 's.publisher_id::text',
  author: 's.author',
  language: 's.language',
  publishedAt: 's.published_at',
  revision: 's.revision',
};

/** The select list producing a {@link SourceRow} from `source s`. */
export const SOURCE_COLUMNS = selectList(SOURCE_FIELDS);

/** The {@link SOURCE_FIELDS} that are instants (see JsonArrayRow). */
export const SOURCE_INSTANTS: ReadonlySet<string> = new Set(['publishedAt']);
