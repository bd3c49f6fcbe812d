import { type SqlClient } from '../db/sql-client';

/** A registered GraphQL document. */
export interface PersistedQueryRow {
  readonly hash: string;
  readonly document: string;
  readonly trusted: boolean;
  readonly registered_at: Date;
}

/** The document registered under `hash`; with `trustedOnly`, only a trusted one. */
export async function findPersistedQuery(
  sql: SqlClient,
  hash: string,
  trustedOnly = false,
): Promise<{ document: string; trusted: boolean } | null> {
  const rows = await sql.query<{ document: string; trusted: boolean }>(
    `SELECT document, trusted FROM persisted_query WHERE hash = $1 AND (trusted OR NOT $2)`,
    [hash, trustedOnly],
  );
  return rows[0] ?? null;
}

/** Registers `document` under `hash` as an automatic persisted query; an existing entry is kept as it is. */
export async function insertAutomaticQuery(sql: SqlClient, hash: string, document: string): Promise<void> {
  await sql.query(`INSERT INTO persisted_query (hash, document) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING`, [
    hash,
    document,
  ]);
}

/** Registers `documents` (hash → document) as trusted, trusting entries already there; returns how many were new. */
export async function registerTrustedQueries(sql: SqlClient, documents: readonly [string, string][]): Promise<number> {
  const rows = await sql.query<{ inserted: boolean }>(
    `INSERT INTO persisted_query (hash, document, trusted)
       SELECT hash, document, true FROM unnest($1::text[], $2::text[]) AS d (hash, document)
     ON CONFLICT (hash) DO UPDATE SET trusted = true
     RETURNING (xmax = 0) AS inserted`,
    [documents.map(([hash]) => hash), documents.map(([, document]) => document)],
  );
  return rows.filter((row) => row.inserted).length;
}

/** Every registered document, trusted ones first, each group by hash. */
export async function listPersistedQueries(sql: SqlClient): Promise<PersistedQueryRow[]> {
  return sql.query<PersistedQueryRow>(
    `SELECT hash, document, trusted, registered_at FROM persisted_query ORDER BY trusted DESC, hash`,
  );
}

/** Removes the documents under `hashes`; returns the hashes removed. */
export async function removePersistedQueries(sql: SqlClient, hashes: readonly string[]): Promise<string[]> {
  const rows = await sql.query<{ hash: string }>(
    `DELETE FROM persisted_query WHERE hash = ANY($1::text[]) RETURNING hash`,
    [hashes],
  );
  return rows.map((row) => row.hash);
}
