import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * Refuses a subscription sent over HTTP, which would otherwise run once as a query and fail on
 * its non-null root: subscriptions are served over the GraphQL WebSocket at the same path.
 */
export function SubscriptionsOverSocketRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation !== 'subscription' || !context.getSchema().getSubscriptionType()) return;
      context.reportError(
        new GraphQLError(
          'Subscriptions run over the GraphQL WebSocket at /graphql (protocol graphql-transport-ws), not over HTTP.',
          { nodes: node },
        ),
      );
    },
  };
}
