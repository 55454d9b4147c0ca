import type { DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { tokenCount } from '../../limits/query-analysis.js';

/**
 * Yoga's caches of parsed documents and parse errors, bounded by the lexical tokens of the
 * queries as well as by their number: a parsed document keeps every token with its nodes, so a
 * thousand queries of MAX_TOKENS would hold hundreds of megabytes (bench/results.md). A document
 * that fails validation is not kept at all: Yoga keeps its validation errors with it, and a
 * kilobyte asking for unknown fields makes a hundred of them.
 */
const PARSE_CACHE = { entries: 1024, tokens: 50_000 };

export function parserCaches() {
  const options = { max: PARSE_CACHE.entries, maxSize: PARSE_CACHE.tokens };
  const documentCache = new LRUCache<string, DocumentNode>({ ...options, sizeCalculation: tokenCount });
  // A parse error keeps only the query text: a token per few characters, at most.
  const errorCache = new LRUCache<string, object>({ ...options, sizeCalculation: (_error, query) => Math.max(1, Math.ceil(query.length / 4)) });
  const forgetInvalid: Plugin = {
    onValidate({ params }) {
      return ({ result }) => {
        const query = params.documentAST.loc?.source.body;
        if (result.length > 0 && query !== undefined) documentCache.delete(query);
      };
    },
  };
  return { caches: { documentCache, errorCache }, forgetInvalid };
}
