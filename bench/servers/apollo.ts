// Peer: Entente's own Pothos schema and store, served by Apollo Server 5's standalone server
// (node:http underneath) with its defaults; NODE_ENV=production as for every server.
import { ChangeFeed } from '../../src/services/timeline-changes.js';
import { Revisions } from '../../src/store/revisions.js';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { loadDataset } from '../../src/data/load-dataset.js';
import { createContext, type Context } from '../../src/graphql/schema/context.js';
import { schema } from '../../src/graphql/schema/index.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { announce, dataDir, host, port } from './shared.js';

const store = new MemoryStore(await loadDataset(dataDir()));
const revisions = new Revisions(store);
const changes = new ChangeFeed(revisions);
const apollo = new ApolloServer<Context>({ schema });
const { url } = await startStandaloneServer(apollo, {
  listen: { port: port(), host: host() },
  // A fresh context per request, as Entente makes one: it holds the request's DataLoaders.
  context: async () => createContext(revisions, revisions.current(), changes),
});
announce('apollo', Number(new URL(url).port));
process.on('SIGTERM', () => process.exit(0));
