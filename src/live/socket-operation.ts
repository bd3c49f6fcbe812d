import { createHash } from 'node:crypto';
import {
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  print,
  specifiedRules,
  validate,
  visit,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { type SqlClient } from '../db/sql-client';
import { badUserInput } from '../graphql/errors';
import { operationCost } from '../graphql/limits/cost';
import { checkOperation, queryLimitsParseOptions } from '../graphql/limits/query-limits.plugin';
import { operationOf } from '../graphql/limits/operation';
import { type QueryLimits } from '../graphql/limits/query-limits';
import { isTokenLimitMessage, tokenCount } from '../graphql/limits/tokens';
import { QueryLimitCode } from '../graphql/limits/query-limits';
import { expectGlobalId } from '../shared/global-id';
import { parseTimelineFilter } from '../timeline/parse-timeline-filter';
import { type TimelineFilterInput } from '../timeline/timeline-filter.input';
import { decodeChangeCursor } from './change-cursor';
import { isChangeInLog } from './change-log.queries';
import { type Followed, type PreparedSubscription } from './subscription-hub';

/** The `extensions.code` of a resume cursor the revision log does not hold. */
export const CURSOR_EXPIRED = 'CURSOR_EXPIRED';

/** What a client sends in a graphql-transport-ws `subscribe` message. */
export interface SocketRequest {
  readonly query: string;
  readonly operationName?: string | null;
  readonly variables?: Record<string, unknown> | null;
}

/** A checked operation: its document and the operation to run, ready to execute or follow. */
export interface CheckedOperation {
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly variableValues: Record<string, unknown>;
}

function parseFailure(error: unknown, query: string, limits: QueryLimits): GraphQLError {
  const message = error instanceof Error ? error.message : String(error);
  if (isTokenLimitMessage(message)) {
    const actual = tokenCount(query);
    return new GraphQLError(`The document has ${actual} tokens; at most ${limits.maxTokens} are allowed.`, {
      extensions: { code: QueryLimitCode.QUERY_TOO_MANY_TOKENS, limit: limits.maxTokens, actual },
    });
  }
  return new GraphQLError(message, {
    extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    ...(error instanceof GraphQLError ? { source: error.source, positions: error.positions } : {}),
  });
}

/**
 * Parses, validates and measures an operation sent over the socket as Apollo does one sent over
 * HTTP: the same token limit, graphql-js's rules (GRAPHQL_VALIDATION_FAILED), and the same query
 * limits and cost (their codes), all before anything runs.
 */
export function checkSocketOperation(
  schema: GraphQLSchema,
  request: SocketRequest,
  limits: QueryLimits,
): CheckedOperation | readonly GraphQLError[] {
  if (typeof request.query !== 'string') {
    return [new GraphQLError('A subscribe message needs a `query` string.', { extensions: { code: 'BAD_REQUEST' } })];
  }
  let document: DocumentNode;
  try {
    document = parse(request.query, queryLimitsParseOptions(limits));
  } catch (error) {
    return [parseFailure(error, request.query, limits)];
  }
  const invalid = validate(schema, document, specifiedRules);
  if (invalid.length) {
    return invalid.map(
      (error) =>
        new GraphQLError(error.message, {
          nodes: error.nodes,
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        }),
    );
  }
  const operation = getOperationAST(document, request.operationName ?? undefined);
  if (!operation) {
    return [
      new GraphQLError('Name the operation to run with `operationName`.', {
        extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
      }),
    ];
  }
  const variableValues = { ...(request.variables ?? {}) };
  const resolved = operationOf(schema, document, operation, variableValues);
  try {
    checkOperation(resolved, operationCost(resolved), limits);
  } catch (error) {
    if (error instanceof GraphQLError) return [error];
    throw error;
  }
  return { document, operation, variableValues };
}

/** The variables used by the `after` argument alone, left out of a subscription's group key. */
function afterOnlyVariables(operation: OperationDefinitionNode, root: FieldNode): Set<string> {
  const after = root.arguments?.find((argument) => argument.name.value === 'after')?.value;
  if (after?.kind !== Kind.VARIABLE) return new Set();
  let uses = 0;
  visit(operation, { Variable: (node) => void (node.name.value === after.name.value && (uses += 1)) });
  // One use in the definition of the variable, one in `after`.
  return uses === 2 ? new Set([after.name.value]) : new Set();
}

/** The document without the root field's `after`, so that resuming clients share a group with live ones. */
function withoutAfter(document: DocumentNode, root: FieldNode): DocumentNode {
  return visit(document, {
    Field: (node) =>
      node === root ? { ...node, arguments: node.arguments?.filter((arg) => arg.name.value !== 'after') } : undefined,
  });
}

function keyOf(
  document: DocumentNode,
  checked: CheckedOperation,
  root: FieldNode,
  coerced: Record<string, unknown>,
  skip: Set<string>,
) {
  const variables = Object.entries(coerced)
    .filter(([name]) => !skip.has(name))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256')
    .update(print(withoutAfter(document, root)))
    .update('\u0000')
    .update(checked.operation.name?.value ?? '')
    .update('\u0000')
    .update(JSON.stringify(variables))
    .digest('base64url');
}

/**
 * What a checked subscription follows and from where: its root field's arguments, coerced and
 * checked as the HTTP API checks them (BAD_USER_INPUT naming the argument), an `after` cursor that
 * the log must hold (CURSOR_EXPIRED otherwise: the log keeps every change forever, so such a
 * cursor comes from another database or a restored older copy), and the key of its group.
 */
export async function prepareSubscription(
  schema: GraphQLSchema,
  checked: CheckedOperation,
  sql: SqlClient,
): Promise<PreparedSubscription | readonly GraphQLError[]> {
  const { document, operation } = checked;
  const coercion = getVariableValues(schema, operation.variableDefinitions ?? [], checked.variableValues, {
    maxErrors: 50,
  });
  if (coercion.errors) {
    return coercion.errors.map(
      (error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT' } }),
    );
  }
  const root = operation.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD) as FieldNode;
  const field = schema.getSubscriptionType()!.getFields()[root.name.value]!;
  try {
    const args = getArgumentValues(field, root, coercion.coerced);
    let followed: Followed;
    let after = null;
    if (field.name === 'eventChanged') {
      followed = { kind: 'event', eventId: expectGlobalId(args.id as string, 'Event', 'id') };
    } else {
      followed = { kind: 'timeline', filter: parseTimelineFilter(args.filter as TimelineFilterInput | null) };
      if (typeof args.after === 'string') {
        after = decodeChangeCursor(args.after, 'after');
        if (!(await isChangeInLog(sql, after))) {
          return [
            new GraphQLError(
              'The revision log holds no change at this cursor: it comes from another database or an older copy of this one. Load the timeline again and follow it from `latestChangeCursor`.',
              { extensions: { code: CURSOR_EXPIRED, argument: 'after' } },
            ),
          ];
        }
      }
    }
    return {
      document,
      operationName: operation.name?.value,
      variableValues: coercion.coerced,
      followed,
      after,
      key: keyOf(document, checked, root, coercion.coerced, afterOnlyVariables(operation, root)),
    };
  } catch (error) {
    if (error instanceof GraphQLError) {
      return [error.extensions.code ? error : badUserInput(field.name, error.message)];
    }
    throw error;
  }
}
