import { type SqlClient } from '../db/sql-client';
import { generateToken, hashToken, type TokenRole } from './api-token';

/** Thrown by {@link createToken} when an unrevoked token already has the name. */
export class DuplicateTokenNameError extends Error {
  constructor(readonly tokenName: string) {
    super(`An active token named "${tokenName}" already exists; revoke it first or choose another name.`);
    this.name = 'DuplicateTokenNameError';
  }
}

/** A token just created; `token` is the plaintext, which is stored nowhere. */
export interface CreatedToken {
  readonly token: string;
  readonly name: string;
  readonly role: TokenRole;
}

/** What {@link listTokens} shows of a token: never its hash. */
export interface TokenListing {
  readonly name: string;
  readonly role: TokenRole;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

/** An unrevoked token found by its plaintext; `id` is the api_token id as a string. */
export interface ActiveToken {
  readonly id: string;
  readonly name: string;
  readonly role: TokenRole;
}

/**
 * Creates a random token with `name` and `role`, storing only its SHA-256 hash; throws
 * {@link DuplicateTokenNameError} when an unrevoked token already has the name.
 */
export async function createToken(
  sql: SqlClient,
  { name, role }: { name: string; role: TokenRole },
): Promise<CreatedToken> {
  const token = generateToken();
  const rows = await sql.query<{ name: string; role: TokenRole }>(
    `INSERT INTO api_token (name, role, token_hash) VALUES ($1, $2::token_role, $3)
       ON CONFLICT (name) WHERE revoked_at IS NULL DO NOTHING
     RETURNING name, role`,
    [name, role, hashToken(token)],
  );
  const created = rows[0];
  if (!created) throw new DuplicateTokenNameError(name);
  return { token, name: created.name, role: created.role };
}

/** Revokes the unrevoked token named `name`; false when there is none. */
export async function revokeToken(sql: SqlClient, name: string): Promise<boolean> {
  const rows = await sql.query<{ id: string }>(
    `UPDATE api_token SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL RETURNING id`,
    [name],
  );
  return rows.length > 0;
}

/** Every token, revoked ones included, oldest first; hashes are never read. */
export function listTokens(sql: SqlClient): Promise<TokenListing[]> {
  return sql.query<TokenListing>(
    `SELECT name, role, created_at AS "createdAt", revoked_at AS "revokedAt"
       FROM api_token ORDER BY created_at, id`,
  );
}

/** The unrevoked token whose hash matches `token`, or null; one statement. */
export async function findActiveToken(sql: SqlClient, token: string): Promise<ActiveToken | null> {
  const rows = await sql.query<ActiveToken>(
    `SELECT id::text AS id, name, role FROM api_token WHERE token_hash = $1 AND revoked_at IS NULL`,
    [hashToken(token)],
  );
  return rows[0] ?? null;
}
