// The size of an answer before it is serialised. Execution shares strings (thirty aliases of a
// source's text are thirty references to one string), so a result tree of a few megabytes can
// serialise to hundreds: the size is counted on the tree, which costs far less than building the
// JSON, and stops as soon as it passes the limit.

/**
 * The length the JSON of `value` would have (strings as their length plus quotes, numbers at
 * most 24 characters), or, once it passes `max`, the count so far: it is then more than `max`.
 */
export function jsonLengthUpTo(value: unknown, max: number): number {
  let length = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && length <= max) {
    const item = pending.pop();
    if (typeof item === 'string') length += item.length + 2;
    else if (typeof item === 'number') length += 24;
    else if (item === null || typeof item !== 'object') length += 5;
    else if (Array.isArray(item)) {
      length += 1 + item.length;
      for (const element of item) pending.push(element);
    } else {
      for (const [key, child] of Object.entries(item)) {
        if (child === undefined) continue;
        length += key.length + 4;
        pending.push(child);
      }
      length += 1;
    }
  }
  return length;
}
