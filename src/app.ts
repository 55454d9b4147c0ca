// Wires the service together: the data and their revisions, the GraphQL app, the HTTP handler in
// front of it, and (for the server) the watcher that reloads the data when their files change.
import { DEFAULT_CACHE_MAX_AGE_SECONDS, DEFAULT_PERSISTED_QUERY_BYTES, DEFAULT_RESPONSE_CACHE_BYTES, DEFAULT_RESPONSE_CACHE_ENTRY_BYTES } from './config.js';
import { loadDataset } from './data/load-dataset.js';
import { DEFAULT_LIMITS } from './graphql/limits/limits.js';
import { ResponseCache } from './graphql/response-cache.js';
import { createEntenteYoga as createYogaApp, GRAPHQL_ENDPOINT, persistedQueryStore, type EntenteYoga, type EntenteYogaOptions } from './graphql/yoga.js';
import { createHttpHandler, type EntenteHandler } from './http/node-handler.js';
import { loadDashboard, type DashboardFiles } from './http/routes/dashboard.js';
import { loadExamples, type Example } from './http/routes/examples.js';
import { exportRoutes } from './http/routes/exports.js';
import { graphiqlFiles, isPageRequest } from './http/routes/graphiql.js';
import { readinessRoute } from './http/routes/probes.js';
import { fileRoutes } from './http/routes/static-files.js';
import { jsonLogger } from './observability/logger.js';
import { RequestStates } from './observability/request-state.js';
import { watchDataDir, type DataWatcher } from './services/data-reload.js';
import { ChangeFeed } from './services/timeline-changes.js';
import { MemoryStore } from './store/memory/memory-store.js';
import { Revisions, servedKey } from './store/revisions.js';
import type { Store } from './store/store.js';

export { CSRF_HEADER } from './graphql/plugins/request/csrf.js';
export type { EntenteYoga } from './graphql/yoga.js';

/** What the routes beside GraphQL serve. */
interface RouteOptions {
  /** GraphiQL's opening tabs. */
  examples?: Example[];
  /** The dashboard page's files, served at /. */
  dashboard?: DashboardFiles;
  /** Whether GraphiQL is served at /graphql to browsers. */
  graphiql?: boolean;
  /** /ready answers 503 once this returns true (the server sets it on SIGTERM). */
  isShuttingDown?: () => boolean;
}

/** The app over a fixed store (tests), or over revisions that change (the server). */
export type EntenteOptions = Omit<EntenteYogaOptions, 'revisions' | 'routes'> &
  RouteOptions &
  ({ store: Store; revisions?: undefined } | { revisions: Revisions; store?: undefined });

/** The Yoga app with the routes beside GraphQL mounted in it. */
function composeYoga(options: EntenteOptions, revisions: Revisions): EntenteYoga {
  const {
    examples = [],
    dashboard = new Map(),
    graphiql = true,
    isShuttingDown = () => false,
    logger = jsonLogger('silent'),
    limits = DEFAULT_LIMITS,
  } = options;
  const requestStates = options.requestStates ?? new RequestStates();
  const graphiqlApp = graphiql
    ? graphiqlFiles({ title: 'Entente: diplomatic event timelines', defaultTabs: examples.map((example) => ({ query: example.query })) })
    : undefined;
  const routes = [
    readinessRoute(isShuttingDown),
    ...fileRoutes(dashboard),
    ...(graphiqlApp ? [...fileRoutes(graphiqlApp.files), ...fileRoutes(new Map([[GRAPHQL_ENDPOINT, graphiqlApp.page]]), isPageRequest)] : []),
    ...exportRoutes(revisions, logger, requestStates, limits.maxExportEvents),
  ];
  return createYogaApp({ ...options, revisions, requestStates, routes });
}

/** The Yoga app alone (tests that need no HTTP handler). */
export function createEntenteYoga(options: EntenteOptions): EntenteYoga {
  return composeYoga(options, options.revisions ?? new Revisions(options.store));
}

/** The Yoga app, and the node:http listener in front of it that answers cache hits (what the server listens with). */
export function createEntente(options: EntenteOptions): { yoga: EntenteYoga; handler: EntenteHandler; revisions: Revisions; changes: ChangeFeed } {
  const {
    responseCache,
    logger = jsonLogger('silent'),
    limits = DEFAULT_LIMITS,
    corsOrigins = [],
    cacheMaxAgeSeconds = DEFAULT_CACHE_MAX_AGE_SECONDS,
  } = options;
  const revisions = options.revisions ?? new Revisions(options.store);
  const persistedQueries = options.persistedQueries ?? persistedQueryStore(limits);
  // Answers of a revision no longer served are never asked for again (their keys name it).
  if (responseCache) revisions.onChange(() => responseCache.clear());
  const changes = options.changes ?? new ChangeFeed(revisions);
  const yoga = composeYoga({ ...options, changes, persistedQueries }, revisions);
  const served = () => servedKey(revisions.current());
  return {
    yoga,
    revisions,
    changes,
    handler: createHttpHandler({
      yoga,
      responseCache,
      servedKey: served,
      persistedQueries,
      logger,
      maxBodyBytes: limits.maxBodyBytes,
      cors: corsOrigins.length > 0,
      cacheMaxAgeSeconds,
    }),
  };
}

/** Loads the data, examples and dashboard from disk and builds the app: what the server and the tests use. */
export async function loadEntente(
  options: {
    dataDir: string;
    examplesDir: string;
    dashboardDir: string;
    responseCacheBytes?: number;
    responseCacheEntryBytes?: number;
    persistedQueryBytes?: number;
    /** Reloads the data when a file under dataDir changes (the server); off by default. */
    watchData?: { debounceMs: number };
  } & Omit<EntenteOptions, 'store' | 'revisions' | 'examples' | 'dashboard' | 'responseCache' | 'persistedQueries'>,
) {
  const {
    dataDir,
    examplesDir,
    dashboardDir,
    responseCacheBytes = DEFAULT_RESPONSE_CACHE_BYTES,
    responseCacheEntryBytes = DEFAULT_RESPONSE_CACHE_ENTRY_BYTES,
    persistedQueryBytes = DEFAULT_PERSISTED_QUERY_BYTES,
    watchData,
    ...settings
  } = options;
  const persistedQueries = persistedQueryStore(settings.limits ?? DEFAULT_LIMITS, persistedQueryBytes);
  const dataset = await loadDataset(dataDir);
  const store = new MemoryStore(dataset);
  const revisions = new Revisions(store);
  const [examples, dashboard] = await Promise.all([loadExamples(examplesDir), loadDashboard(dashboardDir)]);
  const responseCache = responseCacheBytes > 0 ? new ResponseCache({ maxBytes: responseCacheBytes, maxEntryBytes: responseCacheEntryBytes }) : undefined;
  const app = createEntente({ ...settings, revisions, examples, dashboard, responseCache, persistedQueries });
  const logger = settings.logger ?? jsonLogger('silent');
  const watcher: DataWatcher | undefined = watchData ? await watchDataDir({ dataDir, revisions, logger, debounceMs: watchData.debounceMs }) : undefined;
  return { dataset, store, responseCache, watcher, ...app };
}
