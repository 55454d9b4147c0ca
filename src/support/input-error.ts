import type { ErrorCode } from './error-codes.js';

/**
 * A wrong value from a client, with what names it (an argument, a parameter) in `extensions`:
 * thrown below the GraphQL and HTTP layers, which answer it as their own error (a GraphQL error
 * with this code, or a 400). Carries no stack: it says what is wrong with the input, not where in
 * the server it was found, and building a stack for each of thousands of bad values is slow.
 */
export class InputError extends Error {
  override name = 'InputError';
  readonly code: ErrorCode = 'BAD_USER_INPUT';

  constructor(
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    Object.defineProperty(this, 'stack', { value: `InputError: ${message}`, writable: true, configurable: true });
  }
}

/** The longest part of a client's value that an error repeats: no error echoes a large input back. */
const ECHOED_CHARACTERS = 80;

/** A client's value as an error repeats it, cut to ECHOED_CHARACTERS. */
export function echoed(value: string): string {
  return value.length > ECHOED_CHARACTERS ? `${value.slice(0, ECHOED_CHARACTERS)}… (${value.length} characters)` : value;
}
