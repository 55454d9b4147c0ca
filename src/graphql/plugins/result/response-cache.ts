// Whole answers to queries, cached by data revision, query, operation name and variables. An
// answer is about one revision, so an entry never goes stale: the next revision has other keys
// (and the cache is emptied when it is swapped in). A dashboard polling the same query skips
// parsing, validation, execution and serialisation, and with If-None-Match gets a 304. Only query
// operations are kept (a mutation's answer must never be replayed), and never with errors.
//
// The cache is bounded by bytes, not entries: a few huge answers must not fill the heap. It holds
// each answer's serialised body and the little its log line needs, never the result tree; an
// answer over the per-entry bound is sent but not kept, and the least recently used go first.
//
// Hits that the HTTP handler recognises are answered before Yoga (src/http/node-handler.ts);
// this plugin fills the cache and answers the others (GET, GraphiQL's Accept header).
//
// (Yoga's own response cache rewrites every query to add __typename and ids, and walks each
// result to track entities for invalidation: work an immutable revision does not need, and
// that made large answers several times slower.)
import { createHash } from 'node:crypto';
import { getOperationAST, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { ifNoneMatchMatches } from '../../../support/conditional.js';
import { exactJson, nestedTooDeep } from '../../../support/json-values.js';
import type { RequestStates } from '../../../observability/request-state.js';

export interface CachedAnswer {
  /** The cache key, from which each media type's ETag is made. */
  key: string;
  /** The serialised result, as sent. */
  body: Buffer;
  /** For the log line of the requests it answers. */
  operationName: string | undefined;
  /** The cost the limits measured (the body carries it too, in extensions.cost), for the log line of each hit. */
  cost: number | undefined;
}

/** What a request asks, as Yoga reads it from a GET's URL or a POST's body, with its variables as exact JSON. */
export interface QueryParams {
  query: string;
  operationName: string | undefined;
  variablesJson: string;
}

export interface ResponseCacheBounds {
  /** Bytes of answers kept in all. */
  maxBytes: number;
  /** Bytes of the largest answer kept; larger ones are sent and forgotten. */
  maxEntryBytes: number;
}

/** What an entry costs besides its body: its key twice (map and entry) and the objects around them. */
const ENTRY_OVERHEAD_BYTES = 300;

/** The media types whose answers are cached and carry an ETag: the body is the same JSON, the representation is not. */
const ETAG_SUFFIXES: Readonly<Record<string, string>> = {
  'application/json': 'json',
  'application/graphql-response+json': 'graphql-response',
};

/** The ETag of a cached answer sent as `mediaType`, or undefined for media types not cached (a stream). */
export function etagFor(key: string, mediaType: string): string | undefined {
  const suffix = ETAG_SUFFIXES[mediaType];
  return suffix === undefined ? undefined : `"${key}.${suffix}"`;
}

/** The answers, shared by the Yoga plugins (which fill the cache) and the HTTP handler (which answers hits before Yoga). */
export class ResponseCache {
  private readonly answers: LRUCache<string, CachedAnswer>;
  constructor({ maxBytes, maxEntryBytes }: ResponseCacheBounds) {
    this.answers = new LRUCache({
      maxSize: maxBytes,
      maxEntrySize: Math.min(maxEntryBytes, maxBytes),
      sizeCalculation: (answer, key) => answer.body.length + 2 * key.length + ENTRY_OVERHEAD_BYTES,
    });
  }

  /** The key: the data revision, operation, variables and query. */
  keyOf(params: QueryParams, revision: string): string {
    return createHash('sha256').update(`${revision}\0${params.operationName ?? ''}\0${params.variablesJson}\0${params.query}`).digest('base64url');
  }

  /** Forgets every answer: those of a revision no longer served. */
  clear(): void {
    this.answers.clear();
  }

  get(key: string): CachedAnswer | undefined {
    return this.answers.get(key);
  }

  /** Keeps the answer, unless it is larger than an entry may be; says whether it was kept. */
  set(answer: CachedAnswer): boolean {
    this.answers.set(answer.key, answer);
    return this.answers.has(answer.key);
  }

  /** Bytes held now, as the bound counts them. */
  get bytes(): number {
    return this.answers.calculatedSize;
  }
}

const PARAMETERS = new Set(['query', 'operationName', 'variables', 'extensions']);

function isObjectOrAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value));
}

/**
 * The parameters of a request that Yoga accepts as they are; undefined for any it refuses (or
 * might), so that a cached answer never stands in for Yoga's refusal.
 */
export function wellFormedParams(params: unknown): QueryParams | undefined {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return undefined;
  if (Object.keys(params).some((name) => !PARAMETERS.has(name))) return undefined;
  const { query, operationName, variables, extensions } = params as Record<string, unknown>;
  if (typeof query !== 'string') return undefined;
  // Yoga refuses an empty operation name where a missing one picks the only operation.
  if (operationName != null && (typeof operationName !== 'string' || operationName === '')) return undefined;
  if (!isObjectOrAbsent(variables) || !isObjectOrAbsent(extensions)) return undefined;
  // Refused by the request parameters plugin (and too deep to serialise safely).
  if (nestedTooDeep(variables) || nestedTooDeep(extensions)) return undefined;
  const variablesJson = exactJson(variables ?? null);
  if (variablesJson === undefined) return undefined;
  return { query, operationName: operationName ?? undefined, variablesJson };
}

