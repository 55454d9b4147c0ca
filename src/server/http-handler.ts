// The node:http request listener. A POST that repeats a cached query is answered here, straight
// from the response cache, before Yoga turns it into a fetch Request and runs its plugins: that
// machinery was most of the time of a cached answer (see the README's benchmark section).
//
// Only requests whose answer is sure to be the one Yoga would give are taken: POST /graphql
// with a JSON body of well-formed parameters within MAX_BODY_BYTES, asking for JSON (or
// anything), and no cross-origin call when CORS is on (Yoga adds its headers). Everything else,
// and every miss, goes to Yoga, which fills the cache.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { logRequest, logUnexpected, REQUEST_ID_HEADER, requestedCost, requestIdFrom, type Logger } from './observability.js';
import { wellFormedParams, type CachedAnswer, type QueryParams, type ResponseCache } from './response-cache.js';

export type NodeListener = (request: IncomingMessage, response: ServerResponse) => unknown;

export interface HttpHandlerOptions {
  /** Yoga, as a node:http listener: it serves everything not answered here. */
  yoga: NodeListener;
  /** Off when undefined: every request goes to Yoga. */
  responseCache: ResponseCache | undefined;
  logger: Logger;
  maxBodyBytes: number;
  /** Whether CORS is on: Yoga then answers cross-origin calls with headers of its own. */
  cors: boolean;
}

const JSON_CONTENT_TYPES = new Set(['application/json', 'application/json; charset=utf-8']);
// What Yoga answers with application/json; other Accept headers may get another content type.
const JSON_ACCEPTS = new Set([undefined, '*/*', 'application/json']);

/** Whether Yoga's answer to the request could be a cached one, sent as it is. */
function mayBeCached(request: IncomingMessage, maxBodyBytes: number, cors: boolean): boolean {
  const { headers } = request;
  if (request.method !== 'POST' || request.url !== '/graphql') return false;
  if (!JSON_CONTENT_TYPES.has(headers['content-type']?.toLowerCase() ?? '') || !JSON_ACCEPTS.has(headers.accept)) return false;
  if (cors && headers.origin !== undefined) return false;
  const length = headers['content-length'];
  return length !== undefined && /^\d+$/.test(length) && Number(length) > 0 && Number(length) <= maxBodyBytes;
}

/** The whole body, or undefined if the client went away first. */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', () => resolve(undefined));
    request.on('close', () => resolve(undefined)); // after 'end' this changes nothing
  });
}

/** The parameters of a JSON body, when Yoga would accept them as they are. */
function paramsOf(body: Buffer): QueryParams | undefined {
  try {
    return wellFormedParams(JSON.parse(body.toString('utf8')));
  } catch {
    return undefined; // not JSON: Yoga's error to give
  }
}

function answer(request: IncomingMessage, response: ServerResponse, logger: Logger, cached: CachedAnswer, started: number): void {
  const requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER] as string | undefined);
  // The headers Yoga sends with a cached answer, and its 304 for an ETag the client has.
  const notModified = request.headers['if-none-match'] === cached.etag;
  if (notModified) {
    response.writeHead(304, { etag: cached.etag, [REQUEST_ID_HEADER]: requestId });
    response.end();
  } else {
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': cached.body.length,
      etag: cached.etag,
      [REQUEST_ID_HEADER]: requestId,
    });
    response.end(cached.body);
  }
  logRequest(logger, {
    requestId,
    method: 'POST',
    path: '/graphql',
    status: notModified ? 304 : 200,
    started,
    operationName: cached.operationName,
    cost: requestedCost(cached.result),
  });
}

export function createHttpHandler({ yoga, responseCache, logger, maxBodyBytes, cors }: HttpHandlerOptions): NodeListener {
  if (!responseCache) return yoga;
  return (request, response) => {
    if (!mayBeCached(request, maxBodyBytes, cors)) return yoga(request, response);
    const started = performance.now();
    return readBody(request)
      .then((body) => {
        if (!body) return undefined; // nobody left to answer
        const params = paramsOf(body);
        const cached = params && responseCache.get(responseCache.keyOf(params));
        if (cached) return answer(request, response, logger, cached, started);
        // whatwg-node reads a body already taken from the stream from `request.body`, as body
        // parsers leave it; a stream of it, since a Buffer there costs an Object.keys per byte.
        Object.assign(request, { body: Readable.from([body]) });
        return yoga(request, response);
      })
      .catch((error: unknown) => {
        // Yoga answers its own errors; this is for a defect here, which must not take the process down.
        logUnexpected(logger, requestIdFrom(request.headers[REQUEST_ID_HEADER] as string | undefined), error, { path: '/graphql' });
        if (response.headersSent) return void response.destroy();
        response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
      });
  };
}
