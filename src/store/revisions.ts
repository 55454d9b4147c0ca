// The revision being served, and the change from one to the next. A request reads the current
// store once, when its context is made, so that it sees one revision from start to end; a swap
// only affects the requests that start after it.
import type { Store } from './store.js';

export interface Served {
  store: Store;
  /** When this revision began to be served (epoch milliseconds). */
  servedSince: number;
}

/** A revision replaced by the next: what subscribers and caches are told. */
export interface RevisionChange {
  previous: Served;
  current: Served;
}

/**
 * What a cached answer is about: the revision, and when it began to be served. A revision names
 * its data (the same files, the same revision, so an undone edit brings its name back), but an
 * answer can also say when it was served (Query.dataset.servedSince): an ETag from before must not
 * match after the revision is served again.
 */
export function servedKey(served: Served): string {
  return `${served.store.revision}@${served.servedSince}`;
}

export class Revisions {
  private served: Served;
  private readonly listeners = new Set<(change: RevisionChange) => void>();

  constructor(initial: Store, now: () => number = Date.now) {
    this.now = now;
    this.served = { store: initial, servedSince: now() };
  }

  private readonly now: () => number;

  current(): Served {
    return this.served;
  }

  /** Serves `next` from now on and tells every listener; a store of the same revision changes nothing. */
  swap(next: Store): RevisionChange | undefined {
    if (next.revision === this.served.store.revision) return undefined;
    const change = { previous: this.served, current: { store: next, servedSince: this.now() } };
    this.served = change.current;
    for (const listener of this.listeners) listener(change);
    return change;
  }

  /** Calls `listener` after each swap; returns the function that stops it. */
  onChange(listener: (change: RevisionChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
