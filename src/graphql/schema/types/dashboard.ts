// Queries for dashboards: counts per calendar interval, and who-met-whom pairs.
import { EVENT_KINDS, type EventKind } from '../../../domain/model.js';
import {
  bucketEdges,
  calendarBuckets,
  countBuckets,
  HISTOGRAM_INTERVALS,
  MAX_BUCKETS,
  TooManyBucketsError,
  type HistogramBucket,
  type HistogramInterval,
} from '../../../domain/calendar-buckets.js';
import { INTERACTION_KINDS, type Interaction, type InteractionKind } from '../../../domain/interactions.js';
import { deadlineCheck } from '../../limits/execution-guard.js';
import type { FieldSize } from '../../limits/query-analysis.js';
import { builder } from '../builder.js';
import { lookupActor } from '../lookups.js';
import { badUserInput } from '../errors.js';
import { ActorRef, EventRef } from '../type-refs.js';
import { EventKindEnum } from './enums.js';
import { buildTimelineFilter, checkedTimelineFilter, type TimelineFilterArgs } from '../timeline-filter.js';
import { TimelineFilterInput } from './timeline.js';

export const MAX_INTERACTIONS = 500;
export const DEFAULT_INTERACTIONS = 100;

/**
 * What the cost model charges for each bucket beyond its selection: working out a calendar
 * interval in a zone with Luxon is about ten times the work of an ordinary object field.
 */
export const BUCKET_COST = 10;

/**
 * A histogram's buckets before it runs: counted from the filter's window when it has both ends,
 * else MAX_BUCKETS (the window then comes from the data, and can be as wide as they are).
 */
function histogramSize(args: Record<string, unknown>): FieldSize {
  const { interval, zone } = args;
  let window: { from?: number; to?: number };
  try {
    // The window exactly as the resolver will build it (from/to and days), built once: the
    // filter object is remembered for execution.
    window = buildTimelineFilter(args.filter as TimelineFilterArgs | null | undefined).filter;
  } catch {
    // A filter that fails (or variables that did not coerce, which the analysis may see raw)
    // fails before any bucket is counted.
    return { items: 1, itemCost: BUCKET_COST };
  }
  let items = MAX_BUCKETS;
  if (window.from !== undefined && window.to !== undefined && typeof zone === 'string' && HISTOGRAM_INTERVALS.includes(interval as HistogramInterval)) {
    const count = countBuckets(window.from, window.to, interval as HistogramInterval, zone);
    if (Number.isFinite(count)) items = Math.min(count, MAX_BUCKETS + 1);
  }
  return { items, itemCost: BUCKET_COST };
}

function interactionsSize(args: Record<string, unknown>): FieldSize {
  return { items: typeof args.first === 'number' ? Math.max(0, args.first) : DEFAULT_INTERACTIONS, itemCost: 1 };
}

const HistogramIntervalEnum = builder.enumType('HistogramInterval', {
  description: 'A calendar interval for a histogram.',
  values: {
    DAY: { description: 'Calendar days (23 or 25 hours long on daylight-saving changes).' },
    WEEK: { description: 'ISO weeks, Monday to Monday.' },
    MONTH: { description: 'Calendar months.' },
    YEAR: { description: 'Calendar years.' },
  },
});

const KindCountRef = builder.objectRef<{ kind: EventKind; count: number }>('KindCount').implement({
  description: 'How many events of one kind.',
  fields: (t) => ({
    kind: t.field({ type: EventKindEnum, description: 'The kind.', resolve: (c) => c.kind }),
    count: t.exposeInt('count', { description: 'How many events of this kind.' }),
  }),
});

const HistogramBucketRef = builder.objectRef<HistogramBucket>('HistogramBucket').implement({
  description: 'One calendar interval in the requested zone: [start, end).',
  fields: (t) => ({
    start: t.field({ type: 'DateTime', description: 'First instant of the interval, in the requested zone.', resolve: (b) => b.start }),
    end: t.field({ type: 'DateTime', description: 'First instant after the interval, in the requested zone.', resolve: (b) => b.end }),
    count: t.exposeInt('count', { description: 'Events whose span overlaps the bucket.' }),
    byKind: t.field({
      type: [KindCountRef],
      description: 'The count split by kind, every kind listed (zero included).',
      resolve: (b) => EVENT_KINDS.map((kind) => ({ kind, count: b.byKind[kind] })),
    }),
  }),
});

const InteractionKindEnum = builder.enumType('InteractionKind', {
  description: 'How two actors are linked by an event.',
  values: {
    MET: { description: 'Both took part in the same meeting (one that was held: planned, proposed or cancelled meetings link no one).' },
    SPOKE_ABOUT: { description: 'One made a statement about the other.' },
    VOTED_TOGETHER: { description: 'Both cast ballots in the same vote, and the same ballot: both in favour, both against, or both abstaining.' },
  } satisfies Record<InteractionKind, unknown>,
});

