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
