import { GraphQLError, type ValidationContext, type ASTVisitor } from 'graphql';

/**
 * Refuses an operation whose root type the schema does not have (a `subscription` here), which
 * graphql-js 16 lets through validation and then fails to execute as an internal error.
 */
export function KnownRootTypesRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      const schema = context.getSchema();
      const root =
        node.operation === 'query'
          ? schema.getQueryType()
          : node.operation === 'mutation'
            ? schema.getMutationType()
            : schema.getSubscriptionType();
      if (!root) {
        context.reportError(
          new GraphQLError(`This API has no ${node.operation} operations; use a query or a mutation.`, {
            nodes: node,
          }),
        );
      }
    },
  };
}
