// Peer: Entente's own Pothos schema and store, served by Mercurius on Fastify 5, with
// graphql-jit compiling each query after its first run (jit: 1).
import { ChangeFeed } from '../../src/services/timeline-changes.js';
import { Revisions } from '../../src/store/revisions.js';
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { loadDataset } from '../../src/data/load-dataset.js';
import { createContext } from '../../src/graphql/schema/context.js';
import { schema } from '../../src/graphql/schema/index.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { announce, dataDir, host, port } from './shared.js';

const store = new MemoryStore(await loadDataset(dataDir()));
const revisions = new Revisions(store);
const changes = new ChangeFeed(revisions);
const app = Fastify({ logger: false });
await app.register(mercurius, {
  schema,
  path: '/graphql',
  graphiql: false,
  jit: 1,
  // A fresh context per request, as Entente makes one: it holds the request's DataLoaders.
  context: () => createContext(revisions, revisions.current(), changes),
});
await app.listen({ port: port(), host: host() });
const address = app.server.address();
announce('mercurius', typeof address === 'object' && address ? address.port : port());
process.on('SIGTERM', () => process.exit(0));
