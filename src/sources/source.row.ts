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
}

/** The select list producing a {@link SourceRow} from `source s`. */
export const SOURCE_COLUMNS = `'Source' AS "__typename", s.id, s.slug, s.kind, s.title, s.url,
  s.publisher_id AS "publisherId", s.author, s.language, s.published_at AS "publishedAt"`;
