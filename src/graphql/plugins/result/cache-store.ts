// Fills the response cache with the answers to query operations, and answers the hits the HTTP
// handler in front did not (GET, GraphiQL's Accept header). It must come after every plugin that
// changes a result, so that it keeps the answer as sent.
import { getOperationAST, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RequestStates } from '../../../observability/request-state.js';
import { wellFormedParams, type CachedAnswer, type ResponseCache } from '../../response-cache.js';

/** The result a hit stands for inside Yoga: its body as it was sent. */
function resultOf(answer: CachedAnswer): ExecutionResult {
  return { data: null, stringify: () => answer.body.toString() } as ExecutionResult;
}

export function cacheStorePlugin(
  cache: ResponseCache,
  { servedKeyOf, requestStates }: { servedKeyOf: (request: Request) => string; requestStates: RequestStates },
): Plugin {
  // Requests that execute a query operation: the only answers kept.
  const queries = new WeakSet<Request>();
  return {
    onParams({ params, request, setResult }) {
      // Yoga checks the parameters after this hook: a hit must not answer what it would refuse.
      const wellFormed = wellFormedParams(params);
      if (!wellFormed) return;
      const key = cache.keyOf(wellFormed, servedKeyOf(request));
      const state = requestStates.of(request);
      state.cacheKey = key;
      const hit = cache.get(key);
      if (hit) {
        state.cachedAnswer = true;
        if (hit.operationName !== undefined) state.operationName = hit.operationName;
        if (hit.cost !== undefined) state.cost = hit.cost;
        setResult(resultOf(hit));
      }
    },
    onExecute({ args }) {
      const { request } = args.contextValue as { request?: Request };
      if (request && getOperationAST(args.document, args.operationName)?.operation === 'query') queries.add(request);
    },
    onResultProcess({ request, result, setResult }) {
      const state = requestStates.of(request);
      const key = state.cacheKey;
      if (key === undefined || state.cachedAnswer || !queries.has(request) || Array.isArray(result) || Symbol.asyncIterator in result) return;
      if (result.errors?.length || !result.data) return;
      // Serialised once: the body kept is the body sent.
      const text = JSON.stringify(result);
      const { operationName, cost } = state;
      if (cache.set({ key, body: Buffer.from(text), operationName, cost })) state.cachedAnswer = true;
      setResult({ ...result, stringify: () => text } as ExecutionResult);
    },
  };
}
