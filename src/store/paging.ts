// Keyset pages, as every store serves them: cursors carry sort keys, not offsets, so a cursor
// stays valid (and means the same place) when items are added before it.

/** A page: `first` items after `after`, or `last` items before `before`; or every item in range, when that is what is meant. */
export type PageRequest<Key> = PageRange<Key> &
  (
    | { first: number; last?: undefined; all?: undefined }
    | { last: number; first?: undefined; all?: undefined }
    | { all: true; first?: undefined; last?: undefined }
  );

export interface PageRange<Key> {
  /** Items strictly after this key. */
  after?: Key;
  /** Items strictly before this key. */
  before?: Key;
}

/** Every item, in order: for aggregates and exports that need the whole list, said so. */
export const ALL: { all: true } = { all: true };

export interface Page<T> {
  items: T[];
  /** Items matching the query, all pages together. */
  totalCount: number;
  /** Whether matching items exist before the first returned item. */
  hasPreviousPage: boolean;
  /** Whether matching items exist after the last returned item. */
  hasNextPage: boolean;
}
