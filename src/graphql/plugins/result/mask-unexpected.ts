import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import type { ErrorCode } from '../../../support/error-codes.js';

/**
 * Yoga's masking, except that a masked error keeps the unexpected one as originalError (never
 * sent to clients) so that it can be logged with the request id. Expected errors, GraphQLErrors
 * all the way down, pass unchanged.
 */
export function maskUnexpected(error: unknown, message: string, isDev?: boolean): Error {
  if (yogaMaskError(error, message, isDev) === error) return error as Error;
  const graphqlError = error instanceof GraphQLError ? error : undefined;
  const original = graphqlError?.originalError ?? (error instanceof Error ? error : new Error(String(error)));
  return new GraphQLError(message, {
    ...(graphqlError?.nodes && { nodes: graphqlError.nodes }),
    ...(graphqlError?.path && { path: graphqlError.path }),
    originalError: original,
    extensions: { code: 'INTERNAL_SERVER_ERROR' satisfies ErrorCode },
  });
}
