// Knight Lab TimelineJS JSON. TimelineJS has no time zones (it builds dates in the browser's
// zone), so dates are converted to the requested zone and display_date says what they mean.
import type { TimelineEvent } from '../domain/model.js';
import { isStartOfLocalDay } from '../time/local-days.js';
import { wallClock, type WallClock } from '../time/zones.js';
import { describeEvent, type ExportContext } from './describe.js';
import { eventUid } from './ical.js';

/**
 * Every event converted to `zone`, and to UTC without one: TimelineJS has no zones, and one
 * clock for all keeps the timeline's order its reading order. Spans of whole days there are
 * dates; display_date also gives each event in its own zone.
 */
export const ZONE_POLICY = "every event converted to `zone`, UTC when it is absent; whole days there as dates, and display_date also in the event's own zone";
export const DEFAULT_ZONE = 'UTC';

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
}

const PRECISION_WORDS = {
  YEAR: 'known to the year',
  MONTH: 'known to the month',
  DAY: 'whole day',
  PART_OF_DAY: 'part of the day',
  HOUR: 'to the hour',
  MINUTE: 'to the minute',
} as const;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function parts(local: WallClock, withTime: boolean): DateParts {
  const date = { year: local.year, month: local.month, day: local.day };
  return withTime ? { ...date, hour: local.hour, minute: local.minute } : date;
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A human reading of the span: in the event's zone as the source gives it, then in the display zone. */
export function displayDate(event: TimelineEvent, zone: string): string {
  const { startMs, endMs, precision, text, textZone } = event.time;
  const format = (ms: number, z: string) => {
    const { year, month, day, hour, minute } = wallClock(ms, z);
    const pad = (n: number, digits: number) => `${n < 0 ? '-' : ''}${String(Math.abs(n)).padStart(digits, '0')}`;
    return `${day} ${MONTHS[month - 1]} ${pad(year, 4)} ${pad(hour, 2)}:${pad(minute, 2)}`;
  };
  const own = `${format(startMs, event.time.zone)} to ${format(endMs, event.time.zone)} ${event.time.zone}`;
  const shown = zone === event.time.zone ? '' : `; shown in ${zone}: ${format(startMs, zone)} to ${format(endMs, zone)}`;
  const words = text ? `"${text}"${textZone ? ` (read on ${textZone} time)` : ''}: ` : '';
  return `${words}${PRECISION_WORDS[precision]}, ${own}${shown}`;
}

export function toTimelineJs(events: readonly TimelineEvent[], context: ExportContext, requested: string | undefined) {
  const zone = requested ?? DEFAULT_ZONE;
  return {
    title: {
      text: {
        headline: 'Entente: diplomatic event timeline',
        text: `Dates are shown in ${escapeHtml(zone)}; each event's display date gives its precision and its own zone.`,
      },
    },
    events: events.map((event) => {
      const start = wallClock(event.time.startMs, zone);
      const end = wallClock(event.time.endMs, zone);
      // Whole days in the display zone are given as dates. TimelineJS reads end_date as an
      // instant, so the end stays exclusive: the midnight after the last day.
      const wholeDays = isStartOfLocalDay(event.time.startMs, zone) && isStartOfLocalDay(event.time.endMs, zone);
      return {
        unique_id: eventUid(event).replace(/@entente$/, ''),
        group: event.kind.charAt(0) + event.kind.slice(1).toLowerCase(),
        start_date: parts(start, !wholeDays),
        end_date: parts(end, !wholeDays),
        display_date: displayDate(event, zone),
        text: {
          headline: escapeHtml(event.title),
          text: describeEvent(event, context)
            .text.split('\n')
            .map((line) => `<p>${escapeHtml(line)}</p>`)
            .join(''),
        },
      };
    }),
  };
}
