import { type GraphQLObjectType } from 'graphql';
import { firstTextSql, globalIdSql } from '../graphql/rendering/json-sql';
import { property, rowOf, textInLang } from '../graphql/rendering/field-renderers';
import { type RootRenderer } from '../graphql/rendering/render-operation';
import { renderObject, type TypeRenderers } from '../graphql/rendering/render-selection';
import { parseGlobalId } from '../shared/global-id';
import { actorLookupCondition } from './actor.queries';
import { ACTOR_FIELDS } from './actor.row';

/** Actor's fields as SQL over an actor row (see graphql/rendering), mirroring actor.resolver.ts. */
export const ACTOR_RENDERERS: TypeRenderers = {
  id: (row) => globalIdSql('Actor', row('id')),
  slug: property('slug'),
  kind: property('kind'),
  actorKind: property('kind'),
  originalLanguage: property('originalLanguage'),
  aliases: property('aliases'),
  sameAs: property('sameAs'),
  revision: property('revision'),
  name: (row, field) => `coalesce(${textInLang(row, field, 'names')}, ${row('slug')})`,
  description: (row, field) =>
    `coalesce(${textInLang(row, field, 'descriptions')}, ${firstTextSql(row('descriptions'))})`,
};

/**
 * `actor(id | slug)`, rendered (see graphql/rendering): the actor the resolver's lookup finds, as
 * the selection asks, or null. Declines what the resolver reports as an error, and `asOf`.
 */
export const renderActor: RootRenderer = (args, nodes, scope) => {
  const { id, slug, asOf } = args as { id?: string | null; slug?: string | null; asOf?: unknown };
  if (asOf != null || (id == null) === (slug == null)) return null;
  let condition: string;
  if (id != null) {
    const parsed = parseGlobalId(id);
    if (parsed?.type !== 'Actor') return null;
    condition = actorLookupCondition('id', `${scope.params.add(parsed.id)}::bigint`);
  } else {
    if (slug!.includes('\u0000')) return null;
    condition = actorLookupCondition('slug', scope.params.add(slug));
  }
  const actor = renderObject(scope.schema.getType('Actor') as GraphQLObjectType, nodes, rowOf(ACTOR_FIELDS), scope);
  return actor && `(SELECT ${actor} FROM actor a WHERE ${condition})`;
};
