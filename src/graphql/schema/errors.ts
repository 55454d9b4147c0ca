import { GraphQLError, type ASTNode } from 'graphql';
import type { ErrorCode } from '../../support/error-codes.js';
import { InputError } from '../../support/input-error.js';

/** An expected error about the client's input: shown to the client as is, never masked. */
export function badUserInput(message: string, extensions: Record<string, unknown> = {}, node?: ASTNode): GraphQLError {
  const error = new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode, ...extensions }, ...(node && { nodes: node }) });
  // graphql-js reads the stack of every error it locates, and rendering one (through source maps
  // under tsx) is slow: a query of thousands of invalid IDs spent most of its time there. An error
  // about the input has no use for where in the server it was made.
  Object.defineProperty(error, 'stack', { value: `GraphQLError: ${message}`, writable: true, configurable: true });
  return error;
}

export { echoed } from '../../support/input-error.js';

/** Answers a lower layer's InputError as this layer's error; other errors pass as they are. */
export function asGraphQLError(error: unknown): unknown {
  return error instanceof InputError ? badUserInput(error.message, error.extensions) : error;
}
