// Case- and accent-insensitive search by word, for events and actors alike. A search word
// matches a word of the text that begins with it ("veto" finds "vetoing", "un" finds "UN" and
// "unanswered" but not "Brunei"), or that has the same stem, so that a word finds its
// inflections ("vetoed" finds "veto", "vetoes" and "vetoing"). Stems are Porter's English
// stemmer (the `stemmer` package), applied to folded words.
import { stemmer } from 'stemmer';
import type { TimelineEvent } from './model.js';

const WORD = /[\p{L}\p{N}]+/gu;

/** Lowercases and strips diacritics, so that "Lavrov", "LAVROV" and "Lavróv" compare equal. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The stem a folded word is matched by. */
export function stemOf(word: string): string {
  return stemmer(word);
}

/** A text prepared for searching by scan: its folded words, and their stems. */
export interface SearchableText {
  words: readonly string[];
  stems: ReadonlySet<string>;
}

export function searchableText(text: string): SearchableText {
  const words = fold(text).match(WORD) ?? [];
  return { words, stems: new Set(words.map(stemOf)) };
}

/** The folded words of a search string; empty when it has none. */
export function searchWords(search: string | null | undefined): string[] {
  return search ? (fold(search).match(WORD) ?? []) : [];
}

/** True when every search word begins a word of the text or shares a word's stem. */
export function containsAllWords(text: SearchableText, words: readonly string[]): boolean {
  return words.every((word) => text.stems.has(stemOf(word)) || text.words.some((textWord) => textWord.startsWith(word)));
}

/** The folded words of a text, each once. */
export function distinctWords(text: string): Set<string> {
  return new Set(fold(text).match(WORD) ?? []);
}

/** What a search looks in: an event's title, its content (a statement's words, a vote's motion) and its quotes. */
export function searchedText(event: TimelineEvent): string {
  const content = event.kind === 'STATEMENT' ? event.content : event.kind === 'VOTE' ? event.motion : '';
  return [event.title, content, ...event.citations.map((c) => c.quote)].join('\n');
}
