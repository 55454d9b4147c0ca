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
// Hits that the HTTP handler recognises are answered before Yoga (src/http/node-handler.ts); the
// plugins in plugins/result/ fill the cache (cache-store.ts) and answer the others, with their
// ETags and 304s (cache-headers.ts).
//
// (Yoga's own response cache rewrites every query to add __typename and ids, and walks each
// result to track entities for invalidation: work an immutable revision does not need, and
// that made large answers several times slower.)
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { exactJson, nestedTooDeep } from '../support/json-values.js';

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
export const ETAG_SUFFIXES: Readonly<Record<string, string>> = {
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

  /** The key: the data served, operation, variables and query. */
  keyOf(params: QueryParams, served: string): string {
    return createHash('sha256')
      .update(`${served}\0${params.operationName ?? ''}\0${params.variablesJson}\0${params.query}`)
      .digest('base64url');
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

/** The Cache-Control of an error-free GET answer: kept for max-age seconds, or revalidated every time with 0. */
export function cacheControlFor(maxAgeSeconds: number): string {
  return maxAgeSeconds > 0 ? `public, max-age=${maxAgeSeconds}` : 'no-cache';
}

/** The response header that says answers at /graphql depend on Accept (JSON, the spec's JSON, an event stream, GraphiQL). */
export const VARY = 'Accept';
