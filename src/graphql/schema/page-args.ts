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
  const request: PageRequest<Key> = {};
  if (last != null) request.last = checkSize('last', last);
  else if (first != null) request.first = checkSize('first', first);
  // Without a size, page towards the cursor given: the items just before `before`, else the first ones.
  else if (before != null && after == null) request.last = DEFAULT_PAGE_SIZE;
  else request.first = DEFAULT_PAGE_SIZE;
  if (after != null) request.after = decodeCursor(after, 'after');
  if (before != null) request.before = decodeCursor(before, 'before');
  return request;
}
