import { badUserInput } from '../graphql/errors';

/**
 * A change's place in commit order: the instant its transaction was recorded at (ISO 8601 UTC
 * with microseconds, so that the text sorts as the instant does) and its revision's id, which
 * orders the revisions of one transaction.
 */
export interface ChangePosition {
  readonly at: string;
  readonly revisionId: bigint;
}

/** Before every change: where a feed starts on an empty log. */
export const LOG_START: ChangePosition = Object.freeze({ at: '0001-01-01T00:00:00.000000Z', revisionId: 0n });

const PREFIX = 'change:';
const POSITION = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\/([1-9]\d{0,18})$/;

/** Negative, zero or positive as `a` comes before, at or after `b` in commit order. */
export function comparePositions(a: ChangePosition, b: ChangePosition): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.revisionId === b.revisionId ? 0 : a.revisionId < b.revisionId ? -1 : 1;
}

/** The opaque cursor of a position, as `TimelineChange.cursor` gives it. */
export function encodeChangeCursor(position: ChangePosition): string {
  return Buffer.from(`${PREFIX}${position.at}/${position.revisionId}`, 'utf8').toString('base64url');
}

/** The position a cursor names; BAD_USER_INPUT on `argument` for anything Annals did not issue. */
export function decodeChangeCursor(cursor: string, argument: string): ChangePosition {
  const text =
    cursor.length <= 120 && /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  const match = text.startsWith(PREFIX) ? POSITION.exec(text.slice(PREFIX.length)) : null;
  if (!match) {
    throw badUserInput(argument, `\`${argument}\` is not a change cursor; pass the \`cursor\` of a TimelineChange.`);
  }
  return { at: match[1]!, revisionId: BigInt(match[2]!) };
}

/** The instant of a position as a Date (to the millisecond, as instants are recorded). */
export function instantOf(position: ChangePosition): Date {
  return new Date(position.at);
}
