// Every `extensions.code` the service sends: one registry, so that a code is never misspelt and
// the README's list can be checked against it.
export const ERROR_CODES = [
  // A value the client gave is wrong (an argument, a variable, a query parameter).
  'BAD_USER_INPUT',
  // Not a GraphQL request the server can read, or one it refuses as HTTP.
  'BAD_REQUEST',
  'METHOD_NOT_ALLOWED',
  'NOT_ACCEPTABLE',
  'UNSUPPORTED_MEDIA_TYPE',
  'REQUEST_ENTITY_TOO_LARGE',
  'CSRF_HEADER_REQUIRED',
  'PERSISTED_QUERY_INVALID',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_MISMATCH',
  // The limits (graphql/limits/limits.ts names their settings).
  'QUERY_TOO_LONG',
  'TOO_MANY_TOKENS',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'QUERY_TOO_COSTLY',
  'TOO_MANY_NODES',
  'QUERY_TIMEOUT',
  'TOO_MANY_ERRORS',
  'RESPONSE_TOO_LARGE',
  'EXPORT_TOO_LARGE',
  // A defect: the client sees only this, the log has the rest.
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
