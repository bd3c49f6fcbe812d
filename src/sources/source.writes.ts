import { insertRow, updateRow } from '../curation/row-writes';
import { type SqlClient } from '../db/sql-client';
import { type CitationRecord } from '../events/event.writes';
import { toGlobalId } from '../shared/global-id';
import { type SourceKind } from './source.row';

/** A source's recorded fields as its history shows them (the names of the GraphQL API). */
export interface SourceSnapshot {
  slug: string;
  kind: SourceKind;
  title: string;
  url: string | null;
  /** The global id of the publishing actor. */
  publisher: string | null;
  author: string | null;
  language: string;
  publishedAt: Date | null;
}

/** The fields of {@link SourceSnapshot}, in the order a revision lists its changes. */
export const SOURCE_SNAPSHOT_FIELDS: readonly (keyof SourceSnapshot)[] = [
  'slug',
  'kind',
  'title',
  'url',
  'publisher',
  'author',
  'language',
  'publishedAt',
];

/** The columns a source write sets, by column name; values already validated. */
export interface SourceColumns {
  slug?: string;
  kind?: SourceKind;
  title?: string;
  url?: string | null;
  publisher_id?: string | null;
  author?: string | null;
  language?: string;
  published_at?: Date | null;
}

/** The source's {@link SourceSnapshot}, or null if there is no such source. */
export async function findSourceSnapshot(sql: SqlClient, id: string): Promise<SourceSnapshot | null> {
  const [row] = await sql.query<SourceSnapshot>(
    `SELECT slug, kind, title, url, publisher_id::text AS publisher, author, language,
            published_at AS "publishedAt"
       FROM source WHERE id = $1`,
    [id],
  );
  return row ? { ...row, publisher: row.publisher && toGlobalId('Actor', row.publisher) } : null;
}

/** Inserts a source and returns its id (revision 1). */
export async function insertSource(sql: SqlClient, columns: SourceColumns): Promise<string> {
  return insertRow(sql, 'source', columns);
}

/** Sets the given columns of a source (no-op without any). */
export async function updateSourceColumns(sql: SqlClient, id: string, columns: SourceColumns): Promise<void> {
  await updateRow(sql, 'source', id, columns);
}

/**
 * Locks the events that cite the source, in id order, before the source itself is locked: the
 * order writes that add citations take them in, so deleting the source cannot deadlock with them.
 */
export async function lockEventsCitingSource(sql: SqlClient, sourceId: string): Promise<void> {
  await sql.query(
    `SELECT id FROM event WHERE id IN (SELECT event_id FROM citation WHERE source_id = $1) ORDER BY id FOR UPDATE`,
    [sourceId],
  );
}

/** The citations of the source, locked for the write, in event and id order. */
export function findCitationsOfSource(sql: SqlClient, sourceId: string): Promise<CitationRecord[]> {
  return sql.query<CitationRecord>(
    `SELECT id::text, event_id::text AS "eventId", source_id::text AS "sourceId",
            attributed_to_id::text AS "attributedToId", speaker_id::text AS "speakerId", quote, note
       FROM citation WHERE source_id = $1
      ORDER BY event_id, id
        FOR UPDATE`,
    [sourceId],
  );
}

/** Deletes a source; its citations go with it (into history). */
export async function deleteSourceRow(sql: SqlClient, id: string): Promise<void> {
  await sql.query(`DELETE FROM source WHERE id = $1`, [id]);
}
