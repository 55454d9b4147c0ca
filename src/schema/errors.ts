import { GraphQLError, type ASTNode } from 'graphql';

/** Error codes clients can rely on, in `extensions.code`. */
export type ErrorCode = 'BAD_USER_INPUT';

/** An expected error about the client's input: shown to the client as is, never masked. */
export function badUserInput(message: string, extensions: Record<string, unknown> = {}, node?: ASTNode): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode, ...extensions }, ...(node && { nodes: node }) });
}
