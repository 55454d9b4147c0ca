// The data as they change while the service runs: the revision served, and a subscription to
// the changes that touch a filter's events (live.graphql of the contract).
import { encodeGlobalID, TYPE_OF_KIND } from '../../../domain/global-id.js';
import { filteredChange, type FilteredChange } from '../../../services/timeline-changes.js';
import type { TimelineFilter } from '../../../store/store.js';
import { renewGuard } from '../../limits/execution-guard.js';
import { builder } from '../builder.js';
import { createContext, type Context } from '../context.js';
import { EventRef } from '../type-refs.js';
import { formatInstant } from '../../../time/zones.js';
import { checkedTimelineFilter } from '../timeline-filter.js';
import { TimelineFilterInput } from './timeline.js';

interface DatasetShape {
  revision: string;
  servedSince: number;
  counts: Context['store'] extends { counts(): Promise<infer C> } ? C : never;
}

const DatasetRef = builder.objectRef<DatasetShape>('Dataset').implement({
  description: 'The data the service answers from, at one revision.',
  fields: (t) => ({
    revision: t.exposeString('revision', {
      description: 'Changes whenever the data change; two answers given at the same revision are answers about the same data.',
    }),
    servedSince: t.field({ type: 'DateTime', description: 'When this revision began to be served.', resolve: (d) => formatInstant(d.servedSince, 'UTC') }),
    eventCount: t.int({ description: 'Events in this revision.', resolve: (d) => d.counts.eventCount }),
    actorCount: t.int({ description: 'Actors in this revision.', resolve: (d) => d.counts.actorCount }),
    sourceCount: t.int({ description: 'Sources in this revision.', resolve: (d) => d.counts.sourceCount }),
  }),
});

const TimelineChangeRef = builder.objectRef<FilteredChange>('TimelineChange').implement({
  description: "How the events that match a subscriber's filter changed from one revision to the next.",
  fields: (t) => ({
    revision: t.exposeString('revision', { description: 'The revision the change leads to.' }),
    previousRevision: t.exposeString('previousRevision', { description: 'The revision the change starts from.' }),
    upserted: t.field({ type: [EventRef], description: 'Events that were added or changed, as they are now.', resolve: (c) => c.upserted }),
    removed: t.idList({
      description: 'IDs of events that were removed or no longer match the filter: the global IDs they had, for a client to evict from its cache.',
      resolve: (c) => c.removed.map((event) => encodeGlobalID(TYPE_OF_KIND[event.kind], event.id)),
    }),
  }),
});

builder.queryField('dataset', (t) =>
  t.field({
    type: DatasetRef,
    description: 'The revision of the data this answer is about.',
    resolve: async (_root, _args, ctx) => ({ revision: ctx.store.revision, servedSince: ctx.servedSince, counts: await ctx.store.counts() }),
  }),
);

/**
 * The changes a filter sees, one swap of revisions at a time; swaps that touch none of its events
 * send nothing. Each payload is executed against the revision it describes: the context is moved
 * to that revision (with fresh loaders), and the limits start again for it.
 */
function changesFor(ctx: Context, filter: TimelineFilter): AsyncIterableIterator<FilteredChange> {
  const swaps = ctx.changes.swaps(ctx.request?.signal);
  const iterator: AsyncIterableIterator<FilteredChange> = {
    async next() {
      for (;;) {
        const next = await swaps.next();
        if (next.done) return { done: true, value: undefined };
        const change = await filteredChange(next.value, filter);
        if (change.upserted.length === 0 && change.removed.length === 0) continue;
        Object.assign(ctx, createContext(ctx.revisions, next.value.change.current, ctx.changes));
        renewGuard(ctx);
        return { done: false, value: change };
      }
    },
    return: async () => {
      await swaps.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

builder.subscriptionType({
  description: 'Changes to the data, as they are served: over server-sent events (GET or POST /graphql with Accept: text/event-stream).',
  fields: (t) => ({
    timelineChanged: t.field({
      type: TimelineChangeRef,
      description:
        "Sent each time the data change in a way that touches events matching `filter`: over server-sent events, as GraphQL Yoga serves subscriptions. Each change names the revision it leads to; the filter's actors and sources are checked when the subscription starts.",
      args: { filter: t.arg({ type: TimelineFilterInput, description: 'Only changes to events that match this filter (before or after the change).' }) },
      // The filter is checked before the stream starts, so that a wrong one is an error answer, not a stream.
      subscribe: (_root, args, ctx) => checkedTimelineFilter(ctx, args.filter).then((filter) => changesFor(ctx, filter)),
      resolve: (change) => change,
    }),
  }),
});
