// The limits every request is held to, with their defaults; each can be changed through the
// environment (the variable is named in every refusal).

export interface Limits {
  /** Deepest nesting of fields. The deepest example query is 9; a nested timeline with actors' memberships' timelines is 11. */
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Lexical tokens in the query document (names, punctuation, values). */
  maxTokens: number;
  /** Characters in the query string. */
  maxQueryLength: number;
  /** Object fields multiplied by page sizes (see query-analysis.ts). */
  maxCost: number;
  /** Items that connections and sized lists may return in one request, estimated before execution and counted during it. */
  maxNodes: number;
  /** Errors of fields in one request (each costs far more to build and send than data): past them, execution stops. */
  maxErrors: number;
  /**
   * Milliseconds a query may run; checked each time a list is resolved. In-memory execution does
   * not yield to the event loop, so this is also how long one query can hold the server up; it
   * stays well under SHUTDOWN_TIMEOUT_MS so that a query accepted before SIGTERM can finish.
   */
  maxExecutionMs: number;
  /** Events one export (/export/…) may hold; a larger one is refused, to be narrowed by its filter. */
  maxExportEvents: number;
  /**
   * Bytes in a request body; larger bodies are refused with 413 before they are read whole. A
   * query is at most MAX_QUERY_LENGTH and no real request needs large variables, while every
   * byte is parsed, inspected and (for a cache key) serialised again.
   */
  maxBodyBytes: number;
  /** Characters of an answer's JSON, counted on the result before it is serialised. */
  maxResponseBytes: number;
  /** Hide "Did you mean …" in validation errors, so that the schema cannot be guessed field by field. */
  hideSuggestions: boolean;
}

/** Each limit's environment variable and default. */
export const LIMIT_SETTINGS = {
  maxDepth: { env: 'MAX_DEPTH', default: 15 },
  maxAliases: { env: 'MAX_ALIASES', default: 30 },
  maxDirectives: { env: 'MAX_DIRECTIVES', default: 50 },
  maxTokens: { env: 'MAX_TOKENS', default: 1000 },
  maxQueryLength: { env: 'MAX_QUERY_LENGTH', default: 10_000 },
  maxCost: { env: 'MAX_COST', default: 20_000 },
  maxNodes: { env: 'MAX_NODES', default: 10_000 },
  maxErrors: { env: 'MAX_ERRORS', default: 100 },
  maxExecutionMs: { env: 'MAX_EXECUTION_MS', default: 500 },
  maxExportEvents: { env: 'MAX_EXPORT_EVENTS', default: 10_000 },
  maxBodyBytes: { env: 'MAX_BODY_BYTES', default: 131_072 },
  maxResponseBytes: { env: 'MAX_RESPONSE_BYTES', default: 8_388_608 },
} as const satisfies Record<string, { env: string; default: number }>;

export type NumericLimit = keyof typeof LIMIT_SETTINGS;

export const DEFAULT_LIMITS: Limits = {
  ...(Object.fromEntries(Object.entries(LIMIT_SETTINGS).map(([key, setting]) => [key, setting.default])) as Record<NumericLimit, number>),
  hideSuggestions: false,
};
