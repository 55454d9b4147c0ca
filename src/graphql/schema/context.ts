import { initContextCache } from '@pothos/core';
import type { Store } from '../../store/store.js';

/** Per-request context. Pothos keeps each request's DataLoaders in the context cache. */
export interface Context {
  store: Store;
}

export function createContext(store: Store): Context {
  return { ...initContextCache(), store };
}
