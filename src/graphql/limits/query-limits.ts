/** How far one GraphQL operation may go; every operation is checked against these before it runs. */
export interface QueryLimits {
  /** Fields on the longest path from the root, the root field counting 1 and leaf fields included. */
  readonly maxDepth: number;
  /** Aliased fields, fragments expanded. */
  readonly maxAliases: number;
  /** Directive uses, fragments expanded. */
  readonly maxDirectives: number;
  /** Lexical tokens of the document (comments excluded); parsing stops at the first one over. */
  readonly maxTokens: number;
  /** Response keys at the root of the operation (a field and each of its aliases count apart). */
  readonly maxRootFields: number;
  /** Objects the response may hold at most, as {@link operationCost} estimates them. */
  readonly maxCost: number;
}

/**
 * The defaults leave room for GraphiQL's introspection query (depth 15 through its nine-level
 * `ofType` chain, 184 tokens, cost 109,644) and for every query of the tests and the benchmark
 * (at most depth 8, 7 aliases, no directive, 6 root fields, 103 tokens, cost 32,442). Aliases,
 * directives and tokens follow graphql-armor's defaults (15, 50, 1,000), cost GitHub's node limit.
 */
export const DEFAULT_QUERY_LIMITS: QueryLimits = Object.freeze({
  maxDepth: 15,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 1000,
  maxRootFields: 20,
  maxCost: 500_000,
});

/** The stable `extensions.code` of each refused limit. */
export const QueryLimitCode = {
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  QUERY_TOO_MANY_ALIASES: 'QUERY_TOO_MANY_ALIASES',
  QUERY_TOO_MANY_DIRECTIVES: 'QUERY_TOO_MANY_DIRECTIVES',
  QUERY_TOO_MANY_TOKENS: 'QUERY_TOO_MANY_TOKENS',
  QUERY_TOO_MANY_ROOT_FIELDS: 'QUERY_TOO_MANY_ROOT_FIELDS',
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
} as const;
export type QueryLimitCode = (typeof QueryLimitCode)[keyof typeof QueryLimitCode];
