// A validation rule beyond graphql-js 16's own: operation types the schema does not have.
import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const knownOperationTypes: Plugin = {
  onValidate({ addValidationRule }) {
    addValidationRule(KnownOperationTypesRule);
  },
};

/**
 * graphql-js 16 validates no field of an operation whose root type the schema lacks, and then
 * answers "Schema is not configured to execute mutation operation." with `data: null` (graphql-js
 * 17 has this rule, KnownOperationTypesRule). Entente has queries and subscriptions, no mutations yet.
 */
export function KnownOperationTypesRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (!context.getSchema().getRootType(node.operation)) {
        context.reportError(new GraphQLError(`The ${node.operation} operation is not supported by the schema.`, { nodes: node }));
      }
    },
  };
}
