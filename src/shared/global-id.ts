import { MAX_BIGINT } from '../db/postgres-limits';
import { badUserInput } from '../graphql/errors';
import { base64url } from './base64url';

/** GraphQL types that implement Node and so have global ids. */
export const NODE_TYPES = ['Event', 'Actor', 'Source', 'Citation'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** A decoded global id: the type and the database id (a positive bigint as a string). */
export interface GlobalId {
  type: NodeType;
  id: string;
}

/** Encodes a database id as an opaque, URL-safe global id that is stable for the row's lifetime. */
export function toGlobalId(type: NodeType, id: string): string {
  return base64url(`${type}:${id}`);
}

/** Decodes a global id, or returns null when it is not one Annals issued. */
export function parseGlobalId(globalId: string): GlobalId | null {
  if (globalId.length > 64 || !/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  const match = /^([A-Za-z]+):([1-9][0-9]{0,18})$/.exec(Buffer.from(globalId, 'base64url').toString('utf8'));
  if (!match || !(NODE_TYPES as readonly string[]).includes(match[1]!)) return null;
  if (BigInt(match[2]!) > MAX_BIGINT) return null;
  return { type: match[1] as NodeType, id: match[2]! };
}

/**
 * Decodes a global id that must be of `type`; anything else is a BAD_USER_INPUT error naming
 * `argument`.
 */
export function expectGlobalId(globalId: string, type: NodeType, argument: string): string {
  const parsed = parseGlobalId(globalId);
  if (!parsed) throw badUserInput(argument, `"${truncate(globalId)}" is not a valid ${type} id.`);
  if (parsed.type !== type) {
    throw badUserInput(argument, `Expected an id of type ${type} but got one of type ${parsed.type}.`);
  }
  return parsed.id;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
