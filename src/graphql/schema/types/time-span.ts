import { BoundedMemo } from '../../../support/bounded-memo.js';
import type { TimeSpan } from '../../../domain/model.js';
import { formatInstant } from '../../../time/zones.js';
import { TimeSpanRef } from '../type-refs.js';
import { TimePrecisionEnum } from './enums.js';

// A span's start and end in its own zone never change, and Luxon takes about a microsecond to
// render each (a tenth of a timeline page's time): they are rendered once per span.
const renderedSpans = new BoundedMemo<TimeSpan, { start: string; end: string }>(100_000);
const render = (span: TimeSpan) => ({ start: formatInstant(span.startMs, span.zone), end: formatInstant(span.endMs, span.zone) });

function inOwnZone(span: TimeSpan): { start: string; end: string } {
  return renderedSpans.get(span, render);
}

TimeSpanRef.implement({
  description:
    'When something happened or is planned, with the precision the sources allow: the half-open interval [start, end). Stored as instants plus the IANA zone; offsets come from the zone at each instant.',
  fields: (t) => ({
    start: t.field({
      type: 'DateTime',
      description: "First instant of the span, rendered in `zone` (default: the event's own zone).",
      args: { zone: t.arg({ type: 'TimeZone', description: "Render in this IANA zone instead of the event's own." }) },
      resolve: (span, args) => (args.zone && args.zone !== span.zone ? formatInstant(span.startMs, args.zone) : inOwnZone(span).start),
    }),
    end: t.field({
      type: 'DateTime',
      description: "First instant after the span (exclusive), rendered in `zone` (default: the event's own zone).",
      args: { zone: t.arg({ type: 'TimeZone', description: "Render in this IANA zone instead of the event's own." }) },
      resolve: (span, args) => (args.zone && args.zone !== span.zone ? formatInstant(span.endMs, args.zone) : inOwnZone(span).end),
    }),
    zone: t.field({ type: 'TimeZone', description: 'The IANA zone where the event takes place.', resolve: (span) => span.zone }),
    precision: t.field({ type: TimePrecisionEnum, description: 'How precisely the sources fix this time.', resolve: (span) => span.precision }),
    text: t.string({ nullable: true, description: 'The source\'s own words for the time, e.g. "late Thursday".', resolve: (span) => span.text ?? null }),
    textZone: t.field({
      type: 'TimeZone',
      nullable: true,
      description:
        'The zone in which the source\'s words are meant, when it is not `zone`: e.g. a Moscow paper\'s "late Thursday" for a statement made in New York.',
      resolve: (span) => span.textZone ?? null,
    }),
  }),
});
