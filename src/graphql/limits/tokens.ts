import { Lexer, Source, TokenKind } from 'graphql';

/** graphql-js's message when `parse(source, { maxTokens })` gives up (16.x writes "more that"). */
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] \d+ tokens\. Parsing aborted\.$/;

/** Whether a parse error is graphql-js refusing a document for its `maxTokens` option. */
export function isTokenLimitMessage(message: string): boolean {
  return TOKEN_LIMIT_MESSAGE.test(message);
}

/**
 * The tokens of `source` as the parser counts them against `maxTokens` (comments and the end of
 * the document excluded); a lexical error ends the count.
 */
export function tokenCount(source: string): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    return count;
  }
  return count;
}
