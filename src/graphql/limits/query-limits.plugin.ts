import { type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { type DocumentNode, type GraphQLFormattedError, type ParseOptions } from 'graphql';
import { aliasCount } from './aliases';
import { operationCost } from './cost';
import { operationDepth } from './depth';
import { directiveCount } from './directives';
import { queryLimitError } from './limit-error';
import { checkListArguments } from './list-arguments';
import { operationOf, type Operation } from './operation';
import { QueryLimitCode, type QueryLimits } from './query-limits';
import { rootFieldCount } from './root-fields';
import { isTokenLimitMessage, tokenCount } from './tokens';

/** What `extensions.cost` of every response says: the operation's cost and the most allowed. */
export interface CostReport {
  /** The objects the operation may return ({@link operationCost}); 0 when no operation got that far. */
  requested: number;
  limit: number;
}

/** How many variable sets' costs are kept per document. */
const MAX_KEPT_COSTS = 100;

/** The longest key of a cost kept: requests with larger variables are costed every time. */
const MAX_COST_KEY_LENGTH = 2_000;

/** What a kept cost is found by, besides its document; null when the variables are too large (or too deep) to keep. */
function costKey(
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): string | null {
  let key: string;
  try {
    key = `${operationName ?? ''}\n${JSON.stringify(variables ?? {})}`;
  } catch {
    return null;
  }
  return key.length <= MAX_COST_KEY_LENGTH ? key : null;
}

/** Apollo's parseOptions for `limits`: graphql-js stops parsing at the first token over the limit. */
export function queryLimitsParseOptions(limits: QueryLimits): ParseOptions {
  return { maxTokens: limits.maxTokens };
}

/** The limits on an operation's shape, cheapest first: what each measures and how a refusal reads. */
const SHAPE_LIMITS = [
  {
    code: QueryLimitCode.QUERY_TOO_MANY_ROOT_FIELDS,
    limitOf: (limits: QueryLimits) => limits.maxRootFields,
    measure: rootFieldCount,
    says: (actual: number) => `selects ${actual} root fields`,
  },
  {
    code: QueryLimitCode.QUERY_TOO_DEEP,
    limitOf: (limits: QueryLimits) => limits.maxDepth,
    measure: operationDepth,
    says: (actual: number) => `is ${actual} levels deep`,
  },
  {
    code: QueryLimitCode.QUERY_TOO_MANY_ALIASES,
    limitOf: (limits: QueryLimits) => limits.maxAliases,
    measure: aliasCount,
    says: (actual: number) => `uses ${actual} aliases`,
  },
  {
    code: QueryLimitCode.QUERY_TOO_MANY_DIRECTIVES,
    limitOf: (limits: QueryLimits) => limits.maxDirectives,
    measure: directiveCount,
    says: (actual: number) => `uses ${actual} directives`,
  },
] as const;

/**
 * Throws the first limit `operation` goes over (root fields, depth, aliases, directives, list
 * arguments, then its `cost`), as a GraphQLError with the limit's code; HTTP and WebSocket alike.
 */
export function checkOperation(operation: Operation, cost: number, limits: QueryLimits): void {
  for (const { code, limitOf, measure, says } of SHAPE_LIMITS) {
    const [limit, actual] = [limitOf(limits), measure(operation)];
    if (actual > limit) {
      throw queryLimitError(code, `The operation ${says(actual)}; at most ${limit} are allowed.`, limit, actual);
    }
  }
  checkListArguments(operation);
  if (cost > limits.maxCost) {
    throw queryLimitError(
      QueryLimitCode.QUERY_TOO_COSTLY,
      `The operation may return up to ${cost} objects; at most ${limits.maxCost} are allowed. Ask for smaller pages (first/last) or fewer nested lists.`,
      limits.maxCost,
      cost,
    );
  }
}

/** A parse error over the token limit as QUERY_TOO_MANY_TOKENS with the actual count; other errors as they are. */
export function tokenLimitError(error: GraphQLFormattedError, source: string, limit: number): GraphQLFormattedError {
  if (error.extensions?.code !== 'GRAPHQL_PARSE_FAILED' || !isTokenLimitMessage(error.message)) return error;
  const actual = tokenCount(source);
  return {
    ...error,
    message: `The document has ${actual} tokens; at most ${limit} are allowed.`,
    extensions: { ...error.extensions, code: QueryLimitCode.QUERY_TOO_MANY_TOKENS, limit, actual },
  };
}

/**
 * Checks every operation against `limits` once it is resolved and before it runs (so before any
 * SQL): root fields, depth, aliases, directives, list arguments, then cost; the first one over is
 * refused with its code and HTTP 400. Rewrites graphql-js's token-limit parse error into
 * QUERY_TOO_MANY_TOKENS with the actual count. Adds `extensions.cost` ({@link CostReport}) to every
 * response.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin<BaseContext> {
  // The cost of operations that passed, per parsed document (Apollo keeps one per query text while
  // it is cached), operation and variables: a client repeating a request is not measured again.
  const passed = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      let requested = 0;
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const key = costKey(request.operationName, request.variables);
          let costs = passed.get(document);
          const known = key === null ? undefined : costs?.get(key);
          if (known !== undefined) {
            requested = known;
            return;
          }
          const resolved = operationOf(schema, document, operation, request.variables);
          requested = operationCost(resolved);
          checkOperation(resolved, requested, limits);
          if (!costs) passed.set(document, (costs = new Map()));
          if (key !== null && costs.size < MAX_KEPT_COSTS) costs.set(key, requested);
        },
        async willSendResponse({ response, source, request }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors) {
            result.errors = result.errors.map((error) =>
              tokenLimitError(error, source ?? request.query ?? '', limits.maxTokens),
            );
          }
          const cost: CostReport = { requested, limit: limits.maxCost };
          result.extensions = { ...result.extensions, cost };
        },
      };
    },
  };
}
