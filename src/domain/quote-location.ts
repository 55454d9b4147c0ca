// Where a citation's quote stands in its source's text. A quote must occur exactly once: only
// then do its offsets name one passage, so that a reader can be shown the very words cited.

export type QuoteLocation =
  /** The quote occurs once, at text.slice(start, end). */
  | { kind: 'found'; start: number; end: number }
  /** The text does not contain the quote. */
  | { kind: 'absent' }
  /** The quote occurs more than once: a longer passage would tell which is meant. */
  | { kind: 'ambiguous' };

/**
 * Finds `quote` in `text`, exactly as written (case, spacing and punctuation count). Occurrences
 * that overlap ("aa" in "aaa") make it ambiguous too: either could be the one meant.
 */
export function locateQuote(text: string, quote: string): QuoteLocation {
  const start = text.indexOf(quote);
  if (start < 0) return { kind: 'absent' };
  if (text.indexOf(quote, start + 1) >= 0) return { kind: 'ambiguous' };
  return { kind: 'found', start, end: start + quote.length };
}
