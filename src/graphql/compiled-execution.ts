import { type GatewayInterface, type GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import {
  execute,
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** Compiled operations, per parsed document (Apollo keeps one per query text while it is cached) and name. */
const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();

function compiledOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
): CompiledQuery | ExecutionResult {
  let byName = compiled.get(document);
  if (!byName) compiled.set(document, (byName = new Map()));
  const key = operationName ?? '';
  let operation = byName.get(key);
  if (!operation) byName.set(key, (operation = compileQuery(schema, document, operationName)));
  return operation;
}

/**
 * graphql-jit's error as graphql-js's: the same message, locations, path and cause, with
 * `extensions` always an object as Apollo expects.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  if (Object.getPrototypeOf(error) === GraphQLError.prototype && error.extensions) return error;
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? undefined,
  });
  // graphql-jit gives locations without the nodes graphql-js would derive them from.
  return Object.assign(converted, { locations: error.locations });
}

/**
 * Apollo Server's gateway interface, used for one thing only: to execute queries with graphql-jit,
 * which compiles each operation once into a function, instead of graphql-js, which interprets the
 * document again for every request and allocates per field (the gain on a timeline page is in
 * docs/performance.md). The schema, its resolvers and everything Apollo does before and after
 * execution (parsing, validation, limits, errors, HTTP) are the same. Compiled operations are kept
 * per parsed document, so they live as long as Apollo's document cache keeps the document.
 */
export function compiledExecutionGateway(schema: GraphQLSchema): GatewayInterface {
  const executor = async (request: GatewayGraphQLRequestContext): Promise<ExecutionResult> => {
    const variables = request.request.variables ?? {};
    // graphql-js coerces the variables, so that a bad one gets its exact error (Apollo tells
    // BAD_USER_INPUT by graphql-js's wording) and input fields their defaults, which graphql-jit
    // leaves out; graphql-jit then only reads the coerced values.
    const coerced = getVariableValues(schema, request.operation?.variableDefinitions ?? [], variables, {
      maxErrors: 50,
    });
    if (coerced.errors) return { errors: coerced.errors };
    if (request.operation?.operation !== 'query') {
      return execute({
        schema,
        document: request.document,
        operationName: request.request.operationName,
        contextValue: request.context,
        variableValues: variables,
      });
    }
    const operation = compiledOperation(schema, request.document, request.request.operationName ?? undefined);
    const result = isCompiledQuery(operation)
      ? await operation.query(undefined, request.context, coerced.coerced)
      : operation;
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  };
  let announce: ((schemaContext: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) | undefined;
  return {
    async load() {
      announce?.({ apiSchema: schema, coreSupergraphSdl: '' });
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      announce = callback;
      return () => (announce = undefined);
    },
    async stop() {},
  };
}
