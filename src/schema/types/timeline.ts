// The timeline: its filter, its connection types, and the translation of GraphQL
// arguments into a store query. Query.timeline and Actor.timeline share all of it.
import type { DateTime } from 'luxon';
import type { EventKind, MeetingStatus, TimelineEvent } from '../../model.js';
import { eventSortKey } from '../../store/event-order.js';
import type { Page } from '../../store/paging.js';
import type { TimelineFilter, TimelineQuery } from '../../store/store.js';
import { builder } from '../builder.js';
import { pageArgs, toConnection, type ConnectionShape } from '../connection.js';
import { decodeEventCursor, encodeEventCursor } from '../cursors.js';
import { badUserInput } from '../errors.js';
import { decodeGlobalIDOf } from '../global-id.js';
import { pageRequest, type ConnectionArgs } from '../page-args.js';
import { EventRef } from '../refs.js';
import { MAX_SEARCH_LENGTH, searchArgument } from '../search.js';
import { EventKindEnum, MeetingStatusEnum } from './enums.js';

/** Values a filter's list may hold (actors, kinds, statuses). */
export const MAX_FILTER_VALUES = 100;

export const TimelineFilterInput = builder.inputType('TimelineFilter', {
  description: 'Narrows a timeline. All given conditions must hold.',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', description: 'Only events whose span overlaps [from, to): events that end after `from`.' }),
    to: t.field({ type: 'DateTime', description: 'Only events that start before `to` (exclusive).' }),
    actors: t.idList({ description: `Only events that involve every one of these actors (Actor IDs; at most ${MAX_FILTER_VALUES}).` }),
    kinds: t.field({ type: [EventKindEnum], description: 'Only events of these kinds.' }),
    statuses: t.field({
      type: [MeetingStatusEnum],
      description: 'Meetings must have one of these statuses (e.g. [PLANNED] for what is coming); statements and votes are not affected.',
    }),
    search: t.string({
      description:
        `Case-insensitive words that must all appear in the event's title, content or citations (each matches the start of a word: "veto" finds "vetoing"); at most ${MAX_SEARCH_LENGTH} characters.`,
    }),
  }),
});

export interface TimelineFilterArgs {
  from?: DateTime | null;
  to?: DateTime | null;
  actors?: readonly string[] | null;
  kinds?: readonly EventKind[] | null;
  statuses?: readonly MeetingStatus[] | null;
  search?: string | null;
}

export type TimelineArgs = ConnectionArgs & { filter?: TimelineFilterArgs | null };

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

function checkedList<T>(values: readonly T[] | null | undefined, argument: string): readonly T[] {
  if (!values) return [];
  if (values.length > MAX_FILTER_VALUES) {
    throw badUserInput(`"${argument}" has ${values.length} values; the limit is ${MAX_FILTER_VALUES}`, { argument, actual: values.length, max: MAX_FILTER_VALUES });
  }
  return values;
}

/**
 * Filters as built, by the argument object they came from. A filter given as a variable is the
 * same object in every field that uses it, and every actor's timeline uses it: it is checked and
 * its IDs decoded once per request, not once per actor. (The objects belong to their request.)
 */
const builtFilters = new WeakMap<object, TimelineFilter | Error>();

/** Validates a timeline filter and builds the store's filter; `actorId` scopes it to one actor. */
export function timelineFilter(filter: TimelineFilterArgs | null | undefined, actorId?: string): TimelineFilter {
  const built = filter ? builtFilters.get(filter) : undefined;
  let base: TimelineFilter;
  if (built instanceof Error) throw built;
  if (built) {
    base = built;
  } else {
    try {
      base = buildFilter(filter);
    } catch (error) {
      if (filter && error instanceof Error) builtFilters.set(filter, error);
      throw error;
    }
    if (filter) builtFilters.set(filter, base);
  }
  if (actorId === undefined) return base;
  return { ...base, actorIds: [...new Set([actorId, ...(base.actorIds ?? [])])] };
}

function buildFilter(filter: TimelineFilterArgs | null | undefined): TimelineFilter {
  const query: TimelineFilter = {};
  if (filter?.from) query.from = filter.from.toMillis();
  if (filter?.to) query.to = filter.to.toMillis();
  if (query.from !== undefined && query.to !== undefined && query.from >= query.to) {
    throw badUserInput('"filter.from" must be before "filter.to"', { argument: 'filter.from' });
  }
  const actorIds = checkedList(filter?.actors, 'filter.actors').map((id, i) => decodeGlobalIDOf(id, ['Actor'], `filter.actors[${i}]`));
  if (actorIds.length > 0) query.actorIds = [...new Set(actorIds)];
  const kinds = checkedList(filter?.kinds, 'filter.kinds');
  if (kinds.length > 0) query.kinds = [...new Set(kinds)];
  const statuses = checkedList(filter?.statuses, 'filter.statuses');
  if (statuses.length > 0) query.meetingStatuses = [...new Set(statuses)];
  const words = searchArgument(filter?.search, 'filter.search');
  if (words.length > 0) query.words = words;
  return query;
}

/** Validates timeline arguments (filter and paging) and builds the store query. */
export function timelineQuery(args: TimelineArgs, actorId?: string): TimelineQuery {
  return { ...timelineFilter(args.filter, actorId), page: pageRequest(args, decodeEventCursor) };
}

export function toEventConnection(page: Page<TimelineEvent>): ConnectionShape<TimelineEvent> {
  return toConnection(page, (event) => encodeEventCursor(eventSortKey(event)));
}
