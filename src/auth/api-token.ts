import { createHash, randomBytes } from 'node:crypto';

/** What every Annals API token starts with, so that a leaked one is recognisable. */
export const TOKEN_PREFIX = 'annals_';

/** What a token may do: EDITOR writes content, ADMIN can do everything EDITOR can and more. */
export const TokenRole = {
  EDITOR: 'EDITOR',
  ADMIN: 'ADMIN',
} as const;
export type TokenRole = (typeof TokenRole)[keyof typeof TokenRole];

const ROLE_RANK: Readonly<Record<TokenRole, number>> = { EDITOR: 1, ADMIN: 2 };

/** A new token: {@link TOKEN_PREFIX} and 32 random bytes (crypto.randomBytes) in base64url. */
export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * The SHA-256 digest under which a token is stored and looked up. Tokens carry 256 random bits,
 * so they cannot be guessed from their hash and a slow password hash would add nothing.
 */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Whether a token holding `held` may do what needs `needed` (ADMIN includes EDITOR). */
export function roleAllows(held: TokenRole, needed: TokenRole): boolean {
  return ROLE_RANK[held] >= ROLE_RANK[needed];
}
