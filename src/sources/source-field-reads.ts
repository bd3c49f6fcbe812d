import { type FieldReads } from '../graphql/planning/field-reads';
import { type SourceRow } from './source.row';

/** What each Source field reads of the source row (see field-reads.ts). */
export const SOURCE_FIELD_READS = {
  id: ['id'],
  slug: ['slug'],
  kind: ['kind'],
  sourceKind: ['kind'],
  title: ['title'],
  url: ['url'],
  author: ['author'],
  language: ['language'],
  publishedAt: ['publishedAt'],
  revision: ['revision'],
  publisher: ['publisherId'],
  citations: ['id'],
  events: ['id'],
  history: ['id'],
} satisfies FieldReads<SourceRow>;
