// The memory store passes the store contract, with its own lookups (answered at once) and with
// the contract's batched lookups, which a backend without its data in memory offers.
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { batchedLookups, type Store } from '../src/store/store.js';
import { describeStore } from './store-conformance.js';

describeStore('memory', { make: (dataset) => new MemoryStore(dataset) });

describeStore('memory, lookups through DataLoaders', {
  make: (dataset) => {
    const store = new MemoryStore(dataset);
    return Object.assign(Object.create(store) as Store, { lookups: () => batchedLookups(store) });
  },
});