const InteractionRef = builder.objectRef<Interaction>('Interaction').implement({
  description: 'Two actors who share events: they met, one spoke about the other, or they cast the same ballot in a vote.',
  fields: (t) => ({
    source: t.field({
      type: ActorRef,
      description: 'One actor of the pair (the one whose slug sorts first).',
      resolve: (i, _args, ctx) => lookupActor(ctx, i.sourceId),
    }),
    target: t.field({ type: ActorRef, description: 'The other actor of the pair.', resolve: (i, _args, ctx) => lookupActor(ctx, i.targetId) }),
    count: t.int({ description: 'How many events they share.', resolve: (i) => i.events.length }),
    kinds: t.field({ type: [InteractionKindEnum], description: "The kinds of link among this pair's events.", resolve: (i) => i.kinds }),
    events: t.field({ type: [EventRef], description: 'The shared events, in time order.', resolve: (i) => i.events }),
  }),
});

builder.queryFields((t) => ({
  timelineHistogram: t.field({
    type: [HistogramBucketRef],
    description: `Event counts per calendar interval in \`zone\` (weeks start on Monday), for charts. Empty intervals inside the range are included. The range is the filter's window, or else the span of the matching events; buckets are always whole intervals, and count every event that overlaps them. At most ${MAX_BUCKETS} buckets.`,
    extensions: { size: histogramSize },
    args: {
      filter: t.arg({ type: TimelineFilterInput, description: 'Only events that match this filter.' }),
      interval: t.arg({ type: HistogramIntervalEnum, required: true, description: 'The calendar interval of each bucket.' }),
      zone: t.arg({ type: 'TimeZone', required: true, description: 'The zone whose calendar the buckets follow.' }),
    },
    resolve: async (_root, args, ctx) => {
      const filter = await checkedTimelineFilter(ctx, args.filter);
      const check = deadlineCheck(ctx);
      try {
        // The range is the window, completed by the matching events' span where it is open.
        let { from, to } = filter;
        if (from === undefined || to === undefined) {
          const span = await ctx.store.span(filter, { checkDeadline: check });
          from ??= span?.from;
          to ??= span?.to;
        }
        if (from === undefined || to === undefined || from >= to) return [];
        // Buckets are whole calendar intervals: a range that starts or ends inside one is widened
        // to it, so that no edge bucket shows a partial count.
        const buckets = calendarBuckets(from, to, args.interval, args.zone, check);
        const window = { ...filter, from: buckets[0]?.startMs ?? from, to: buckets.at(-1)?.endMs ?? to };
        const counts = await ctx.store.histogram(window, bucketEdges(buckets), { checkDeadline: check });
        return buckets.map((bucket, i) => Object.assign(bucket, counts[i]));
      } catch (error) {
        if (error instanceof TooManyBucketsError)
          throw badUserInput(`Too many buckets: ${error.message}`, { argument: 'interval', actual: error.buckets, max: MAX_BUCKETS });
        throw error;
      }
    },
  }),
  interactions: t.field({
    type: [InteractionRef],
    description:
      'Actor pairs that share events, most frequent first: the edges of a who-met-whom network. A held meeting links its participants (MET), a statement its speaker to each actor it is about (SPOKE_ABOUT), a vote the members that cast the same ballot in it (VOTED_TOGETHER).',
    extensions: { size: interactionsSize },
    args: {
      filter: t.arg({ type: TimelineFilterInput, description: 'Only events that match this filter.' }),
      first: t.arg.int({ description: `Return the first n pairs (1 to ${MAX_INTERACTIONS}; default ${DEFAULT_INTERACTIONS}).` }),
      via: t.arg({
        type: [InteractionKindEnum],
        description: 'Only links of these kinds, e.g. [MET] for who met whom; every kind when absent. Must not be empty.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const first = args.first ?? DEFAULT_INTERACTIONS;
      if (first < 1 || first > MAX_INTERACTIONS) {
        throw badUserInput(`"first" must be between 1 and ${MAX_INTERACTIONS} (got ${first})`, { argument: 'first', min: 1, max: MAX_INTERACTIONS });
      }
      if (args.via && args.via.length === 0) {
        throw badUserInput(`"via" is an empty list, which no link could match: leave it out for every kind (${INTERACTION_KINDS.join(', ')})`, {
          argument: 'via',
        });
      }
      const filter = await checkedTimelineFilter(ctx, args.filter);
      return (await ctx.store.interactions(filter, args.via ? new Set(args.via) : undefined, { checkDeadline: deadlineCheck(ctx) })).slice(0, first);
    },
  }),
}));
