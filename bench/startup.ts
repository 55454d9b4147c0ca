// Start-up cost at a data size: load and validate the files, build the store's indexes, and the
// heap that stays live afterwards, per event. Run with --expose-gc so that the heap is measured
// after a full collection:
//
//   node --expose-gc --import tsx bench/startup.ts bench/data/1m
import { loadDataset } from '../src/data/load-dataset.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node --expose-gc --import tsx bench/startup.ts DATA_DIR');
if (!globalThis.gc) throw new Error('run node with --expose-gc');
globalThis.gc();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const dataset = await loadDataset(dir);
const loaded = performance.now();
const store = new MemoryStore(dataset);
const indexed = performance.now();
globalThis.gc();
const heap = process.memoryUsage().heapUsed - heapBefore;
const result = {
  events: dataset.events.length,
  loadMs: Math.round(loaded - started),
  indexMs: Math.round(indexed - loaded),
  startupMs: Math.round(indexed - started),
  heapMB: Math.round(heap / 1e6),
  heapBytesPerEvent: Math.round(heap / dataset.events.length),
};
console.log(JSON.stringify(result));
// Keep the store alive until the heap is measured.
if (store.constructor.name === '') console.log('');
