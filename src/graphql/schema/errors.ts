import { GraphQLError, type ASTNode } from 'graphql';

/** Error codes clients can rely on, in `extensions.code`. */
export type ErrorCode = 'BAD_USER_INPUT';

/** An expected error about the client's input: shown to the client as is, never masked. */
export function badUserInput(message: string, extensions: Record<string, unknown> = {}, node?: ASTNode): GraphQLError {
  const error = new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode, ...extensions }, ...(node && { nodes: node }) });
  // graphql-js reads the stack of every error it locates, and rendering one (through source maps
  // under tsx) took some 100 µs: a query of 3,000 invalid IDs spent most of its half second there.
  // An error about the input has no use for where in the server it was made.
  Object.defineProperty(error, 'stack', { value: `GraphQLError: ${message}`, writable: true, configurable: true });
  return error;
}

/** The longest part of a client's value that an error repeats: no error echoes a large input back (see server/error-messages.ts). */
const ECHOED_CHARACTERS = 80;

/** A client's value as an error repeats it, cut to ECHOED_CHARACTERS. */
export function echoed(value: string): string {
  return value.length > ECHOED_CHARACTERS ? `${value.slice(0, ECHOED_CHARACTERS)}… (${value.length} characters)` : value;
}
