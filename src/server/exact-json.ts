// Cache keys from request values. JSON.stringify writes Infinity (what a body's 1e400 parses
// to) as null, so two requests that Yoga answers differently would share a key: such values
// get no key, and their requests are never answered from a memo.

/** The value as JSON, or undefined when JSON cannot hold it exactly (a non-finite number). */
export function exactJson(value: unknown): string | undefined {
  let exact = true;
  const json = JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'number' && !Number.isFinite(item)) exact = false;
    return item;
  });
  return exact ? json : undefined;
}
