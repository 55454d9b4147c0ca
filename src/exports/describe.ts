// What every export says about an event beyond its time: who, what, and from which passages.
import type { Actor, Source, TimelineEvent, TimeSpan } from '../domain/model.js';
import { isStartOfLocalDay } from '../time/local-days.js';

export interface ExportContext {
  actors: ReadonlyMap<string, Actor>;
  sources: ReadonlyMap<string, Omit<Source, 'text'>>;
  /** When the export is made (iCalendar's DTSTAMP). */
  now: Date;
}

/** True for spans of whole local days in the span's own zone (day, month or year precision): all-day in calendars. */
export function isWholeDays(span: TimeSpan): boolean {
  return (
    (span.precision === 'DAY' || span.precision === 'MONTH' || span.precision === 'YEAR') &&
    isStartOfLocalDay(span.startMs, span.zone) &&
    isStartOfLocalDay(span.endMs, span.zone)
  );
}

function names(ids: readonly string[], context: ExportContext): string {
  return ids.map((id) => context.actors.get(id)?.name ?? id).join(', ');
}

/** A plain-text account of the event: what was said or decided, by whom, and the cited passages. */
export function describeEvent(event: TimelineEvent, context: ExportContext): { text: string } {
  const lines: string[] = [];
  if (event.kind === 'STATEMENT') {
    const speaker = names([event.speakerId], context);
    const said = { DIRECT_QUOTE: `"${event.content}"`, PARAPHRASE: `(paraphrase) ${event.content}`, NO_COMMENT: `(no comment) ${event.content}` };
    lines.push(`${speaker}: ${said[event.form]}`);
    if (event.reportedByIds.length > 0) lines.push(`Reported by ${names(event.reportedByIds, context)}.`);
  } else if (event.kind === 'MEETING') {
    lines.push(
      `${event.status.toLowerCase()} meeting. Participants: ${event.participants.map((p) => `${names([p.actorId], context)}${p.role ? ` (${p.role})` : ''}`).join('; ')}.`,
    );
  } else {
    const { tally } = event;
    lines.push(`${event.motion}: ${event.outcome.toLowerCase()}, ${tally.yes} in favour, ${tally.no} against, ${tally.abstain} abstentions.`);
    if (event.vetoedByIds.length > 0) lines.push(`Vetoed by ${names(event.vetoedByIds, context)}.`);
  }
  if (event.time.text) lines.push(`When, in the source's words: "${event.time.text}"${event.time.textZone ? ` (${event.time.textZone} time)` : ''}.`);
  if (event.note) lines.push(`Note: ${event.note}`);
  for (const citation of event.citations) {
    lines.push(
      `Source: "${citation.quote}" (${context.sources.get(citation.sourceId)?.title ?? citation.sourceId}, characters ${citation.start}-${citation.end})`,
    );
  }
  return { text: lines.join('\n') };
}
