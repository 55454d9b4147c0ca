// The node:http request listener: every response the server sends goes through here.
//  - Requests pipelined on one connection are answered one after another (src/http/pipelining.ts).
//  - Every response carries the security headers (src/http/security-headers.ts); pages and
//    files that need another policy replace it.
//  - A request whose Host header or target makes no URL is refused with 400 before Yoga, which
//    would fail on it with a stack trace.
//  - A failure outside Yoga's own error handling (a plugin's request hook, sending the response)
//    is answered as JSON "Unexpected error." with a request id, and logged, never with a stack.
//  - A request that repeats a cached query is answered here, straight from the response cache,
//    before Yoga turns it into a fetch Request and runs its plugins: that machinery was most of
//    the time of a cached answer (see the README's benchmark section). Only requests whose answer
//    is sure to be the one Yoga would give are taken: POST /graphql with a JSON body of
//    well-formed parameters within MAX_BODY_BYTES, or GET /graphql with only Yoga's parameters
//    (a persisted query's hash included, once known), with an Accept header Yoga answers with
//    JSON (given the content type Yoga would choose, media-types.ts), and no cross-origin call
//    when CORS is on (Yoga adds its headers). Everything else, and every miss, goes to Yoga,
//    which fills the cache.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Readable } from 'node:stream';
import { sendNodeResponse } from '@whatwg-node/server';
import { ifNoneMatchMatches } from '../support/conditional.js';
import { logRequest, logUnexpected, REQUEST_ID_HEADER, requestIdFrom, type Logger } from '../observability/logger.js';
import { inTurn } from './pipelining.js';
import { jsonMediaTypeFor, type JsonMediaType } from '../support/media-types.js';
import { resolvePersisted, type PersistedQueries } from '../graphql/plugins/params/persisted-queries.js';
import { cacheControlFor, etagFor, VARY, wellFormedParams, type CachedAnswer, type QueryParams, type ResponseCache } from '../graphql/response-cache.js';
import { SECURITY_HEADERS } from './security-headers.js';
import type { ErrorCode } from '../support/error-codes.js';
import type { Socket } from 'node:net';

export type NodeListener = (request: IncomingMessage, response: ServerResponse) => unknown;

/** The listener, and what shutdown needs of it. */
export interface EntenteHandler extends NodeListener {
  /**
   * Ends the event streams still open `graceMs` after the subscriptions were completed: a client
   * that stopped reading would otherwise keep its stream, and the shutdown, waiting to the deadline.
   */
  endStreams(graceMs: number): Promise<void>;
}

/** What the handler needs of Yoga: its node:http entry that returns the Response instead of sending it. */
export interface YogaNodeApp {
  handleNodeRequestAndResponse(request: IncomingMessage, response: ServerResponse): Response | Promise<Response>;
}

export interface HttpHandlerOptions {
  /** Serves everything not answered here. */
  yoga: YogaNodeApp;
  /** Off when undefined: every request goes to Yoga. */
  responseCache: ResponseCache | undefined;
  /** The revision served now: part of every cache key. */
  servedKey: () => string;
  /** The queries Yoga knows by hash: a persisted request is answered here as the query it stands for. */
  persistedQueries: PersistedQueries;
  /** Cache-Control max-age of GET answers, as Yoga's are sent (response-cache.ts). */
  cacheMaxAgeSeconds: number;
  logger: Logger;
  maxBodyBytes: number;
  /** Whether CORS is on: Yoga then answers cross-origin calls with headers of its own. */
  cors: boolean;
}

const JSON_CONTENT_TYPES = new Set(['application/json', 'application/json; charset=utf-8']);
/** The Content-Type Yoga sends with each media type. */
const CONTENT_TYPES: Readonly<Record<JsonMediaType, string>> = {
  'application/json': 'application/json; charset=utf-8',
  'application/graphql-response+json': 'application/graphql-response+json; charset=utf-8',
};
/** GET parameters Yoga reads; any other makes Yoga refuse the request. */
const GET_PARAMETERS = new Set(['query', 'operationName', 'variables', 'extensions']);

/** How a request may be answered from the cache: its body to read (POST) or its URL's parameters (GET). */
type Candidate = { kind: 'post'; mediaType: JsonMediaType } | { kind: 'get'; mediaType: JsonMediaType; search: URLSearchParams };

/** Whether Yoga's answer to the request could be a cached one, sent as it is, and what it would be sent as. */
function candidateOf(request: IncomingMessage, maxBodyBytes: number, cors: boolean): Candidate | undefined {
  const { headers } = request;
  if (cors && headers.origin !== undefined) return undefined; // Yoga adds its CORS headers
  const mediaType = jsonMediaTypeFor(headers.accept);
  if (mediaType === undefined) return undefined;
  if (request.method === 'POST') {
    if (request.url !== '/graphql' || !JSON_CONTENT_TYPES.has(headers['content-type']?.toLowerCase() ?? '')) return undefined;
    const length = headers['content-length'];
    if (length === undefined || !/^\d+$/.test(length) || Number(length) === 0 || Number(length) > maxBodyBytes) return undefined;
    return { kind: 'post', mediaType };
  }
  if (request.method !== 'GET' || !request.url?.startsWith('/graphql?')) return undefined;
  // A browser asking for a page gets GraphiQL; a body on a GET is Yoga's to judge.
  if (headers.accept?.includes('text/html') || headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined) return undefined;
  const search = new URLSearchParams(request.url.slice('/graphql?'.length));
  for (const name of search.keys()) if (!GET_PARAMETERS.has(name)) return undefined;
  return { kind: 'get', mediaType, search };
}

