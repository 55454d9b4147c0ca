// Search text from clients: capped in length, and folded into words once per distinct text (not
// once per field that uses it: thirty aliases sharing one variable fold it once).
import { searchWords } from '../domain/text.js';
import { BoundedMemo } from '../support/bounded-memo.js';
import { InputError } from '../support/input-error.js';

/** Characters a search may have: enough for any phrase, not for a document. */
export const MAX_SEARCH_LENGTH = 200;

const folded = new BoundedMemo<string, readonly string[]>(1000);

/**
 * The folded words of a search. Over the cap it throws an InputError that names the field as the
 * caller's client wrote it (`name`), with the caller's `extensions` (which say where it was).
 */
export function searchWordsOf(search: string | null | undefined, name: string, extensions: Record<string, unknown>): readonly string[] {
  if (!search) return [];
  if (search.length > MAX_SEARCH_LENGTH) {
    throw new InputError(`"${name}" is ${search.length} characters long; the limit is ${MAX_SEARCH_LENGTH}`, {
      ...extensions,
      actual: search.length,
      max: MAX_SEARCH_LENGTH,
    });
  }
  return folded.get(search, searchWords);
}
