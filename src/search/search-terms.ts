import { badUserInput } from '../graphql/errors';

const MAX_TERMS = 8;
const MAX_QUERY_LENGTH = 200;

/** One word of a search: as typed, and as an ILIKE pattern that matches it anywhere, literally. */
export interface SearchTerm {
  text: string;
  /** `%text%` with `%`, `_` and `\` escaped so that they match themselves. */
  pattern: string;
}

/** Splits a search string into terms that must all match. An empty or blank query gives no terms. */
export function parseSearchTerms(query: string, argument: string): SearchTerm[] {
  if (query.length > MAX_QUERY_LENGTH) {
    throw badUserInput(
      argument,
      `Search text is ${query.length} characters long; at most ${MAX_QUERY_LENGTH} are allowed.`,
    );
  }
  if (query.includes('\u0000')) throw badUserInput(argument, 'Search text must not contain NUL characters.');
  const terms = query.trim().split(/\s+/u).filter(Boolean);
  if (terms.length > MAX_TERMS) {
    throw badUserInput(argument, `Search text has ${terms.length} words; at most ${MAX_TERMS} are allowed.`);
  }
  return terms.map((text) => ({ text, pattern: `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%` }));
}
