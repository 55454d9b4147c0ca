// Whole calendar intervals of a zone (days, Monday-based ISO weeks, months, years), which keep
// their local boundaries across daylight-saving changes: the buckets of a histogram.
import { DateTime } from 'luxon';
import { zoneFor } from './zones.js';

export type CalendarUnit = 'day' | 'week' | 'month' | 'year';

/** One interval [startMs, endMs), and its bounds rendered in its zone (ISO 8601 with the offset) when asked. */
export interface CalendarInterval {
  startMs: number;
  endMs: number;
  readonly start: string;
  readonly end: string;
}

/** How many whole intervals of `zone` cover [from, to), worked out without building them. */
export function countCalendarIntervals(from: number, to: number, unit: CalendarUnit, zone: string): number {
  if (from >= to) return 0;
  const luxonZone = zoneFor(zone);
  const first = DateTime.fromMillis(from, { zone: luxonZone }).startOf(unit);
  return Math.ceil(DateTime.fromMillis(to, { zone: luxonZone }).diff(first, unit).as(unit));
}

function iso(instant: DateTime): string {
  const rendered = instant.toISO();
  if (rendered === null) throw new Error(`A calendar interval has an invalid bound: ${instant.invalidExplanation}`);
  return rendered;
}

/**
 * The whole intervals of `zone` that cover [from, to): the first starts at or before `from`, the
 * last ends at or after `to`; at most `max` (the count bounds the loop, should Luxon's calendar
 * and its diff ever disagree). `check` is called for each interval and may throw.
 */
export function calendarIntervals(
  from: number,
  to: number,
  unit: CalendarUnit,
  zone: string,
  max: number,
  check: () => void = () => undefined,
): CalendarInterval[] {
  const intervals: CalendarInterval[] = [];
  let start = DateTime.fromMillis(from, { zone: zoneFor(zone) }).startOf(unit);
  while (start.toMillis() < to && intervals.length <= max) {
    check();
    // A step keeps the wall-clock time, so the next start is usually there already; only a clock
    // change at midnight moves it (each Luxon step in a zone asks for offsets several times).
    let end = start.plus({ [`${unit}s`]: 1 });
    if (end.hour !== 0 || end.minute !== 0 || end.second !== 0 || end.millisecond !== 0) end = end.startOf(unit);
    const [first, next] = [start, end];
    intervals.push({
      startMs: first.toMillis(),
      endMs: next.toMillis(),
      // Rendered only if a query asks for the bounds.
      get start() {
        return iso(first);
      },
      get end() {
        return iso(next);
      },
    });
    start = end;
  }
  return intervals;
}
