// The timeline's GraphQL types: its filter input, its connection, and the per-request loader
// that pages timelines in batches. The arguments become a store query in ../timeline-filter.ts.
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { deadlineCheck } from '../../limits/execution-guard.js';
import type { TimelineEvent } from '../../../domain/model.js';
import { eventSortKey } from '../../../domain/event-order.js';
import type { Page } from '../../../store/paging.js';
import type { TimelineQuery } from '../../../store/store.js';
import { builder } from '../builder.js';
import { pageArgs, toConnection, type ConnectionShape } from '../connection.js';
import { encodeEventCursor } from '../cursors.js';
import type { Context } from '../context.js';
import { EventRef } from '../type-refs.js';
import { MAX_SEARCH_LENGTH } from '../search.js';
import { MAX_FILTER_VALUES } from '../timeline-filter.js';
import { EventKindEnum, MeetingStatusEnum } from './enums.js';

const LocalDaysInput = builder.inputType('LocalDays', {
  description:
    "Whole local calendar days in a zone: from the first instant of `from` to the first instant after `to`, both days included. A day is as long as the zone's clock makes it (23 or 25 hours across a daylight-saving change).",
  fields: (t) => ({
    from: t.field({ type: 'Date', required: true, description: 'The first day, YYYY-MM-DD.' }),
    to: t.field({ type: 'Date', required: true, description: 'The last day, YYYY-MM-DD (included; the same as `from` for one day).' }),
    zone: t.field({ type: 'TimeZone', required: true, description: 'The zone whose calendar the days follow, e.g. America/New_York.' }),
  }),
});

const ACTOR_LIST = `Actor slugs (sergei-lavrov) or IDs; at most ${MAX_FILTER_VALUES}`;

export const TimelineFilterInput = builder.inputType('TimelineFilter', {
  description: 'Narrows a timeline. All given conditions must hold. A list, where given, must not be empty.',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', description: 'Only events whose span overlaps [from, to): events that end after `from`.' }),
    to: t.field({ type: 'DateTime', description: 'Only events that start before `to` (exclusive).' }),
    days: t.field({
      type: LocalDaysInput,
      description:
        'Only events overlapping these local days (with `from`/`to` as well, both apply), e.g. { from: "2012-11-29", to: "2012-11-29", zone: "America/New_York" }.',
    }),
    actors: t.idList({ description: `Only events that involve every one of these actors (${ACTOR_LIST}).` }),
    anyActors: t.idList({ description: `Only events that involve at least one of these actors (${ACTOR_LIST}).` }),
    speakers: t.idList({ description: `Only statements made by one of these speakers; other kinds are left out (${ACTOR_LIST}).` }),
    includeMembers: t.boolean({
      description:
        "Whether an actor in `actors`, `anyActors` or `speakers` also stands for its members, and theirs: Russia then matches what its foreign minister said. A seat on a council is not followed (the Security Council does not stand for its member states' ministers). False when absent.",
    }),
    sources: t.idList({
      description: `Only events citing at least one of these sources (Source slugs such as ria-novosti-2012-11-29, or IDs; at most ${MAX_FILTER_VALUES}).`,
    }),
    kinds: t.field({ type: [EventKindEnum], description: 'Only events of these kinds.' }),
    statuses: t.field({
      type: [MeetingStatusEnum],
      description: 'Meetings must have one of these statuses (e.g. [PLANNED] for what is coming); statements and votes are not affected.',
    }),
    search: t.string({
      description: `Case- and accent-insensitive words that must all appear in the event's title, content or citations. A word matches the words it begins ("veto" finds "vetoing") and the forms of the same word ("vetoed" finds "veto" and "vetoes"); at most ${MAX_SEARCH_LENGTH} characters.`,
    }),
  }),
});

export const EventConnectionRef = builder.connectionObject(
  {
    type: EventRef,
    name: 'EventConnection',
    description: 'A page of events in timeline order: by start, then end, then ID.',
    fields: (t) => ({
      totalCount: t.int({ description: 'How many events match, on all pages together.', resolve: (connection) => connection.totalCount }),
    }),
  },
  { name: 'EventEdge', description: 'An event on a page of the timeline, with its cursor.' },
);

/** The arguments of every timeline field, with descriptions. */
export const timelineArgs = {
  ...builder.args((t) => ({ filter: t.field({ type: TimelineFilterInput, description: 'Only events that match this filter.' }) })),
  ...pageArgs('events'),
};

export function toEventConnection(page: Page<TimelineEvent>): ConnectionShape<TimelineEvent> {
  return toConnection(page, (event) => encodeEventCursor(eventSortKey(event)));
}

/**
 * Per request: one store call pages every timeline asked for at the same depth of the query
 * (each actor's, each source's). A plain DataLoader rather than the plugin's loadable field:
 * wrong arguments fail before the loader is asked, once per filter object, and the execution
 * guard counts each failure (an actor's timeline with first: 0, under a hundred events, would
 * otherwise fail thousands of times over).
 */
export const timelinePages = createContextCache(
  (ctx: Context) =>
    new DataLoader<TimelineQuery, ConnectionShape<TimelineEvent>, string>(
      // The store checks the deadline between the batch's queries: thirty aliases with the
      // costliest filters are otherwise one uninterruptible call, far past MAX_EXECUTION_MS.
      async (queries) => (await ctx.store.timelines(queries, { checkDeadline: deadlineCheck(ctx) })).map(toEventConnection),
      { cacheKeyFn: (query) => JSON.stringify(query) },
    ),
);