/** The result a hit stands for inside Yoga: its body as it was sent. */
function resultOf(answer: CachedAnswer): ExecutionResult {
  return { data: null, stringify: () => answer.body.toString() } as ExecutionResult;
}

function mediaTypeOf(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The Cache-Control of an error-free GET answer: kept for max-age seconds, or revalidated every time with 0. */
export function cacheControlFor(maxAgeSeconds: number): string {
  return maxAgeSeconds > 0 ? `public, max-age=${maxAgeSeconds}` : 'no-cache';
}

/** The response header that says answers at /graphql depend on Accept (JSON, the spec's JSON, an event stream, GraphiQL). */
export const VARY = 'Accept';

/**
 * Two plugins, one cache: `store` fills it and answers hits (it must come after every plugin
 * that changes a result, so that it keeps the answer as sent); `headers` adds Vary to every
 * /graphql answer, gives cached answers their ETag, and turns them into 304s for clients that
 * have them (it must come before the plugin that logs requests, so that the log has the status sent).
 * Without a cache, `store` does nothing and `headers` only adds Vary. With CORS on, every answer
 * also varies by Origin (its CORS headers do, and a shared cache must not give one site's to another).
 */
export function responseCachePlugins(
  cache: ResponseCache | undefined,
  {
    graphqlEndpoint,
    cors,
    cacheMaxAgeSeconds,
    revisionOf,
    requestStates,
  }: { graphqlEndpoint: string; cors: boolean; cacheMaxAgeSeconds: number; revisionOf: (request: Request) => string; requestStates: RequestStates },
): { store: Plugin; headers: Plugin } {
  const cacheControl = cacheControlFor(cacheMaxAgeSeconds);
  // Requests whose answer has errors: never to be kept by a browser or CDN.
  const erred = new WeakSet<Request>();
  // Per request: its cache key, and whether its answer is (now) the cached one.
  const keys = new WeakMap<Request, string>();
  const cached = new WeakSet<Request>();
  // Requests that execute a query operation: the only answers kept.
  const queries = new WeakSet<Request>();
  const store: Plugin = !cache ? {} : {
    onParams({ params, request, setResult }) {
      // Yoga checks the parameters after this hook: a hit must not answer what it would refuse.
      const wellFormed = wellFormedParams(params);
      if (!wellFormed) return;
      const key = cache.keyOf(wellFormed, revisionOf(request));
      keys.set(request, key);
      const hit = cache.get(key);
      if (hit) {
        cached.add(request);
        const state = requestStates.of(request);
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
      const key = keys.get(request);
      if (key === undefined || cached.has(request) || !queries.has(request) || Array.isArray(result) || Symbol.asyncIterator in result) return;
      if (result.errors?.length || !result.data) return;
      // Serialised once: the body kept is the body sent.
      const text = JSON.stringify(result);
      const { operationName, cost } = requestStates.of(request);
      if (cache.set({ key, body: Buffer.from(text), operationName, cost })) cached.add(request);
      setResult({ ...result, stringify: () => text } as ExecutionResult);
    },
  };
  const headers: Plugin = {
    onResultProcess({ request, result }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result || result.errors?.length) erred.add(request);
    },
    onResponse({ request, response, setResponse, fetchAPI }) {
      const atEndpoint = new URL(request.url).pathname === graphqlEndpoint;
      if (atEndpoint) response.headers.append('vary', VARY);
      if (cors && !/\bOrigin\b/i.test(response.headers.get('vary') ?? '')) response.headers.append('vary', 'Origin');
      // A GET's answer (not GraphiQL's page, which has its own) may be kept by browsers and CDNs when it has no error.
      const json = ETAG_SUFFIXES[mediaTypeOf(response)] !== undefined;
      if (atEndpoint && request.method === 'GET' && json) {
        response.headers.set('cache-control', response.status === 200 && !erred.has(request) ? cacheControl : 'no-store');
      }
      const key = keys.get(request);
      if (key === undefined || !cached.has(request) || response.status !== 200) return;
      const etag = etagFor(key, mediaTypeOf(response));
      if (etag === undefined) return;
      if (ifNoneMatchMatches(request.headers.get('if-none-match'), etag, request.method)) {
        const notModified: Record<string, string> = { etag, vary: response.headers.get('vary') ?? VARY };
        const cacheHeader = response.headers.get('cache-control');
        if (cacheHeader !== null) notModified['cache-control'] = cacheHeader;
        setResponse(new fetchAPI.Response(null, { status: 304, headers: notModified }));
      } else {
        response.headers.set('etag', etag);
      }
    },
  };
  return { store, headers };
}
