// Builds the GraphQL Yoga app without listening: tests call app.fetch(), server.ts listens.
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { loadDataset } from './data/load-dataset.js';
import { createContext, type Context } from './schema/context.js';
import { schema } from './schema/index.js';
import { loadExamples, type Example } from './server/examples.js';
import { exportsPlugin } from './server/exports.js';
import { MemoryStore } from './store/memory-store.js';
import type { Store } from './store/store.js';

export type EntenteYoga = YogaServerInstance<Record<string, never>, Context>;

export interface EntenteOptions {
  store: Store;
  /** GraphiQL's opening tabs. */
  examples?: Example[];
}

/** Sends visitors of the bare host to GraphiQL. */
const redirectRootToGraphiQL: Plugin = {
  onRequest({ url, endResponse, fetchAPI }) {
    if (url.pathname === '/') endResponse(new fetchAPI.Response(null, { status: 302, headers: { location: '/graphql' } }));
  },
};

export function createEntenteYoga({ store, examples = [] }: EntenteOptions): EntenteYoga {
  return createYoga<Record<string, never>, Context>({
    schema,
    context: () => createContext(store),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    // Bundled GraphiQL assets: no CDN, so it works offline.
    renderGraphiQL,
    graphiql: {
      title: 'Entente: diplomatic event timelines',
      defaultTabs: examples.map((example) => ({ query: example.query })),
    },
    plugins: [redirectRootToGraphiQL, exportsPlugin(store)],
  });
}

/** Loads the data and examples from disk and builds the app: what the server and the tests use. */
export async function loadEntente(options: { dataDir: string; examplesDir: string }) {
  const dataset = await loadDataset(options.dataDir);
  const store = new MemoryStore(dataset);
  const examples = await loadExamples(options.examplesDir);
  return { dataset, store, yoga: createEntenteYoga({ store, examples }) };
}
