// Case- and accent-insensitive matching of search words, for events and actors alike.

/** Lowercases and strips diacritics, so that "Lavrov", "LAVROV" and "Lavróv" compare equal. */
export function normalizeText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The words of a search string; empty when it has none. */
export function searchWords(search: string | null | undefined): string[] {
  return search ? normalizeText(search).split(/\s+/u).filter(Boolean) : [];
}

/** True when every word occurs in the (already normalised) haystack. */
export function containsAllWords(haystack: string, words: readonly string[]): boolean {
  return words.every((word) => haystack.includes(word));
}
