import { insertRow, updateRow } from '../curation/row-writes';
import { type SqlClient } from '../db/sql-client';
import { type LocalizedTexts } from '../shared/localized-text';
import { type ActorKind } from './actor.row';

/** An actor's recorded fields as its history shows them (the names of the GraphQL API). */
export interface ActorSnapshot {
  slug: string;
  kind: ActorKind;
  names: LocalizedTexts;
  originalLanguage: string;
  aliases: string[];
  descriptions: LocalizedTexts;
  sameAs: string[];
}

/** The fields of {@link ActorSnapshot}, in the order a revision lists its changes. */
export const ACTOR_SNAPSHOT_FIELDS: readonly (keyof ActorSnapshot)[] = [
  'slug',
  'kind',
  'names',
  'originalLanguage',
  'aliases',
  'descriptions',
  'sameAs',
];

/** The columns an actor write sets, by column name; values already validated. */
export interface ActorColumns {
  slug?: string;
  kind?: ActorKind;
  names?: LocalizedTexts;
  original_language?: string;
  aliases?: string[];
  descriptions?: LocalizedTexts;
  same_as?: string[];
}

/** The actor's {@link ActorSnapshot}, or null if there is no such actor. */
export async function findActorSnapshot(sql: SqlClient, id: string): Promise<ActorSnapshot | null> {
  const [row] = await sql.query<ActorSnapshot>(
    `SELECT slug, kind, names, original_language AS "originalLanguage", aliases, descriptions, same_as AS "sameAs"
       FROM actor WHERE id = $1`,
    [id],
  );
  return row ?? null;
}

/** Inserts an actor and returns its id (revision 1). */
export async function insertActor(sql: SqlClient, columns: ActorColumns): Promise<string> {
  return insertRow(sql, 'actor', columns);
}

/** Sets the given columns of an actor (no-op without any). */
export async function updateActorColumns(sql: SqlClient, id: string, columns: ActorColumns): Promise<void> {
  await updateRow(sql, 'actor', id, columns);
}

/** Whether an actor merged into another had this slug (it still leads to the survivor). */
export async function isMergedActorSlug(sql: SqlClient, slug: string): Promise<boolean> {
  const [row] = await sql.query<{ taken: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM actor_merge WHERE merged_slug = $1) AS taken`,
    [slug],
  );
  return row!.taken;
}

/** Deletes an actor; its participations go with it, citations and sources lose it (into history). */
export async function deleteActorRow(sql: SqlClient, id: string): Promise<void> {
  await sql.query(`DELETE FROM actor WHERE id = $1`, [id]);
}
