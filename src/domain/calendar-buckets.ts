// Counts events per calendar interval in a time zone (the intervals are time/calendar-intervals.ts's):
// an event counts in every bucket it overlaps.
import { searchSorted } from '../support/search-sorted.js';
import { calendarIntervals, countCalendarIntervals, type CalendarInterval } from '../time/calendar-intervals.js';
import { EVENT_KINDS, type EventKind, type TimelineEvent } from './model.js';

export const HISTOGRAM_INTERVALS = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;
export type HistogramInterval = (typeof HISTOGRAM_INTERVALS)[number];

/**
 * More buckets than a chart can show is a mistake: ask for a narrower window or a longer
 * interval. (About three years of days; the cost model charges each bucket, see dashboard.ts.)
 */
export const MAX_BUCKETS = 1000;

/** One bucket: a whole calendar interval of the histogram's zone, and the events that overlap it. */
export type HistogramBucket = CalendarInterval & BucketCount;

const UNIT = { DAY: 'day', WEEK: 'week', MONTH: 'month', YEAR: 'year' } as const;

export class TooManyBucketsError extends Error {
  override name = 'TooManyBucketsError';
  constructor(
    message: string,
    /** How many the window would have had. */
    readonly buckets: number,
  ) {
    super(message);
  }
}

/** How many whole calendar intervals of `zone` cover [from, to), worked out without building them. */
export function countBuckets(from: number, to: number, interval: HistogramInterval, zone: string): number {
  return countCalendarIntervals(from, to, UNIT[interval], zone);
}

/**
 * The whole calendar intervals of `zone` that cover [from, to), empty: the first starts at or
 * before `from`, the last ends at or after `to`. More than MAX_BUCKETS is refused before any is
 * built; `check` is called for each bucket (a request's deadline) and may throw.
 */
export function calendarBuckets(from: number, to: number, interval: HistogramInterval, zone: string, check: () => void = () => undefined): HistogramBucket[] {
  const count = countBuckets(from, to, interval, zone);
  if (count > MAX_BUCKETS) {
    throw new TooManyBucketsError(`${count} ${interval.toLowerCase()} buckets, more than ${MAX_BUCKETS}: narrow the window or use a longer interval`, count);
  }
  return calendarIntervals(from, to, UNIT[interval], zone, MAX_BUCKETS, check).map((interval) => Object.assign(interval, emptyCount()));
}

/** The span of a list of events: from the earliest start to the latest end. */
export function eventsSpan(events: readonly TimelineEvent[]): { from: number; to: number } | undefined {
  if (events.length === 0) return undefined;
  // Loops, not Math.min(...spread): a spread of a million arguments overflows the stack.
  let from = Infinity;
  let to = -Infinity;
  for (const event of events) {
    if (event.time.startMs < from) from = event.time.startMs;
    if (event.time.endMs > to) to = event.time.endMs;
  }
  return { from, to };
}

/** How many events overlap one bucket, in all and by kind. */
export interface BucketCount {
  count: number;
  byKind: Record<EventKind, number>;
}

export function emptyCount(): BucketCount {
  return { count: 0, byKind: Object.fromEntries(EVENT_KINDS.map((k) => [k, 0])) as Record<EventKind, number> };
}

/** The edges of consecutive buckets: each bucket's start, then the last one's end. */
export function bucketEdges(buckets: readonly { startMs: number; endMs: number }[]): number[] {
  return buckets.length === 0 ? [] : [...buckets.map((b) => b.startMs), buckets.at(-1)!.endMs];
}

/**
 * Counts each event in every bucket [edges[i], edges[i + 1]) its span overlaps: an event spanning
 * several buckets counts once in each. `check` is called for each event.
 */
export function countByBucket(edges: readonly number[], events: Iterable<TimelineEvent>, check: () => void = () => undefined): BucketCount[] {
  const counts = Array.from({ length: Math.max(0, edges.length - 1) }, emptyCount);
  for (const event of events) {
    check();
    // The first bucket that ends after the event starts, then every bucket that starts before it ends.
    for (let i = Math.max(0, searchSorted(edges, (edge) => edge - event.time.startMs, true) - 1); i < counts.length; i++) {
      if (edges[i]! >= event.time.endMs) break;
      if (edges[i + 1]! <= event.time.startMs) continue;
      const count = counts[i]!;
      count.count++;
      count.byKind[event.kind]++;
    }
  }
  return counts;
}

/** Fills calendar buckets with the counts of `events` (countByBucket over their edges). */
export function countInto(buckets: HistogramBucket[], events: readonly TimelineEvent[], check: () => void = () => undefined): HistogramBucket[] {
  countByBucket(bucketEdges(buckets), events, check).forEach((count, i) => Object.assign(buckets[i]!, count));
  return buckets;
}
