// Whole responses cached by data version, query, operation name and variables. The data never
// change while the process runs, so an entry never goes stale: a dashboard polling the same
// query skips parsing, validation, execution and serialisation, and with If-None-Match gets a
// 304. Results with errors are never cached; the least recently used entry goes first.
//
// (Yoga's own response cache rewrites every query to add __typename and ids, and walks each
// result to track entities for invalidation: work this immutable data set does not need, and
// that made large answers several times slower.)
import { createHash } from 'node:crypto';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { noteOperationName, operationNameOf } from './observability.js';

interface Entry {
  result: ExecutionResult;
  /** For the log line of the requests it answers. */
  operationName: string | undefined;
  /** The serialised result, as sent. */
  body: string;
  etag: string;
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
  get size(): number {
    return this.entries.size;
  }
}

function isObjectOrAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value));
}

export function responseCachePlugin(dataVersion: string, maxEntries: number): Plugin {
  const cache = new LruMap<Entry>(maxEntries);
  // Per request: its cache key, and the entry it was answered from.
  const keys = new WeakMap<Request, string>();
  const hits = new WeakMap<Request, Entry>();
  return {
    onParams({ params, request, setResult }) {
      // Only well-formed parameters: Yoga refuses the others after this hook, and so must a hit.
      if (typeof params.query !== 'string' || !isObjectOrAbsent(params.variables) || !isObjectOrAbsent(params.extensions)) return;
      const key = createHash('sha256')
        .update(`${dataVersion}\0${params.operationName ?? ''}\0${JSON.stringify(params.variables ?? null)}\0${params.query}`)
        .digest('base64url');
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
      let entry = hits.get(request);
      if (!entry) {
        if (result.errors?.length || !result.data) return;
        entry = { result, operationName: operationNameOf(request), body: JSON.stringify(result), etag: `"${key}"` };
        cache.set(key, entry);
      }
      const { body, etag } = entry;
      if (request.headers.get('if-none-match') === etag) {
        setResultProcessor((_result, fetchAPI) => new fetchAPI.Response(null, { status: 304, headers: { etag } }), acceptableMediaTypes[0] ?? 'application/json');
        return;
      }
      // Yoga sends extensions.http.headers as headers (and strips them from the body), and uses
      // the result's own stringify: the body serialised once.
      setResult({ ...entry.result, extensions: { ...entry.result.extensions, http: { headers: { etag } } }, stringify: () => body });
    },
  };
}
