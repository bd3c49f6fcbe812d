import { type EventRow } from '../events/event.row';
import { MAX_BIGINT, MIN_TIMESTAMP_MS } from '../db/postgres-limits';
import { badUserInput } from '../graphql/errors';
import { base64url } from '../shared/base64url';

/** A position in the timeline's total order: start time, then id. */
export interface EventCursor {
  startAt: Date;
  id: string;
}

const PREFIX = 'e1';

/** An opaque cursor for the row's position; valid for either order and any filter. */
export function encodeEventCursor(row: Pick<EventRow, 'startAt' | 'id'>): string {
  return base64url(`${PREFIX}:${row.startAt.getTime()}:${row.id}`);
}

/** Decodes a cursor from {@link encodeEventCursor}; anything else is BAD_USER_INPUT on `argument`. */
export function decodeEventCursor(cursor: string, argument: string): EventCursor {
  const text =
    cursor.length <= 64 && /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^e1:(-?\d{1,15}):([1-9]\d{0,18})$/.exec(text);
  const startAt = match ? new Date(Number(match[1])) : null;
  // A NaN time fails the comparison too; out-of-range values would otherwise fail inside PostgreSQL.
  if (!match || !startAt || !(startAt.getTime() >= MIN_TIMESTAMP_MS) || BigInt(match[2]!) > MAX_BIGINT) {
    throw badUserInput(argument, `"${cursor.slice(0, 40)}" is not a cursor this timeline issued.`);
  }
  return { startAt, id: match[2]! };
}
