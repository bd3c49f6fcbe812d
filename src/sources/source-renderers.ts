import { globalIdSql } from '../graphql/rendering/json-sql';
import { instant, property } from '../graphql/rendering/field-renderers';
import { type TypeRenderers } from '../graphql/rendering/render-selection';

/** Source's fields as SQL over a source row (see graphql/rendering), mirroring source.resolver.ts. */
export const SOURCE_RENDERERS: TypeRenderers = {
  id: (row) => globalIdSql('Source', row('id')),
  slug: property('slug'),
  kind: property('kind'),
  sourceKind: property('kind'),
  title: property('title'),
  url: property('url'),
  author: property('author'),
  language: property('language'),
  publishedAt: instant('publishedAt'),
  revision: property('revision'),
};
