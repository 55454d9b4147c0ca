// Search arguments: capped in length, and folded into words once per distinct text (not once
// per field that uses it: thirty aliases sharing one variable fold it once).
import { BoundedMemo } from '../../support/bounded-memo.js';
import { searchWords } from '../../domain/text.js';
import { badUserInput } from './errors.js';

/** Characters a search may have: enough for any phrase, not for a document. */
export const MAX_SEARCH_LENGTH = 200;

const folded = new BoundedMemo<string, readonly string[]>(1000);

/** The words of a search argument; a BAD_USER_INPUT error naming `argument` when it is too long. */
export function searchArgument(search: string | null | undefined, argument: string): readonly string[] {
  if (!search) return [];
  if (search.length > MAX_SEARCH_LENGTH) {
    throw badUserInput(`"${argument}" is ${search.length} characters long; the limit is ${MAX_SEARCH_LENGTH}`, {
      argument,
      actual: search.length,
      max: MAX_SEARCH_LENGTH,
    });
  }
  return folded.get(search, searchWords);
}
