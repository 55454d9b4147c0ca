// Builds the GraphQL Yoga app without listening: tests call app.fetch(), server.ts listens.
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { loadDataset } from './data/load-dataset.js';
import { createContext, type Context } from './schema/context.js';
import { schema } from './schema/index.js';
import { dashboardPlugin, loadDashboard, type StaticFiles } from './server/dashboard.js';
import { loadExamples, type Example } from './server/examples.js';
import { exportsPlugin } from './server/exports.js';
import { limitsPlugin } from './server/limits.js';
import { DEFAULT_LIMITS, type Limits } from './limits/limits.js';
import { DEFAULT_PAGE_SIZE } from './schema/page-args.js';
import { DEFAULT_INTERACTIONS } from './schema/types/dashboard.js';
import { MemoryStore } from './store/memory-store.js';
import type { Store } from './store/store.js';

export type EntenteYoga = YogaServerInstance<Record<string, never>, Context>;

export interface EntenteOptions {
  store: Store;
  /** GraphiQL's opening tabs. */
  examples?: Example[];
  /** The dashboard page's files, served at /. */
  dashboard?: StaticFiles;
  limits?: Limits;
}

export function createEntenteYoga({ store, examples = [], dashboard = new Map(), limits = DEFAULT_LIMITS }: EntenteOptions): EntenteYoga {
  return createYoga<Record<string, never>, Context>({
    schema,
    context: () => createContext(store),
    graphqlEndpoint: '/graphql',
    maxRequestBodySize: limits.maxBodyBytes,
    // One operation per request: HTTP batching would multiply every limit by the batch size.
    batching: false,
    healthCheckEndpoint: '/health',
    landingPage: false,
    // Bundled GraphiQL assets: no CDN, so it works offline.
    renderGraphiQL,
    graphiql: {
      title: 'Entente: diplomatic event timelines',
      defaultTabs: examples.map((example) => ({ query: example.query })),
    },
    plugins: [
      dashboardPlugin(dashboard),
      exportsPlugin(store),
      limitsPlugin(limits, { connection: DEFAULT_PAGE_SIZE, interactions: DEFAULT_INTERACTIONS }),
    ],
  });
}

/** Loads the data, examples and dashboard from disk and builds the app: what the server and the tests use. */
export async function loadEntente(options: { dataDir: string; examplesDir: string; dashboardDir: string; limits?: Limits }) {
  const dataset = await loadDataset(options.dataDir);
  const store = new MemoryStore(dataset);
  const [examples, dashboard] = await Promise.all([loadExamples(options.examplesDir), loadDashboard(options.dashboardDir)]);
  return { dataset, store, yoga: createEntenteYoga({ store, examples, dashboard, ...(options.limits && { limits: options.limits }) }) };
}
