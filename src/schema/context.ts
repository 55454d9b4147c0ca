import { initContextCache } from '@pothos/core';
import type { NodeBudget } from '../limits/node-budget.js';
import type { Store } from '../store/store.js';

/** Per-request context. Pothos keeps each request's DataLoaders in the context cache. */
export interface Context {
  store: Store;
  /** Objects returned by list fields so far, against MAX_NODES. */
  nodeBudget?: NodeBudget;
}

export function createContext(store: Store, maxNodes?: number): Context {
  return { ...initContextCache(), store, ...(maxNodes !== undefined && { nodeBudget: { used: 0, limit: maxNodes } }) };
}
