// Builds the GraphQL Yoga app without listening: tests call app.fetch(), server.ts listens.
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { NoSchemaIntrospectionCustomRule, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { createYoga, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { DEFAULT_CACHE_MAX_AGE_SECONDS, DEFAULT_PERSISTED_QUERY_BYTES, DEFAULT_RESPONSE_CACHE_BYTES, DEFAULT_RESPONSE_CACHE_ENTRY_BYTES } from './config.js';
import { loadDataset } from './data/load-dataset.js';
import { createContext, type Context } from './graphql/schema/context.js';
import { schema } from './graphql/schema/index.js';
import { loadDashboard, type DashboardFiles } from './http/routes/dashboard.js';
import { loadExamples, type Example } from './http/routes/examples.js';
import { bodySizePlugin } from './graphql/plugins/request/body-size.js';
import { DEFAULT_JIT, jitPlugin, type JitOptions } from './graphql/plugins/execute/jit.js';
import { requestParamsPlugin } from './graphql/plugins/params/request-params.js';
import { CSRF_HEADER, csrfPlugin } from './graphql/plugins/request/csrf.js';
import { KnownOperationTypesRule, mediaRefusalsPlugin, requestErrorsPlugin } from './graphql/plugins/request/request-errors.js';
import { PersistedQueries, persistedQueriesPlugin } from './graphql/plugins/params/persisted-queries.js';
import { errorMessagesPlugin } from './graphql/plugins/result/error-messages.js';
import { exportsPlugin } from './http/routes/exports.js';
import { createHttpHandler, type NodeListener } from './http/node-handler.js';
import { limitsPlugin } from './graphql/plugins/execute/limits.js';
import { graphiqlFiles, isPageRequest } from './http/routes/graphiql.js';
import { ResponseCache, responseCachePlugins } from './graphql/plugins/result/response-cache.js';
import { staticFilesPlugin } from './http/routes/static-files.js';
import { jsonLogger, maskUnexpected, observabilityPlugin, type Logger } from './observability/observability.js';
import { DEFAULT_LIMITS, type Limits } from './graphql/limits/limits.js';
import { tokenCount } from './graphql/limits/query-analysis.js';
import { DEFAULT_PAGE_SIZE } from './graphql/schema/page-args.js';
import { MemoryStore } from './store/memory/memory-store.js';
import type { Store } from './store/store.js';

export type EntenteYoga = YogaServerInstance<Record<string, never>, Context>;

export interface EntenteOptions {
  store: Store;
  /** GraphiQL's opening tabs. */
  examples?: Example[];
  /** The dashboard page's files, served at /. */
  dashboard?: DashboardFiles;
  limits?: Limits;
  /** Origins allowed to call the API from a browser on another origin; none by default (same-origin only). */
  corsOrigins?: readonly string[];
  /** Where request lines and errors go; silent by default (tests), the server passes its own. */
  logger?: Logger;
  introspection?: boolean;
  graphiql?: boolean;
  /** /ready answers 503 once this returns true (the server sets it on SIGTERM). */
  isShuttingDown?: () => boolean;
  /** Compiled execution (graphql-jit) of repeated queries (DEFAULT_JIT unless given), or false for none. */
  jit?: JitOptions | false;
  /** Whole answers, with ETags for clients that poll (the data never change while the process runs); off when absent. */
  responseCache?: ResponseCache;
  /** Queries known by their SHA-256 (automatic persisted queries); a store of DEFAULT_PERSISTED_QUERY_BYTES unless given. */
  persistedQueries?: PersistedQueries;
  /** Cache-Control max-age of error-free GET answers (DEFAULT_CACHE_MAX_AGE_SECONDS unless given). */
  cacheMaxAgeSeconds?: number;
}


/** Prometheus metrics at /metrics, on a registry of this app's own (never prom-client's global one). */
function metricsPlugin(): Plugin {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // The exact Node version tells an attacker which known bugs to try; monitoring needs it rarely.
  registry.removeSingleMetric('nodejs_version_info');
  return usePrometheus({
    registry,
    endpoint: '/metrics',
    // No label a client chooses: each value is a series kept for ever, so a client could grow the
    // registry (and every scrape) without bound. Out: the operation name, the URL (path, query
    // string and Host header) and an error's path (made of the client's aliases). What is left
    // (method, status, operation type, phase) takes few values.
    labels: { operationName: false, url: false, path: false },
    // Every metric named, since the plugin turns on the ones left out. Off: the deprecated-field
    // counter (no field is deprecated, yet it walks every document with TypeInfo), the request
    // summary (quantiles on every observation; the duration histogram has the same data), and
    // the context, subscribe and schema-change phases (trivial, none, and never).
    metrics: {
      graphql_yoga_http_duration: true,
      graphql_envelop_request: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_error_result: true,
      graphql_envelop_phase_parse: true,
      graphql_envelop_phase_validate: true,
      graphql_envelop_phase_execute: true,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_schema_change: false,
      graphql_envelop_execute_resolver: false,
    },
  });
}

/**
 * Yoga's caches of parsed documents and parse errors, bounded by the lexical tokens of the
 * queries as well as by their number: a parsed document keeps every token (500 bytes or so with
 * its nodes, measured: 25 MB at the bound), so a thousand queries of MAX_TOKENS would hold half
 * a gigabyte. A document that fails validation is not kept at all: Yoga keeps its validation
 * errors with it (a hundred errors, some 270 KB, for a kilobyte asking for unknown fields).
 */
const PARSE_CACHE = { entries: 1024, tokens: 50_000 };

function parserCaches() {
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

const knownOperationTypes: Plugin = {
  onValidate({ addValidationRule }) {
    addValidationRule(KnownOperationTypesRule);
  },
};

const disableIntrospection: Plugin = {
  onValidate({ addValidationRule }) {
    addValidationRule(NoSchemaIntrospectionCustomRule);
  },
};

export { CSRF_HEADER } from './graphql/plugins/request/csrf.js';

const GRAPHQL_ENDPOINT = '/graphql';

/**
 * CORS headers for a configured origin only. Yoga's own rule answers any other origin, when
 * several are configured, with "Access-Control-Allow-Origin: null", which every sandboxed frame
 * (whose origin is "null") may read; and it allows credentials, which this API never uses.
 */
function corsFor(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    return origin !== null && allowed.has(origin) ? { origin, methods: ['GET', 'POST'], allowedHeaders: ['content-type', CSRF_HEADER], credentials: false } : false;
  };
}

/** The hashes of automatic persisted queries: shared by Yoga's plugin and the HTTP handler in front of it. */
function persistedQueryStore(limits: Limits, maxBytes = DEFAULT_PERSISTED_QUERY_BYTES): PersistedQueries {
  return new PersistedQueries({ maxBytes, maxQueryLength: limits.maxQueryLength });
}

/** The Yoga app, and the node:http listener in front of it that answers cache hits (what the server listens with). */
export function createEntente(options: EntenteOptions): { yoga: EntenteYoga; handler: NodeListener } {
  const { responseCache, logger = jsonLogger('silent'), limits = DEFAULT_LIMITS, corsOrigins = [], cacheMaxAgeSeconds = DEFAULT_CACHE_MAX_AGE_SECONDS } = options;
  const persistedQueries = options.persistedQueries ?? persistedQueryStore(limits);
  const yoga = createEntenteYoga({ ...options, persistedQueries });
  return {
    yoga,
    handler: createHttpHandler({ yoga, responseCache, persistedQueries, logger, maxBodyBytes: limits.maxBodyBytes, cors: corsOrigins.length > 0, cacheMaxAgeSeconds }),
  };
}

export function createEntenteYoga({
  store,
  examples = [],
  dashboard = new Map(),
  limits = DEFAULT_LIMITS,
  corsOrigins = [],
  logger = jsonLogger('silent'),
  introspection = true,
  graphiql = true,
  isShuttingDown = () => false,
  responseCache,
  jit = DEFAULT_JIT,
  persistedQueries = persistedQueryStore(limits),
  cacheMaxAgeSeconds = DEFAULT_CACHE_MAX_AGE_SECONDS,
}: EntenteOptions): EntenteYoga {
  const caching = responseCachePlugins(responseCache, { graphqlEndpoint: GRAPHQL_ENDPOINT, cors: corsOrigins.length > 0, cacheMaxAgeSeconds });
  const parsing = parserCaches();
  const graphiqlApp = graphiql ? graphiqlFiles({ title: 'Entente: diplomatic event timelines', defaultTabs: examples.map((example) => ({ query: example.query })) }) : undefined;
  return createYoga<Record<string, never>, Context>({
    schema,
    context: () => createContext(store),
    parserAndValidationCache: parsing.caches,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    maxRequestBodySize: false, // bodySizePlugin below
    // One operation per request: HTTP batching would multiply every limit by the batch size.
    batching: false,
    // Same-origin only unless origins are configured: no CORS headers, so browsers keep other sites out.
    cors: corsOrigins.length > 0 ? corsFor(corsOrigins) : false,
    healthCheckEndpoint: '/health',
    landingPage: false,
    // GraphiQL is served by the plugins below (src/http/routes/graphiql.ts), not by Yoga.
    graphiql: false,
    // Unexpected errors reach clients as "Unexpected error." with the request id; the log has the rest.
    maskedErrors: { maskError: maskUnexpected },
    logging: {
      debug: () => undefined,
      info: () => undefined,
      warn: (...args: unknown[]) => logger.log('warn', { msg: args.map(String).join(' '), source: 'yoga' }),
      error: (...args: unknown[]) => logger.log('error', { msg: args.map(String).join(' '), source: 'yoga' }),
    },
    plugins: [
      // Before the request log, so that the log has the status sent (a 304).
      caching.headers,
      mediaRefusalsPlugin(GRAPHQL_ENDPOINT),
      observabilityPlugin(logger),
      useReadinessCheck({ endpoint: '/ready', check: () => !isShuttingDown() }),
      metricsPlugin(),
      ...(introspection ? [] : [disableIntrospection]),
      // POSTs that browsers send cross-site without a CORS preflight (forms, text/plain) must
      // carry a header that a forged request cannot set; GETs, which only read, need none.
      csrfPlugin(GRAPHQL_ENDPOINT),
      requestParamsPlugin(),
      // Before every plugin that reads the query: a known hash stands for it from here on.
      persistedQueriesPlugin(persistedQueries),
      knownOperationTypes,
      requestErrorsPlugin(),
      parsing.forgetInvalid,
      // After every plugin that sets a request parser, so that it wraps the one chosen.
      bodySizePlugin(limits.maxBodyBytes),
      staticFilesPlugin(dashboard),
      ...(graphiqlApp ? [staticFilesPlugin(graphiqlApp.files), staticFilesPlugin(new Map([[GRAPHQL_ENDPOINT, graphiqlApp.page]]), isPageRequest)] : []),
      exportsPlugin(store, logger, limits.maxExportEvents),
      limitsPlugin(limits, { connection: DEFAULT_PAGE_SIZE }),
      // After the limits: what they refuse is never compiled (nor counted towards compiling).
      ...(jit ? [jitPlugin(jit)] : []),
      errorMessagesPlugin({ hideSuggestions: limits.hideSuggestions }),
      // Last, so that it stores and answers with the result as the plugins above leave it.
      caching.store,
    ],
  });
}

/** Loads the data, examples and dashboard from disk and builds the app: what the server and the tests use. */
export async function loadEntente(
  options: { dataDir: string; examplesDir: string; dashboardDir: string; responseCacheBytes?: number; responseCacheEntryBytes?: number; persistedQueryBytes?: number } & Omit<
    EntenteOptions,
    'store' | 'examples' | 'dashboard' | 'responseCache' | 'persistedQueries'
  >,
) {
  const {
    dataDir,
    examplesDir,
    dashboardDir,
    responseCacheBytes = DEFAULT_RESPONSE_CACHE_BYTES,
    responseCacheEntryBytes = DEFAULT_RESPONSE_CACHE_ENTRY_BYTES,
    persistedQueryBytes = DEFAULT_PERSISTED_QUERY_BYTES,
    ...settings
  } = options;
  const persistedQueries = persistedQueryStore(settings.limits ?? DEFAULT_LIMITS, persistedQueryBytes);
  const dataset = await loadDataset(dataDir);
  const store = new MemoryStore(dataset);
  const [examples, dashboard] = await Promise.all([loadExamples(examplesDir), loadDashboard(dashboardDir)]);
  const responseCache = responseCacheBytes > 0 ? new ResponseCache(dataset.version, { maxBytes: responseCacheBytes, maxEntryBytes: responseCacheEntryBytes }) : undefined;
  return { dataset, store, responseCache, ...createEntente({ ...settings, store, examples, dashboard, responseCache, persistedQueries }) };
}
