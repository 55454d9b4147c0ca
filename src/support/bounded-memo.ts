// Results of pure computations on immutable data, remembered up to a bound: when full, the memo
// is cleared and fills again with what is asked for next, so memory stays bounded however much
// of the data is walked, without the bookkeeping of an LRU.
export class BoundedMemo<K, V> {
  private readonly values = new Map<K, V>();

  constructor(private readonly max: number) {}

  /** The value remembered for `key`, computed and remembered if there is none. */
  get(key: K, compute: (key: K) => V): V {
    let value = this.values.get(key);
    if (value === undefined) {
      if (this.values.size >= this.max) this.values.clear();
      value = compute(key);
      this.values.set(key, value);
    }
    return value;
  }
}
