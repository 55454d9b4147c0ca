// Counts events per calendar interval in a time zone, with Luxon: days, Monday-based weeks,
// months and years keep their local boundaries across daylight-saving changes.
import { DateTime } from 'luxon';
import { EVENT_KINDS, type EventKind, type TimelineEvent } from '../model.js';
import { searchSorted } from '../store/paging.js';
import { zoneFor } from '../time/offset-table.js';

export const HISTOGRAM_INTERVALS = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;
export type HistogramInterval = (typeof HISTOGRAM_INTERVALS)[number];

/** More buckets than a chart can show is a mistake: ask for a narrower window or a longer interval. */
export const MAX_BUCKETS = 5000;

export interface HistogramBucket {
  startMs: number;
  endMs: number;
  /** Events whose span overlaps the bucket. */
  count: number;
  byKind: Record<EventKind, number>;
}

const UNIT = { DAY: 'day', WEEK: 'week', MONTH: 'month', YEAR: 'year' } as const;

export class TooManyBucketsError extends Error {
  override name = 'TooManyBucketsError';
}

/**
 * The whole calendar intervals of `zone` that cover [from, to): the first starts at or before
 * `from`, the last ends at or after `to`. Luxon's weeks are ISO weeks: they start on Monday.
 */
export function calendarBuckets(from: number, to: number, interval: HistogramInterval, zone: string): HistogramBucket[] {
  const unit = UNIT[interval];
  const buckets: HistogramBucket[] = [];
  let start = DateTime.fromMillis(from, { zone: zoneFor(zone) }).startOf(unit);
  while (start.toMillis() < to) {
    if (buckets.length === MAX_BUCKETS) {
      throw new TooManyBucketsError(`more than ${MAX_BUCKETS} ${interval.toLowerCase()} buckets: narrow the window or use a longer interval`);
    }
    const end = start.plus({ [`${unit}s`]: 1 }).startOf(unit);
    buckets.push({ startMs: start.toMillis(), endMs: end.toMillis(), count: 0, byKind: Object.fromEntries(EVENT_KINDS.map((k) => [k, 0])) as Record<EventKind, number> });
    start = end;
  }
  return buckets;
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

/** Counts each event in every bucket its span overlaps. Buckets are in time order. */
export function countInto(buckets: HistogramBucket[], events: readonly TimelineEvent[]): HistogramBucket[] {
  for (const event of events) {
    // The first bucket that ends after the event starts, then every bucket that starts before it ends.
    for (let i = searchSorted(buckets, (b) => b.endMs - event.time.startMs, true); i < buckets.length; i++) {
      const bucket = buckets[i] as HistogramBucket;
      if (bucket.startMs >= event.time.endMs) break;
      bucket.count++;
      bucket.byKind[event.kind]++;
    }
  }
  return buckets;
}
