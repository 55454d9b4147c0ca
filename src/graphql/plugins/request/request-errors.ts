// Request errors (an answer without `data`: the query did not parse, validate or coerce its
// variables, or a limit refused it) in one form, whoever raised them (graphql-js, the executor,
// Yoga or a plugin of ours):
//  - each carries `extensions.code`: graphql-js words coercion errors of variables ("Variable
//    "$slug" of required type "String!" was not provided.") but gives them no code;
//  - each gets the status the GraphQL-over-HTTP spec gives it for the media type the client
//    accepts: 4xx for application/graphql-response+json, and 200 for legacy application/json,
//    whose clients (Apollo Client before 4 among them) take any other status as a network
//    failure and lose the errors. Yoga decides this from `extensions.http`: `spec: true` is its
//    mark for "200 under application/json".
// Requests that are not well-formed GraphQL-over-HTTP requests (a body that is not JSON, an
// unknown parameter, a method or media type that is not served, a body too large) keep their
// 4xx whatever the media type: they never were GraphQL requests.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../../../support/error-codes.js';

/** Codes of requests that are not well-formed: their status stands for every media type. */
const MALFORMED = new Set<string>([
  'BAD_REQUEST',
  'CSRF_HEADER_REQUIRED',
  'REQUEST_ENTITY_TOO_LARGE',
  'METHOD_NOT_ALLOWED',
  'NOT_ACCEPTABLE',
] satisfies ErrorCode[]);

function codeOf(error: GraphQLError): string {
  const code = error.extensions.code;
  if (typeof code === 'string') return code;
  // The only request errors graphql-js leaves without a code: variables that do not coerce.
  return 'BAD_USER_INPUT';
}

function asRequestError(error: GraphQLError): GraphQLError {
  const code = codeOf(error);
  const http = error.extensions.http as { status?: number; spec?: boolean; headers?: Record<string, string> } | undefined;
  if (MALFORMED.has(code) || http?.spec) return error.extensions.code === code ? error : withExtensions(error, { code });
  return withExtensions(error, { code, http: { ...http, status: http?.status ?? 400, spec: true } });
}

function withExtensions(error: GraphQLError, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, ...extensions },
  });
}

export function requestErrorsPlugin(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result || !result.errors?.length || 'data' in result) return;
      setResult({ ...result, errors: result.errors.map((error) => asRequestError(error as GraphQLError)) });
    },
  };
}