/** A GET's parameters as Yoga reads them (variables and extensions as JSON), or undefined where Yoga may refuse them. */
function getParams(search: URLSearchParams): unknown {
  const params: Record<string, unknown> = {};
  for (const name of GET_PARAMETERS) {
    const values = search.getAll(name);
    if (values.length > 1) return undefined;
    if (values.length === 0) continue;
    const value = values[0]!;
    if (name === 'variables' || name === 'extensions') {
      try {
        params[name] = JSON.parse(value);
      } catch {
        return undefined;
      }
    } else {
      params[name] = value;
    }
  }
  return params;
}

/** Whether Yoga can make a URL of the request, as whatwg-node builds it (scheme, Host, target). */
function hasValidUrl(request: IncomingMessage): boolean {
  return URL.canParse(`http://${request.headers.host ?? 'localhost'}${request.url ?? '/'}`);
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

/** A JSON body's parameters, or undefined when it is not JSON (Yoga's error to give). */
function bodyParams(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The parameters as Yoga would run them, when it would accept them as they are: a persisted
 * query's hash stands for its query once the server knows it (persisted-queries.ts, which also
 * remembers a hash sent with its query, as Yoga's plugin would: a hit never reaches it).
 */
function queryParamsOf(params: unknown, persistedQueries: PersistedQueries): QueryParams | undefined {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return undefined;
  let resolved: object | 'not-found' | 'mismatch';
  try {
    resolved = resolvePersisted(params, persistedQueries);
  } catch {
    return undefined; // a malformed extension: Yoga refuses it
  }
  return typeof resolved === 'object' ? wellFormedParams(resolved) : undefined;
}

/** The path as logged: the target without its query, cut short (a target that makes no URL is logged as sent). */
function pathOf(request: IncomingMessage): string {
  return (request.url ?? '').split('?', 1)[0]!.slice(0, 200);
}

function requestIdOf(request: IncomingMessage): string {
  return requestIdFrom(request.headers[REQUEST_ID_HEADER] as string | undefined);
}

/** Sends a JSON error of our own (not Yoga's), with the request id, and logs the request. */
function refuse(
  request: IncomingMessage,
  response: ServerResponse,
  logger: Logger,
  started: number,
  status: number,
  message: string,
  code: ErrorCode,
  requestId = requestIdOf(request),
): void {
  if (response.headersSent) {
    response.destroy();
  } else {
    const body = JSON.stringify({ errors: [{ message, extensions: { code, requestId } }] });
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      [REQUEST_ID_HEADER]: requestId,
    });
    response.end(body);
  }
  logRequest(logger, { requestId, method: request.method ?? '', path: pathOf(request), status, started });
}

function answer(
  request: IncomingMessage,
  response: ServerResponse,
  logger: Logger,
  cached: CachedAnswer,
  started: number,
  { vary, mediaType, cacheControl }: { vary: string; mediaType: JsonMediaType; cacheControl: string | undefined },
): void {
  const requestId = requestIdOf(request);
  // The headers Yoga sends with a cached answer, and its 304 for an ETag the client has.
  const etag = etagFor(cached.key, mediaType)!;
  const method = request.method ?? 'POST';
  const notModified = ifNoneMatchMatches(request.headers['if-none-match'], etag, method);
  const common = { etag, vary, ...(cacheControl && { 'cache-control': cacheControl }), [REQUEST_ID_HEADER]: requestId };
  if (notModified) {
    response.writeHead(304, common);
    response.end();
  } else {
    response.writeHead(200, { 'content-type': CONTENT_TYPES[mediaType], 'content-length': cached.body.length, ...common });
    response.end(cached.body);
  }
  logRequest(logger, {
    requestId,
    method,
    path: '/graphql',
    status: notModified ? 304 : 200,
    started,
    operationName: cached.operationName,
    cost: cached.cost,
  });
}

/**
 * Node's answer to what it cannot parse as HTTP (a request line or headers over 16 KB, a control
 * character in a header, a length and a chunked encoding at once), in the server's own form: the
 * security headers, a JSON error with a request id, and a log line. Node's own is a bare status.
 */
