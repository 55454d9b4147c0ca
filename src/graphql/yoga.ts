// Builds the GraphQL Yoga app (schema, context and plugins in the order they must run), without
// listening: tests call yoga.fetch(), the HTTP handler in front of it serves the network.
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { DEFAULT_CACHE_MAX_AGE_SECONDS, DEFAULT_PERSISTED_QUERY_BYTES } from '../config.js';
import { jsonLogger, type Logger } from '../observability/logger.js';
import { RequestStates } from '../observability/request-state.js';
import { ChangeFeed } from '../services/timeline-changes.js';
import { servedKey, type Revisions } from '../store/revisions.js';
import type { Route } from '../support/route.js';
import { corsFor } from './cors.js';
import { DEFAULT_LIMITS, type Limits } from './limits/limits.js';
import { DEFAULT_JIT, jitPlugin, type JitOptions } from './plugins/execute/jit.js';
import { limitsPlugin } from './plugins/execute/cost-and-guard.js';
import { subscriptionTransportPlugin } from './plugins/execute/subscription-transport.js';
import { metrics } from './plugins/observe/metrics.js';
import { requestLogPlugin } from './plugins/observe/request-log.js';
import { subscriptionsPlugin } from './plugins/observe/subscriptions.js';
import { maskUnexpected } from './plugins/result/mask-unexpected.js';
import { PersistedQueries, persistedQueriesPlugin } from './plugins/params/persisted-queries.js';
import { requestParamsPlugin } from './plugins/params/request-params.js';
import { bodySizePlugin } from './plugins/request/body-size.js';
import { csrfPlugin } from './plugins/request/csrf.js';
import { mediaRefusalsPlugin } from './plugins/request/media-refusals.js';
import { requestErrorsPlugin } from './plugins/request/request-errors.js';
import { routesPlugin } from './plugins/request/routes.js';
import { errorMessagesPlugin } from './plugins/result/error-messages.js';
import { cacheHeadersPlugin } from './plugins/result/cache-headers.js';
import { cacheStorePlugin } from './plugins/result/cache-store.js';
import type { ResponseCache } from './response-cache.js';
import { disableIntrospection } from './plugins/validate/no-introspection.js';
import { knownOperationTypes } from './plugins/validate/operation-rules.js';
import { parserCaches } from './plugins/validate/parser-caches.js';
import { RequestRevisions } from './request-revisions.js';
import { createContext, type Context } from './schema/context.js';
import { schema } from './schema/index.js';
import { DEFAULT_PAGE_SIZE } from './schema/page-args.js';

export type EntenteYoga = YogaServerInstance<Record<string, never>, Context>;

export interface EntenteYogaOptions {
  /** The revisions served: each request reads the current one once. */
  revisions: Revisions;
  /** The swaps of revisions that subscriptions follow (one of its own unless given). */
  changes?: ChangeFeed;
  /** Each request's log state, shared with the HTTP handler in front (its own unless given). */
  requestStates?: RequestStates;
  /** The routes beside GraphQL (exports, files, readiness), mounted before it; /metrics is the app's own. */
  routes?: readonly Route[];
  limits?: Limits;
  /** Origins allowed to call the API from a browser on another origin; none by default (same-origin only). */
  corsOrigins?: readonly string[];
  /** Where request lines and errors go; silent by default (tests), the server passes its own. */
  logger?: Logger;
  introspection?: boolean;
  /** Compiled execution (graphql-jit) of repeated queries (DEFAULT_JIT unless given), or false for none. */
  jit?: JitOptions | false;
  /** Whole answers, with ETags for clients that poll keyed by revision; off when absent. */
  responseCache?: ResponseCache;
  /** Queries known by their SHA-256 (automatic persisted queries); a store of DEFAULT_PERSISTED_QUERY_BYTES unless given. */
  persistedQueries?: PersistedQueries;
  /** Cache-Control max-age of error-free GET answers (DEFAULT_CACHE_MAX_AGE_SECONDS unless given). */
  cacheMaxAgeSeconds?: number;
}

export const GRAPHQL_ENDPOINT = '/graphql';

/** The hashes of automatic persisted queries: shared by Yoga's plugin and the HTTP handler in front of it. */
export function persistedQueryStore(limits: Limits, maxBytes = DEFAULT_PERSISTED_QUERY_BYTES): PersistedQueries {
  return new PersistedQueries({ maxBytes, maxQueryLength: limits.maxQueryLength });
}

export function createEntenteYoga({
  revisions,
  changes = new ChangeFeed(revisions),
  requestStates = new RequestStates(),
  routes = [],
  limits = DEFAULT_LIMITS,
  corsOrigins = [],
  logger = jsonLogger('silent'),
  introspection = true,
  responseCache,
  jit = DEFAULT_JIT,
  persistedQueries = persistedQueryStore(limits),
  cacheMaxAgeSeconds = DEFAULT_CACHE_MAX_AGE_SECONDS,
}: EntenteYogaOptions): EntenteYoga {
  const pins = new RequestRevisions(revisions);
  const measured = metrics();
  const parsing = parserCaches();
  return createYoga<Record<string, never>, Context>({
    schema,
    context: ({ request }) => ({ ...createContext(revisions, pins.of(request), changes), requestState: requestStates.of(request) }),
    parserAndValidationCache: parsing.caches,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    maxRequestBodySize: false, // bodySizePlugin below
    // One operation per request: HTTP batching would multiply every limit by the batch size.
    batching: false,
    // Same-origin only unless origins are configured: no CORS headers, so browsers keep other sites out.
    cors: corsOrigins.length > 0 ? corsFor(corsOrigins) : false,
    healthCheckEndpoint: '/health',
    landingPage: false,
    // GraphiQL is one of the routes the app hands in (src/http/routes/graphiql.ts), not Yoga's.
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
      cacheHeadersPlugin({ graphqlEndpoint: GRAPHQL_ENDPOINT, cors: corsOrigins.length > 0, cacheMaxAgeSeconds, requestStates }),
      mediaRefusalsPlugin(GRAPHQL_ENDPOINT),
      requestLogPlugin(logger, requestStates),
      subscriptionsPlugin(logger, requestStates, measured.registry),
      measured.plugin,
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
      // The routes beside GraphQL (Yoga itself answers /health, before any plugin).
      routesPlugin([measured.route, ...routes]),
      // Before the limits: a subscription that cannot be streamed is not costed, nor started.
      subscriptionTransportPlugin(),
      limitsPlugin(limits, { connection: DEFAULT_PAGE_SIZE }),
      // After the limits: what they refuse is never compiled (nor counted towards compiling).
      ...(jit ? [jitPlugin(jit)] : []),
      errorMessagesPlugin({ hideSuggestions: limits.hideSuggestions }),
      // Last, so that it stores and answers with the result as the plugins above leave it.
      ...(responseCache ? [cacheStorePlugin(responseCache, { servedKeyOf: (request) => servedKey(pins.of(request)), requestStates })] : []),
    ],
  });
}
