// Keyset paging over a sorted list in memory.
import { searchSorted } from '../../support/search-sorted.js';
import type { Page, PageRequest } from '../paging.js';

/**
 * Cuts one page out of `sorted` (ordered by `compareToKey`): after/before bound the range,
 * then `first` keeps its head or `last` its tail.
 */
export function paginate<T, Key>(sorted: readonly T[], compareToKey: (item: T, key: Key) => number, request: PageRequest<Key>): Page<T> {
  const { after, before, first, last } = request;
  // `all` is neither first nor last: the whole range between the cursors.
  let lo = after === undefined ? 0 : searchSorted(sorted, (item) => compareToKey(item, after), true);
  let hi =
    before === undefined
      ? sorted.length
      : Math.max(
          lo,
          searchSorted(sorted, (item) => compareToKey(item, before)),
        );
  if (first !== undefined) hi = Math.min(hi, lo + first);
  else if (last !== undefined) lo = Math.max(lo, hi - last);
  return {
    items: sorted.slice(lo, hi),
    totalCount: sorted.length,
    hasPreviousPage: lo > 0,
    hasNextPage: hi < sorted.length,
  };
}