export function clientErrorHandler(logger: Logger): (error: NodeJS.ErrnoException, socket: Duplex) => void {
  return (error, socket) => {
    // Nothing can be sent on a connection that is gone, or whose answer has begun.
    const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (!socket.writable || error.code === 'ECONNRESET' || answering?.headersSent) return void socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const message =
      status === 431
        ? 'The request line and headers are too large.'
        : status === 408
          ? 'The request took too long to arrive.'
          : 'The request is not valid HTTP.';
    const requestId = requestIdFrom(undefined);
    const body = JSON.stringify({
      errors: [{ message, extensions: { code: status === 400 ? 'BAD_REQUEST' : STATUS_CODES[status]!.toUpperCase().replace(/ /g, '_'), requestId } }],
    });
    const headers = {
      ...SECURITY_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      [REQUEST_ID_HEADER]: requestId,
      connection: 'close',
    };
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}`)
        .join('\r\n')}\r\n\r\n${body}`,
    );
    logger.log('info', { msg: 'request', requestId, status, error: error.code ?? error.message });
  };
}

export function createHttpHandler({
  yoga,
  responseCache,
  servedKey,
  persistedQueries,
  logger,
  maxBodyBytes,
  cors,
  cacheMaxAgeSeconds,
}: HttpHandlerOptions): EntenteHandler {
  // As the response cache plugin says them for Yoga's answers.
  const vary = cors ? `${VARY}, Origin` : VARY;
  const getCacheControl = cacheControlFor(cacheMaxAgeSeconds);
  const unexpected = (request: IncomingMessage, response: ServerResponse, started: number, error: unknown) => {
    const requestId = requestIdOf(request);
    logUnexpected(logger, requestId, error, { path: pathOf(request) });
    refuse(request, response, logger, started, 500, 'Unexpected error.', 'INTERNAL_SERVER_ERROR', requestId);
  };

  const toYoga = async (request: IncomingMessage, response: ServerResponse, started: number): Promise<void> => {
    let fetchResponse: Response;
    try {
      fetchResponse = await yoga.handleNodeRequestAndResponse(request, response);
    } catch (error) {
      return unexpected(request, response, started, error);
    }
    // Yoga names itself on its health check: no response says what the server runs on.
    fetchResponse.headers.delete('x-yoga-id');
    try {
      await sendNodeResponse(fetchResponse, response, request, true);
    } catch (error) {
      // Part of the answer may be on its way: the connection is cut rather than finished wrongly.
      logUnexpected(logger, requestIdOf(request), error, { path: pathOf(request) });
      response.destroy();
    }
  };

  const fromCache = async (request: IncomingMessage, response: ServerResponse, started: number, cache: ResponseCache, candidate: Candidate): Promise<void> => {
    let body: Buffer | undefined;
    if (candidate.kind === 'post') {
      body = await readBody(request);
      if (!body) return; // nobody left to answer
    }
    const params = queryParamsOf(candidate.kind === 'get' ? getParams(candidate.search) : bodyParams(body!), persistedQueries);
    const cached = params && cache.get(cache.keyOf(params, servedKey()));
    if (cached) {
      const cacheControl = candidate.kind === 'get' ? getCacheControl : undefined;
      return answer(request, response, logger, cached, started, { vary, mediaType: candidate.mediaType, cacheControl });
    }
    // whatwg-node reads a body already taken from the stream from `request.body`, as body
    // parsers leave it; a stream of it, since a Buffer there costs an Object.keys per byte.
    if (body) Object.assign(request, { body: Readable.from([body]) });
    return toYoga(request, response, started);
  };

  const serve = (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = performance.now();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    if (!hasValidUrl(request)) {
      refuse(request, response, logger, started, 400, 'The request has no valid URL: check its Host header and target.', 'BAD_REQUEST');
      return Promise.resolve();
    }
    const candidate = responseCache && candidateOf(request, maxBodyBytes, cors);
    const served = responseCache && candidate ? fromCache(request, response, started, responseCache, candidate) : toYoga(request, response, started);
    // A defect here, after the guards above, must still not take the process down.
    return served.catch((error: unknown) => unexpected(request, response, started, error));
  };

  // Responses being sent, and the connections of event streams that ended on the server: a
  // stream whose client stopped reading may have ended while its last bytes wait in the socket.
  const open = new Set<ServerResponse>();
  const endedStreams = new Set<Socket>();
  // A stream is known by its content type, set once Yoga answers.
  const isStream = (response: ServerResponse) => String(response.getHeader('content-type') ?? '').startsWith('text/event-stream');
  const tracked = (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const socket = request.socket;
    open.add(response);
    response.once('close', () => open.delete(response));
    response.once('finish', () => {
      open.delete(response);
      if (!isStream(response) || socket.destroyed) return;
      endedStreams.add(socket);
      socket.once('close', () => endedStreams.delete(socket));
    });
    return serve(request, response);
  };
  const streamSockets = () =>
    new Set([
      ...endedStreams,
      ...[...open]
        .filter(isStream)
        .map((response) => response.socket)
        .filter((socket) => socket !== null),
    ]);
  const endStreams = async (graceMs: number): Promise<void> => {
    const deadline = Date.now() + graceMs;
    while (streamSockets().size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    for (const socket of streamSockets()) socket.destroy();
  };
  return Object.assign(inTurn(tracked, logger), { endStreams });
}
