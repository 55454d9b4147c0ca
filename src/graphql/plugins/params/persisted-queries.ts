// Automatic persisted queries, as Apollo Client's PersistedQueryLink and urql's persisted
// exchange speak them: a client first sends only `extensions.persistedQuery.sha256Hash` (a
// short GET that a CDN or browser can cache); if the server does not know the hash it answers
// PERSISTED_QUERY_NOT_FOUND, and the client sends the hash with the query, which the server
// checks and keeps. Afterwards the hash alone stands for the query, and the request goes on as
// if the query had been sent: limits, cost, the response cache and compiled execution all see it.
//
// The store is bounded in bytes (least recently used out) and keeps only queries within
// MAX_QUERY_LENGTH: an unknown hash costs a client one more round trip, never the server memory.
import type { ErrorCode } from '../../../support/error-codes.js';
import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';

const SHA256_HEX = /^[0-9a-f]{64}$/i;

export interface PersistedQueryBounds {
  /** Characters of queries kept in all. */
  maxBytes: number;
  /** The longest query kept (MAX_QUERY_LENGTH: a longer one is refused anyway). */
  maxQueryLength: number;
}

export class PersistedQueries {
  private readonly queries: LRUCache<string, string>;
  constructor(private readonly bounds: PersistedQueryBounds) {
    this.queries = new LRUCache({ maxSize: bounds.maxBytes, sizeCalculation: (query, hash) => query.length + hash.length + 100 });
  }

  get(hash: string): string | undefined {
    return this.queries.get(hash);
  }

  /** Keeps a query under its hash, once the hash is checked; a query too long to run is not kept. */
  set(hash: string, query: string): void {
    if (query.length <= this.bounds.maxQueryLength) this.queries.set(hash, query);
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function requestError(message: string, code: ErrorCode, status: number, extra: Record<string, unknown> = {}): GraphQLError {
  // A request error: 4xx for application/graphql-response+json, 200 for legacy application/json (spec).
  return new GraphQLError(message, { extensions: { code, ...extra, http: { status, spec: true } } });
}

/** The persisted-query extension of a request, checked; undefined when it has none. */
export function persistedHashOf(extensions: unknown): string | undefined {
  if (typeof extensions !== 'object' || extensions === null) return undefined;
  const persisted = (extensions as Record<string, unknown>).persistedQuery;
  if (persisted === undefined || persisted === null) return undefined;
  const { version, sha256Hash } = persisted as Record<string, unknown>;
  if (typeof persisted !== 'object' || version !== 1 || typeof sha256Hash !== 'string' || !SHA256_HEX.test(sha256Hash)) {
    throw requestError('extensions.persistedQuery must be { "version": 1, "sha256Hash": "<64 hex digits>" }', 'PERSISTED_QUERY_INVALID', 400, {
      parameter: 'extensions',
    });
  }
  // Hex digits in either case name the same hash.
  return sha256Hash.toLowerCase();
}

/**
 * The parameters with the query a persisted hash stands for: as they are without a hash,
 * with the known query for a hash alone (after checking a hash sent with its query, which is
 * then remembered), or what is wrong.
 */
export function resolvePersisted<P extends { query?: unknown; extensions?: unknown }>(params: P, store: PersistedQueries): P | 'not-found' | 'mismatch' {
  const hash = persistedHashOf(params.extensions);
  if (hash === undefined) return params;
  if (params.query === undefined || params.query === null || params.query === '') {
    const query = store.get(hash);
    return query === undefined ? 'not-found' : { ...params, query };
  }
  if (typeof params.query !== 'string') return params; // Yoga's own refusal follows
  if (sha256Hex(params.query) !== hash) return 'mismatch';
  store.set(hash, params.query);
  return params;
}

export function persistedQueriesPlugin(store: PersistedQueries): Plugin {
  return {
    onParams({ params, setParams }) {
      const resolved = resolvePersisted(params, store);
      // The message is the one clients look for (Apollo and urql match it, or the code).
      if (resolved === 'not-found') throw requestError('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND', 404);
      if (resolved === 'mismatch') {
        throw requestError('PersistedQueryMismatch: extensions.persistedQuery.sha256Hash is not the SHA-256 of the query', 'PERSISTED_QUERY_MISMATCH', 400);
      }
      if (resolved !== params) setParams(resolved);
    },
  };
}
