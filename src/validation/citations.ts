// An event's citations: each names a source whose text holds its quote exactly once, and the
// event's time words, when it gives some, are among the passages it cites.
import type { Citation } from '../domain/model.js';
import { locateQuote } from '../domain/quote-location.js';
import type { CitationEntry } from './file-schemas.js';
import { quoted, type Report } from './problems.js';
import type { Declared } from './references.js';

/** A source's text, as citations are checked against it. */
export interface CitedText {
  id: string;
  text: string;
}

/**
 * The citations whose source is known and whose quote it holds once, with their offsets.
 * `ownSourceId` is the source of the file the event is in: a citation names another one only
 * when it quotes it. Invalid entries (undefined) are reported by the schema already.
 */
export function buildCitations(
  entries: readonly (CitationEntry | undefined)[],
  ownSourceId: string,
  texts: ReadonlyMap<string, CitedText>,
  declared: Pick<Declared, 'sourceIds'>,
  report: Report,
): Citation[] {
  const citations: Citation[] = [];
  entries.forEach((entry, i) => {
    if (!entry) return;
    const sourceId = entry.source ?? ownSourceId;
    const source = texts.get(sourceId);
    if (!source) {
      // A source whose files are broken is reported on its own.
      if (!declared.sourceIds.has(sourceId)) report(`citations[${i}].source`, `unknown source "${sourceId}"`);
      return;
    }
    const location = locateQuote(source.text, entry.quote);
    if (location.kind === 'absent') {
      report(`citations[${i}].quote`, `quote not found in source "${sourceId}": ${quoted(entry.quote)}`);
      return;
    }
    if (location.kind === 'ambiguous') {
      report(`citations[${i}].quote`, `quote appears more than once in source "${sourceId}"; quote a longer passage: ${quoted(entry.quote)}`);
      return;
    }
    const { start, end } = location;
    // A slice of the source's text shares its characters: no second copy of every quote.
    citations.push({ sourceId: source.id, quote: source.text.slice(start, end), start, end });
  });
  return citations;
}

/** The source's own words for the time must be in what the event cites: they are checked, not just copied. */
export function checkTimeText(text: string, citations: readonly Citation[], report: Report): void {
  const words = text.toLowerCase();
  if (citations.some((c) => c.quote.toLowerCase().includes(words))) return;
  report('time.text', `must occur in one of the event's cited passages, as the source's own words (found ${quoted(text)})`);
}
