import { type SqlClient } from '../db/sql-client';
import { badUserInput } from '../graphql/errors';
import { type ConnectionSource } from '../shared/connection';
import { parsePageRequest } from '../shared/page-request';
import { countActors, existsActorAtOrBefore, findActorsPage, type ActorSearch } from './actor.queries';
import { type ActorRow } from './actor.row';
import { base64url } from '../shared/base64url';

function encodeActorCursor(row: ActorRow): string {
  return base64url(`a1:${row.slug}`);
}

function decodeActorCursor(cursor: string): string {
  const text =
    cursor.length <= 200 && /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^a1:([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(text);
  if (!match) throw badUserInput('after', `"${cursor.slice(0, 40)}" is not a cursor this list issued.`);
  return match[1]!;
}

/** A forward page of actors ordered by slug, keyset-paginated on the slug. */
export async function loadActorConnection(
  sql: SqlClient,
  search: ActorSearch,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<ConnectionSource<ActorRow>> {
  const page = parsePageRequest({ first });
  const afterSlug = after == null ? null : decodeActorCursor(after);
  const fetched = await findActorsPage(sql, search, afterSlug, page.size + 1);
  const rows = fetched.slice(0, page.size);
  const edges = rows.map((row) => ({ cursor: encodeActorCursor(row), node: row }));
  return {
    edges,
    nodes: rows,
    pageInfo: {
      hasNextPage: () => fetched.length > page.size,
      hasPreviousPage: () => (afterSlug === null ? false : existsActorAtOrBefore(sql, search, afterSlug)),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: () => countActors(sql, search),
  };
}
