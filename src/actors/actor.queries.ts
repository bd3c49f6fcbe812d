import { PLAN_ONCE, type SqlClient } from '../db/sql-client';
import { limitSql, SqlParams, whereClause } from '../db/sql-params';
import { searchTextCondition } from '../search/search-conditions';
import { type SearchTerm } from '../search/search-terms';
import { ACTOR_COLUMNS, type ActorRow } from './actor.row';

/** Actors with the given ids, in no particular order. */
export function findActorsByIds(sql: SqlClient, ids: readonly string[]): Promise<ActorRow[]> {
  return sql.query<ActorRow>(`SELECT ${ACTOR_COLUMNS} FROM actor a WHERE a.id = ANY($1::bigint[])`, [ids], PLAN_ONCE);
}

/**
 * SQL for the id an actor id stands for: itself while that actor exists (in an as-of read, existed
 * then), else the actor it was merged into. `idSql` is any bigint expression.
 */
function standingActorId(idSql: string): string {
  return `coalesce((SELECT d.id FROM actor d WHERE d.id = ${idSql}),
                   (SELECT m.survivor_id FROM actor_merge m WHERE m.merged_id = ${idSql}))`;
}

/**
 * SQL for the bigint[] of the actors that the actor ids in the bigint[] expression `idsSql` stand
 * for (merged actors' ids give their survivors), without duplicates; one statement part, however
 * many ids.
 */
export function standingActorIds(idsSql: string): string {
  return `ARRAY(SELECT DISTINCT ${standingActorId('wanted.id')} FROM unnest(${idsSql}::bigint[]) AS wanted(id))`;
}

/**
 * One actor per id, in the order of `ids`, null where there is none: the id of an actor merged
 * into another gives the survivor. One statement, whose first branch is the plain lookup by id.
 */
export async function findActorsForIds(sql: SqlClient, ids: readonly string[]): Promise<(ActorRow | null)[]> {
  const rows = await sql.query<ActorRow & { requestedId: string }>(
    `SELECT a.id::text AS "requestedId", ${ACTOR_COLUMNS} FROM actor a WHERE a.id = ANY($1::bigint[])
     UNION ALL
     SELECT m.merged_id::text, ${ACTOR_COLUMNS}
       FROM actor_merge m JOIN actor a ON a.id = m.survivor_id
      WHERE m.merged_id = ANY($1::bigint[]) AND NOT EXISTS (SELECT 1 FROM actor d WHERE d.id = m.merged_id)`,
    [ids],
    PLAN_ONCE,
  );
  const byRequestedId = new Map(rows.map(({ requestedId, ...row }) => [requestedId, row]));
  return ids.map((id) => byRequestedId.get(id) ?? null);
}

/** The actor with this slug, or null; the slug of an actor merged into another gives the survivor. */
export async function findActorBySlug(sql: SqlClient, slug: string): Promise<ActorRow | null> {
  const [row] = await sql.query<ActorRow>(
    `SELECT ${ACTOR_COLUMNS} FROM actor a
      WHERE a.id = coalesce((SELECT d.id FROM actor d WHERE d.slug = $1 LIMIT 1),
                            (SELECT m.survivor_id FROM actor_merge m WHERE m.merged_slug = $1))`,
    [slug],
    PLAN_ONCE,
  );
  return row ?? null;
}

/** Filters for the actor directory. */
export interface ActorSearch {
  /** Terms that must each occur in a name, an alias or the slug. */
  terms: SearchTerm[];
  kind?: string;
}

function actorSearchConditions(search: ActorSearch, params: SqlParams): string[] {
  const conditions = search.terms.map((term) => searchTextCondition('a', term, params));
  if (search.kind) conditions.push(`a.kind = ${params.add(search.kind)}::actor_kind`);
  return conditions;
}

/** Up to `limit` matching actors ordered by slug, after the slug `afterSlug` if given. */
export function findActorsPage(
  sql: SqlClient,
  search: ActorSearch,
  afterSlug: string | null,
  limit: number,
): Promise<ActorRow[]> {
  const params = new SqlParams();
  const conditions = actorSearchConditions(search, params);
  if (afterSlug !== null) conditions.push(`a.slug > ${params.add(afterSlug)}`);
  return sql.query<ActorRow>(
    `SELECT ${ACTOR_COLUMNS} FROM actor a ${whereClause(conditions)} ORDER BY a.slug LIMIT ${search.terms.length ? params.add(limit) : limitSql(limit)}`,
    params.values,
  );
}

/** How many actors match. */
export async function countActors(sql: SqlClient, search: ActorSearch): Promise<number> {
  const params = new SqlParams();
  const [row] = await sql.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM actor a ${whereClause(actorSearchConditions(search, params))}`,
    params.values,
  );
  return row?.count ?? 0;
}

/** Whether a matching actor sorts at or before the slug `slug`. */
export async function existsActorAtOrBefore(sql: SqlClient, search: ActorSearch, slug: string): Promise<boolean> {
  const params = new SqlParams();
  const conditions = [...actorSearchConditions(search, params), `a.slug <= ${params.add(slug)}`];
  const [row] = await sql.query<{ exists: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM actor a ${whereClause(conditions)}) AS exists`,
    params.values,
  );
  return row?.exists ?? false;
}

/** Matching actors, those taking part in the most events first; `limit` at most. */
export function findActorsByRelevance(
  sql: SqlClient,
  terms: readonly SearchTerm[],
  limit: number,
): Promise<ActorRow[]> {
  const params = new SqlParams();
  const conditions = actorSearchConditions({ terms: [...terms] }, params);
  return sql.query<ActorRow>(
    `SELECT ${ACTOR_COLUMNS} FROM actor a ${whereClause(conditions)}
      ORDER BY (SELECT count(*) FROM participation p WHERE p.actor_id = a.id) DESC, a.slug
      LIMIT ${params.add(limit)}`,
    params.values,
  );
}
