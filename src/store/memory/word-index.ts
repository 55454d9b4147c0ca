// The memory store's inverted index of event texts, matching as domain/text.ts defines it.
import { distinctWords, stemOf } from '../../domain/text.js';
import { searchSorted } from '../../support/search-sorted.js';

/** Terms kept once, sorted, with the numbers of their texts in one typed array. */
class Postings {
  /** Every distinct term, sorted. */
  readonly terms: string[];
  /** The texts of terms[i] are numbers[offsets[i]] up to numbers[offsets[i + 1]], ascending. */
  private readonly offsets: Uint32Array;
  private readonly numbers: Uint32Array;

  constructor(lists: ReadonlyMap<string, readonly number[]>) {
    this.terms = [...lists.keys()].sort();
    this.offsets = new Uint32Array(this.terms.length + 1);
    let total = 0;
    for (const list of lists.values()) total += list.length;
    this.numbers = new Uint32Array(total);
    let at = 0;
    this.terms.forEach((term, i) => {
      const list = lists.get(term)!;
      this.numbers.set(list, at);
      at += list.length;
      this.offsets[i + 1] = at;
    });
  }

  /** Index of the first term not sorting before `term`. */
  firstAtOrAfter(term: string): number {
    return searchSorted(this.terms, (t) => (t < term ? -1 : 1));
  }

  /** Calls `visit` with each text number of term number i. */
  forEachText(i: number, visit: (text: number) => void): void {
    for (let p = this.offsets[i]!; p < this.offsets[i + 1]!; p++) visit(this.numbers[p]!);
  }
}

function addPosting(lists: Map<string, number[]>, term: string, text: number): void {
  const list = lists.get(term);
  if (list) {
    if (list[list.length - 1] !== text) list.push(text);
  } else {
    lists.set(term, [text]);
  }
}

/**
 * An inverted index over numbered texts, with the same matching as containsAllWords. Words and
 * stems are each kept once, sorted, with the numbers of their texts in typed arrays (the store's
 * own heap is measured in bench/results.md), and a search reads only the postings of the words
 * it names: the words it begins, and its stem.
 */
export class WordIndex {
  /** How many texts are indexed. */
  readonly size: number;
  private readonly words: Postings;
  private readonly stems: Postings;

  /** `texts[i]` is text number i. */
  constructor(texts: Iterable<string>) {
    const words = new Map<string, number[]>();
    const stems = new Map<string, number[]>();
    let number = 0;
    for (const text of texts) {
      for (const word of distinctWords(text)) {
        addPosting(words, word, number);
        addPosting(stems, stemOf(word), number);
      }
      number++;
    }
    this.size = number;
    this.words = new Postings(words);
    this.stems = new Postings(stems);
  }

  /** Whether text number `position` matches every search word (every text, when there are none). */
  matching(searchWords: readonly string[]): (position: number) => boolean {
    const wanted = [...new Set(searchWords)];
    if (wanted.length === 0) return () => true;
    // Per text, how many of the search words it has matched so far: each word's postings are
    // read once, and only texts that matched all the words before it count (a text found both
    // by prefix and by stem moves on once).
    const matched = wanted.length < 256 ? new Uint8Array(this.size) : new Uint32Array(this.size);
    wanted.forEach((search, k) => {
      const visit = (text: number) => {
        if (matched[text] === k) matched[text] = k + 1;
      };
      const { terms } = this.words;
      for (let i = this.words.firstAtOrAfter(search); i < terms.length && terms[i]!.startsWith(search); i++) this.words.forEachText(i, visit);
      const stem = stemOf(search);
      const s = this.stems.firstAtOrAfter(stem);
      if (this.stems.terms[s] === stem) this.stems.forEachText(s, visit);
    });
    return (position) => matched[position] === wanted.length;
  }
}
