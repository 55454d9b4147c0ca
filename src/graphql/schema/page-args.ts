import type { PageRequest } from '../../store/paging.js';
import { badUserInput } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

function checkSize(argument: 'first' | 'last', value: number): number {
  if (value < 1 || value > MAX_PAGE_SIZE) {
    throw badUserInput(`"${argument}" must be between 1 and ${MAX_PAGE_SIZE} (got ${value}); page with "after" and "before" for more`, {
      argument,
      min: 1,
      max: MAX_PAGE_SIZE,
    });
  }
  return value;
}

/** Validates Relay connection arguments; `decodeCursor` turns a cursor into a sort key. */
export function pageRequest<Key>(args: ConnectionArgs, decodeCursor: (cursor: string, argument: string) => Key): PageRequest<Key> {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw badUserInput('Pass "first" or "last", not both', { argument: 'last' });
  // Without a size, page towards the cursor given: the items just before `before`, else the first ones.
  const size =
    last != null
      ? { last: checkSize('last', last) }
      : first != null
        ? { first: checkSize('first', first) }
        : before != null && after == null
          ? { last: DEFAULT_PAGE_SIZE }
          : { first: DEFAULT_PAGE_SIZE };
  return {
    ...size,
    ...(after != null && { after: decodeCursor(after, 'after') }),
    ...(before != null && { before: decodeCursor(before, 'before') }),
  };
}
