import { initContextCache } from '@pothos/core';
import type { Revisions, Served } from '../../store/revisions.js';
import type { RequestState } from '../../observability/request-state.js';
import type { ChangeFeed } from '../../services/timeline-changes.js';
import type { Lookups, Store } from '../../store/store.js';
import type { ExecutionGuard } from '../limits/execution-guard.js';

/**
 * Per-request state, typed here rather than kept in module-level maps. Pothos keeps each
 * request's DataLoaders in the context cache.
 */
export interface Context {
  /** The revision this request reads from start to end. */
  store: Store;
  /** When that revision began to be served. */
  servedSince: number;
  /** The request's lookups by id, through which every reference resolves. */
  lookups: Lookups;
  /** The revisions, for subscriptions, which outlive the revision they start on. */
  revisions: Revisions;
  /** The swaps of revisions, which subscriptions follow. */
  changes: ChangeFeed;
  /** The HTTP request, as Yoga adds it: its signal aborts when the client goes away. */
  request?: Request;
  /** What the request's log line says (its id, operation and cost). */
  requestState?: RequestState;
  /** The limits on this execution (nodes, errors, time), set by the limits plugin. */
  guard?: ExecutionGuard;
}

/** A request's context: the current revision, read once. */
export function createContext(revisions: Revisions, served: Served, changes: ChangeFeed): Context {
  const { store, servedSince } = served;
  return { ...initContextCache(), store, servedSince, lookups: store.lookups(), revisions, changes };
}
