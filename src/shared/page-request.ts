import { badUserInput } from '../graphql/errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Relay connection arguments as given by the client. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** Which end of the range a page is taken from, how many rows, and the raw cursors bounding it. */
export interface PageRequest {
  direction: 'forward' | 'backward';
  size: number;
  after: string | null;
  before: string | null;
}

function checkSize(value: number, argument: string): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw badUserInput(argument, `\`${argument}\` must be between 1 and ${MAX_PAGE_SIZE}; got ${value}.`);
  }
  return value;
}

/**
 * Validates Relay arguments: `first` (forward from `after`) or `last` (backward from `before`),
 * each 1..100, defaulting to the first 20. Giving both `first` and `last` is an error.
 */
export function parsePageRequest(args: ConnectionArgs): PageRequest {
  const first = args.first ?? null;
  const last = args.last ?? null;
  if (first !== null && last !== null) {
    throw badUserInput('last', 'Pass either `first` or `last`, not both.');
  }
  const after = args.after ?? null;
  const before = args.before ?? null;
  if (last !== null) return { direction: 'backward', size: checkSize(last, 'last'), after, before };
  return { direction: 'forward', size: first === null ? DEFAULT_PAGE_SIZE : checkSize(first, 'first'), after, before };
}
