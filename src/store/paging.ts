// Keyset paging over a sorted list: cursors carry sort keys, not offsets, so a cursor
// stays valid (and means the same place) when items are added before it.

export interface PageRequest<Key> {
  first?: number;
  last?: number;
  /** Items strictly after this key. */
  after?: Key;
  /** Items strictly before this key. */
  before?: Key;
}

export interface Page<T> {
  items: T[];
  /** Items matching the query, all pages together. */
  totalCount: number;
  /** Whether matching items exist before the first returned item. */
  hasPreviousPage: boolean;
  /** Whether matching items exist after the last returned item. */
  hasNextPage: boolean;
}

/** Index of the first item for which `compare(item) >= 0` (or `> 0` when `strict`), in a list sorted by the same order. */
export function searchSorted<T>(sorted: readonly T[], compare: (item: T) => number, strict = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compare(sorted[mid] as T);
    if (c < 0 || (strict && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Cuts one page out of `sorted` (ordered by `compareToKey`): after/before bound the range,
 * then `first` keeps its head or `last` its tail.
 */
export function paginate<T, Key>(
  sorted: readonly T[],
  compareToKey: (item: T, key: Key) => number,
  request: PageRequest<Key>,
): Page<T> {
  const { after, before, first, last } = request;
  let lo = after === undefined ? 0 : searchSorted(sorted, (item) => compareToKey(item, after), true);
  let hi = before === undefined ? sorted.length : Math.max(lo, searchSorted(sorted, (item) => compareToKey(item, before)));
  if (first !== undefined) hi = Math.min(hi, lo + first);
  else if (last !== undefined) lo = Math.max(lo, hi - last);
  return {
    items: sorted.slice(lo, hi),
    totalCount: sorted.length,
    hasPreviousPage: lo > 0,
    hasNextPage: hi < sorted.length,
  };
}
