// Word-anchored, case- and accent-insensitive search, for events and actors alike:
// each search word must begin a word of the text ("veto" finds "vetoing", "un" finds
// "UN" and "unanswered" but not "Brunei").

const WORD = /[\p{L}\p{N}]+/gu;

/** Lowercases and strips diacritics, so that "Lavrov", "LAVROV" and "Lavróv" compare equal. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Prepares a text for searching: its folded words, each preceded by a space. */
export function searchableText(text: string): string {
  return ` ${(fold(text).match(WORD) ?? []).join(' ')}`;
}

/** The folded words of a search string; empty when it has none. */
export function searchWords(search: string | null | undefined): string[] {
  return search ? (fold(search).match(WORD) ?? []) : [];
}

/** True when every word begins some word of the (prepared) text. */
export function containsAllWords(searchable: string, words: readonly string[]): boolean {
  return words.every((word) => searchable.includes(` ${word}`));
}
