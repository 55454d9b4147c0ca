import { searchSorted } from '../../support/search-sorted.js';

interface Interval {
  time: { startMs: number; endMs: number };
}

interface DurationClass<T> {
  /** Longest duration in this class. */
  maxDuration: number;
  /** Items sorted by start. */
  items: T[];
}

/**
 * Finds the half-open intervals that overlap a window without scanning them all.
 * Intervals are grouped by duration (powers of two), each group sorted by start: an interval
 * of a group can only overlap [from, to) if it starts in (from - maxDuration, to), a range
 * two binary searches find. A long event that started well before the window is still found,
 * and short events far before the window are never visited.
 */
export class IntervalIndex<T extends Interval> {
  private readonly classes: DurationClass<T>[];

  constructor(items: readonly T[]) {
    const byClass = new Map<number, T[]>();
    for (const item of items) {
      const duration = item.time.endMs - item.time.startMs;
      const key = Math.floor(Math.log2(Math.max(duration, 1)));
      const group = byClass.get(key);
      if (group) group.push(item);
      else byClass.set(key, [item]);
    }
    this.classes = [...byClass.values()].map((group) => ({
      items: group.sort((a, b) => a.time.startMs - b.time.startMs),
      // A loop, not Math.max(...spread): a spread of a million arguments overflows the stack.
      maxDuration: group.reduce((max, item) => Math.max(max, item.time.endMs - item.time.startMs), 0),
    }));
  }

  /** Every interval with start < to and end > from, in no particular order. */
  overlapping(from: number, to: number): T[] {
    const found: T[] = [];
    for (const { items, maxDuration } of this.classes) {
      const earliest = from - maxDuration;
      const lo = searchSorted(items, (item) => item.time.startMs - earliest, true);
      const hi = searchSorted(items, (item) => item.time.startMs - to);
      for (let i = lo; i < hi; i++) {
        const item = items[i] as T;
        if (item.time.endMs > from) found.push(item);
      }
    }
    return found;
  }
}
