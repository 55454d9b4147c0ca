// Whole responses cached by data version, query, operation name and variables. The data never
// change while the process runs, so an entry never goes stale: a dashboard polling the same
// query skips parsing, validation, execution and serialisation, and with If-None-Match gets a
// 304. Results with errors are never cached; the least recently used entry goes first.
//
// Hits that the HTTP handler recognises are answered before Yoga (src/server/http-handler.ts);
// this plugin fills the cache and answers the others (GET, GraphiQL's Accept header).
//
// (Yoga's own response cache rewrites every query to add __typename and ids, and walks each
// result to track entities for invalidation: work this immutable data set does not need, and
// that made large answers several times slower.)
import { createHash } from 'node:crypto';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { exactJson } from './exact-json.js';
import { noteOperationName, operationNameOf } from './observability.js';

export interface CachedAnswer {
  result: ExecutionResult;
  /** For the log line of the requests it answers. */
  operationName: string | undefined;
  /** The serialised result, as sent. */
  body: Buffer;
  etag: string;
}

/** What a request asks, as Yoga reads it from a GET's URL or a POST's body, with its variables as exact JSON. */
export interface QueryParams {
  query: string;
  operationName: string | undefined;
  variablesJson: string;
}

/** A map that forgets its least recently used entry past `max` (Map keeps insertion order). */
class LruMap<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** The answers, shared by the Yoga plugin (which fills it) and the HTTP handler (which answers hits before Yoga). */
export class ResponseCache {
  private readonly answers: LruMap<CachedAnswer>;
  constructor(
    private readonly dataVersion: string,
    maxEntries: number,
  ) {
    this.answers = new LruMap(maxEntries);
  }

  /** The key, also the ETag's value: the data version, operation, variables and query. */
  keyOf(params: QueryParams): string {
    return createHash('sha256').update(`${this.dataVersion}\0${params.operationName ?? ''}\0${params.variablesJson}\0${params.query}`).digest('base64url');
  }

  get(key: string): CachedAnswer | undefined {
    return this.answers.get(key);
  }

  set(key: string, answer: CachedAnswer): void {
    this.answers.set(key, answer);
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
  const variablesJson = exactJson(variables ?? null);
  if (variablesJson === undefined) return undefined;
  return { query, operationName: operationName ?? undefined, variablesJson };
}

export function responseCachePlugin(cache: ResponseCache): Plugin {
  // Per request: its cache key, and the answer it was served from.
  const keys = new WeakMap<Request, string>();
  const hits = new WeakMap<Request, CachedAnswer>();
  return {
    onParams({ params, request, setResult }) {
      // Yoga checks the parameters after this hook: a hit must not answer what it would refuse.
      const wellFormed = wellFormedParams(params);
      if (!wellFormed) return;
      const key = cache.keyOf(wellFormed);
      keys.set(request, key);
      const hit = cache.get(key);
      if (hit) {
        hits.set(request, hit);
        noteOperationName(request, hit.operationName);
        setResult(hit.result);
      }
    },
    onResultProcess({ request, result, setResult, setResultProcessor, acceptableMediaTypes }) {
      const key = keys.get(request);
      if (key === undefined || Array.isArray(result) || Symbol.asyncIterator in result) return;
      let answer = hits.get(request);
      if (!answer) {
        if (result.errors?.length || !result.data) return;
        answer = { result, operationName: operationNameOf(request), body: Buffer.from(JSON.stringify(result)), etag: `"${key}"` };
        cache.set(key, answer);
      }
      const { body, etag } = answer;
      if (request.headers.get('if-none-match') === etag) {
        setResultProcessor((_result, fetchAPI) => new fetchAPI.Response(null, { status: 304, headers: { etag } }), acceptableMediaTypes[0] ?? 'application/json');
        return;
      }
      // Yoga sends extensions.http.headers as headers (and strips them from the body), and uses
      // the result's own stringify: the stored body, not a new serialisation.
      setResult({ ...answer.result, extensions: { ...answer.result.extensions, http: { headers: { etag } } }, stringify: () => body.toString() });
    },
  };
}
