// One JSON log line per GraphQL request, and masked errors that can be traced: an unexpected error
// reaches the client as "Unexpected error." with the request id, and the log holds its real
// message and stack under the same id.
import { getOperationAST, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { logRequest, logUnexpected, REQUEST_ID_HEADER, type Logger } from '../../../observability/logger.js';
import type { RequestStates } from '../../../observability/request-state.js';

export function requestLogPlugin(logger: Logger, states: RequestStates): Plugin {
  return {
    onRequest({ request }) {
      states.of(request);
    },
    onExecute({ args }) {
      // The operation that runs: named by the client, or the document's only one.
      const state = states.of((args.contextValue as { request: Request }).request);
      const name = getOperationAST(args.document, args.operationName)?.name?.value;
      if (name) state.operationName = name;
    },
    onResultProcess({ request, result, setResult }) {
      const state = states.of(request);
      // Only single results: no subscriptions or streams here.
      if (Array.isArray(result) || Symbol.asyncIterator in result) return;
      if (!('errors' in result) || !result.errors) return;
      let changed = false;
      const errors = result.errors.map((error) => {
        if (!(error instanceof GraphQLError) || error.extensions.code !== 'INTERNAL_SERVER_ERROR') return error;
        changed = true;
        state.unexpected++;
        const original = error.originalError;
        logUnexpected(logger, state.id, original ?? error, { path: error.path });
        return new GraphQLError(error.message, { nodes: error.nodes, path: error.path, extensions: { ...error.extensions, requestId: state.id } });
      });
      if (changed) setResult({ ...result, errors });
    },
    onResponse({ request, response }) {
      // Yoga's own /health check and CORS preflights answer before any plugin sees the request.
      const state = states.of(request);
      response.headers.set(REQUEST_ID_HEADER, state.id);
      logRequest(logger, {
        requestId: state.id,
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
        started: state.started,
        operationName: state.operationName,
        cost: state.cost,
        unexpected: state.unexpected,
      });
    },
  };
}
