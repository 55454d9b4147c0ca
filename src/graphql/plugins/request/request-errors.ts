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
import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Codes of requests that are not well-formed: their status stands for every media type. */
const MALFORMED = new Set(['BAD_REQUEST', 'CSRF_HEADER_REQUIRED', 'REQUEST_ENTITY_TOO_LARGE', 'METHOD_NOT_ALLOWED', 'NOT_ACCEPTABLE']);

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

/**
 * graphql-js 16 validates no field of an operation whose root type the schema lacks, and then
 * answers "Schema is not configured to execute mutation operation." with `data: null` (graphql-js
 * 17 has this rule, KnownOperationTypesRule). Entente has queries only, for now.
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

/**
 * Yoga answers an Accept header it cannot serve with 406, and a body type it cannot read with
 * 415, with no body at all: here they say what is wrong and what to send, with a code.
 */
export function mediaRefusalsPlugin(graphqlEndpoint: string): Plugin {
  return {
    onResponse({ request, response, setResponse, fetchAPI }) {
      if (response.status !== 406 && response.status !== 415) return;
      if (response.headers.get('content-type') !== null || new URL(request.url).pathname !== graphqlEndpoint) return;
      const refusal =
        response.status === 406
          ? { code: 'NOT_ACCEPTABLE', header: 'accept', message: 'No media type in the Accept header can be answered: ask for application/graphql-response+json or application/json (in UTF-8), or text/event-stream for a stream' }
          : { code: 'UNSUPPORTED_MEDIA_TYPE', header: 'content-type', message: 'The request body is of a type that is not read: send application/json (or a GET with the query in the URL)' };
      const body = JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code, header: refusal.header } }] });
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-type', 'application/json; charset=utf-8');
      setResponse(new fetchAPI.Response(body, { status: response.status, headers }));
    },
  };
}
