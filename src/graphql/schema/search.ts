// Search arguments, as services/search.ts caps and folds them.
import { MAX_SEARCH_LENGTH, searchWordsOf } from '../../services/search.js';
import { asGraphQLError } from './errors.js';

export { MAX_SEARCH_LENGTH };

/** The words of a search argument; a BAD_USER_INPUT error naming `argument` when it is too long. */
export function searchArgument(search: string | null | undefined, argument: string): readonly string[] {
  try {
    return searchWordsOf(search, argument, { argument });
  } catch (error) {
    throw asGraphQLError(error);
  }
}
