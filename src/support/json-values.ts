// Request values (variables, extensions) as the server inspects them: whether they nest too
// deeply, whether JSON holds them exactly, and their JSON for cache keys. One walk per value,
// remembered with it: the same object reaches the request parameters plugin, the response cache
// and the cost memo, and a megabyte of variables was walked five times (half a second).
//
// Exactly: JSON.stringify writes Infinity (what a body's 1e400 parses to) as null, so two
// requests that Yoga answers differently would share a key. Such values get no key, and their
// requests are never answered from a memo.

/** The deepest nesting of objects and arrays in `variables` or `extensions`; no input type comes close. */
export const MAX_VARIABLE_DEPTH = 32;

interface Inspection {
  tooDeep: boolean;
  exact: boolean;
  /** Its JSON, once asked for. */
  json?: string;
}

const inspections = new WeakMap<object, Inspection>();

/**
 * Walks a value, recursing no deeper than MAX_VARIABLE_DEPTH + 1 (so ten thousand levels, which
 * fit in 20 KB, cannot overflow the stack) and allocating nothing per item.
 */
function inspect(value: object): Inspection {
  const known = inspections.get(value);
  if (known) return known;
  const inspection = { tooDeep: false, exact: true };
  const visit = (item: unknown, depth: number): void => {
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) inspection.exact = false;
    } else if (typeof item === 'object' && item !== null) {
      if (depth > MAX_VARIABLE_DEPTH) {
        inspection.tooDeep = true;
        return;
      }
      if (Array.isArray(item)) {
        for (let i = 0; i < item.length && !inspection.tooDeep; i++) visit(item[i], depth + 1);
      } else {
        for (const key in item) {
          if (inspection.tooDeep) return;
          visit((item as Record<string, unknown>)[key], depth + 1);
        }
      }
    }
  };
  visit(value, 1);
  inspections.set(value, inspection);
  return inspection;
}

/** Whether objects and arrays in the value nest more than MAX_VARIABLE_DEPTH deep. */
export function nestedTooDeep(value: unknown): boolean {
  return typeof value === 'object' && value !== null && inspect(value).tooDeep;
}

/** The value as JSON, or undefined when JSON cannot hold it exactly (a non-finite number) or it nests too deeply. */
export function exactJson(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return typeof value === 'number' && !Number.isFinite(value) ? undefined : JSON.stringify(value);
  const inspection = inspect(value);
  if (!inspection.exact || inspection.tooDeep) return undefined;
  return (inspection.json ??= JSON.stringify(value));
}
