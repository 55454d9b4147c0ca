// What the log line of a request says, gathered as the request goes through the HTTP handler,
// Yoga's phases and the routes: one typed object per request, held by the app (not by a module),
// reachable from the Request in HTTP hooks and from the GraphQL context in resolvers and plugins.
import { REQUEST_ID_HEADER, requestIdFrom } from './logger.js';

export interface RequestState {
  readonly id: string;
  readonly started: number;
  /** The operation that ran: named by the client, or the document's only one. */
  operationName?: string;
  /** The cost the limits measured (also sent to the client in extensions.cost). */
  cost?: number;
  /** Unexpected errors in the answer, logged each with the request id. */
  unexpected: number;
  /** The response cache's key of the request, when it can be cached. */
  cacheKey?: string;
  /** Whether the answer is the cached one (a hit, or just stored): it then carries an ETag. */
  cachedAnswer?: boolean;
}

export class RequestStates {
  private readonly states = new WeakMap<Request, RequestState>();

  /** The state of a request, begun the first time it is asked for (its id from a safe x-request-id, else new). */
  of(request: Request): RequestState {
    let state = this.states.get(request);
    if (!state) {
      state = { id: requestIdFrom(request.headers.get(REQUEST_ID_HEADER)), started: performance.now(), unexpected: 0 };
      this.states.set(request, state);
    }
    return state;
  }
}
