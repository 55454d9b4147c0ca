// Counts events per calendar interval in a time zone, with Luxon: days, Monday-based weeks,
// months and years keep their local boundaries across daylight-saving changes.
import { DateTime } from 'luxon';
import { EVENT_KINDS, type EventKind, type TimelineEvent } from '../model.js';
import { searchSorted } from '../store/paging.js';

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
 * Buckets [from, to) (by default, the span from the first event's start to the last event's end)
 * into calendar intervals in `zone`. Every bucket inside the range is returned, empty or not;
 * an event counts in every bucket its span overlaps.
 */
export function histogram(
  events: readonly TimelineEvent[],
  interval: HistogramInterval,
  zone: string,
  range: { from?: number; to?: number } = {},
): HistogramBucket[] {
  const from = range.from ?? Math.min(...events.map((e) => e.time.startMs));
  const to = range.to ?? Math.max(...events.map((e) => e.time.endMs));
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) return [];

  const unit = UNIT[interval];
  const buckets: HistogramBucket[] = [];
  // Luxon's weeks are ISO weeks: they start on Monday.
  let start = DateTime.fromMillis(from, { zone }).startOf(unit);
  while (start.toMillis() < to) {
    if (buckets.length === MAX_BUCKETS) {
      throw new TooManyBucketsError(`more than ${MAX_BUCKETS} ${interval.toLowerCase()} buckets: narrow the window or use a longer interval`);
    }
    const end = start.plus({ [`${unit}s`]: 1 }).startOf(unit);
    buckets.push({ startMs: start.toMillis(), endMs: end.toMillis(), count: 0, byKind: Object.fromEntries(EVENT_KINDS.map((k) => [k, 0])) as Record<EventKind, number> });
    start = end;
  }

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
