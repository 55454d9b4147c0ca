// A timeline filter's arguments, validated and turned into the store's filter: shared by every
// field that takes a TimelineFilter and by the export routes' query parameters.
import type { GraphQLError } from 'graphql';
import type { DateTime } from 'luxon';
import type { EventKind, MeetingStatus } from '../../domain/model.js';
import type { Store, TimelineFilter, TimelineQuery } from '../../store/store.js';
import { localDaysWindow } from '../../time/local-days.js';
import type { Context } from './context.js';
import { decodeEventCursor } from './cursors.js';
import { badUserInput, echoed } from './errors.js';
import { decodeGlobalIDOf } from './global-id.js';
import { pageRequest, type ConnectionArgs } from './page-args.js';
import { searchArgument } from './search.js';

/** Values a filter's list may hold (actors, kinds, statuses). */
export const MAX_FILTER_VALUES = 100;

export interface LocalDaysArgs {
  from: string;
  to: string;
  zone: string;
}

export interface TimelineFilterArgs {
  from?: DateTime | null;
  to?: DateTime | null;
  days?: LocalDaysArgs | null;
  actors?: readonly string[] | null;
  anyActors?: readonly string[] | null;
  speakers?: readonly string[] | null;
  includeMembers?: boolean | null;
  sources?: readonly string[] | null;
  kinds?: readonly EventKind[] | null;
  statuses?: readonly MeetingStatus[] | null;
  search?: string | null;
}

export type TimelineArgs = ConnectionArgs & { filter?: TimelineFilterArgs | null };

function checkedList<T>(values: readonly T[] | null | undefined, argument: string): readonly T[] {
  if (!values) return [];
  if (values.length === 0) {
    throw badUserInput(`"${argument}" is an empty list, which no event could match: leave it out to apply no such condition`, { argument });
  }
  if (values.length > MAX_FILTER_VALUES) {
    throw badUserInput(`"${argument}" has ${values.length} values; the limit is ${MAX_FILTER_VALUES}`, { argument, actual: values.length, max: MAX_FILTER_VALUES });
  }
  return values;
}

/** An actor or source a filter names, with where it was named: checked against the store before the filter is used. */
export interface FilterReference {
  type: 'Actor' | 'Source';
  id: string;
  argument: string;
}

/** A filter as the store takes it, and the actors and sources it names. */
export interface BuiltFilter {
  filter: TimelineFilter;
  references: FilterReference[];
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * An actor's or source's slug, or its global ID. The two cannot be confused: a slug is lowercase
 * letters, digits and hyphens, and the base64 of "Actor:" or "Source:" begins with capitals.
 */
function referenceId(value: string, type: FilterReference['type'], argument: string): string {
  if (SLUG.test(value)) return value;
  // Neither a slug nor base64: most likely a slug mistyped ("Russia", "russia "), so say what a slug is.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) {
    const what = type === 'Actor' ? 'actor' : 'source';
    throw badUserInput(`Unknown ${what} "${echoed(value)}" in ${argument}: expected a slug (lowercase letters, digits and hyphens, e.g. ${type === 'Actor' ? 'sergei-lavrov' : 'ria-novosti-2012-11-29'}) or a global ID`, { argument, id: echoed(value) });
  }
  return decodeGlobalIDOf(value, [type], argument);
}

/**
 * Filters as built, by the argument object they came from. A filter given as a variable is the
 * same object in every field that uses it, and every actor's timeline uses it: it is checked and
 * its IDs decoded once per request, not once per actor. (The objects belong to their request.)
 */
const builtFilters = new WeakMap<object, BuiltFilter | Error>();

/** Validates a timeline filter's arguments and builds the store's filter (the references are not looked up: see checkedTimelineFilter). */
export function buildTimelineFilter(filter: TimelineFilterArgs | null | undefined): BuiltFilter {
  if (!filter) return { filter: {}, references: [] };
  const built = builtFilters.get(filter);
  if (built instanceof Error) throw built;
  if (built) return built;
  try {
    const fresh = buildFilter(filter);
    builtFilters.set(filter, fresh);
    return fresh;
  } catch (error) {
    if (error instanceof Error) builtFilters.set(filter, error);
    throw error;
  }
}

/** Scopes a filter to one actor's timeline: the actor is one more of `actors`. */
function scopedTo(filter: TimelineFilter, actorId: string | undefined): TimelineFilter {
  if (actorId === undefined) return filter;
  return { ...filter, actorIds: [...new Set([actorId, ...(filter.actorIds ?? [])])] };
}

function buildFilter(filter: TimelineFilterArgs): BuiltFilter {
  const query: TimelineFilter = {};
  const references: FilterReference[] = [];
  if (filter.from) query.from = filter.from.toMillis();
  if (filter.to) query.to = filter.to.toMillis();
  if (query.from !== undefined && query.to !== undefined && query.from >= query.to) {
    throw badUserInput('"filter.from" must be before "filter.to"', { argument: 'filter.from' });
  }
  if (filter.days) {
    const { from, to, zone } = filter.days;
    if (from > to) throw badUserInput(`"filter.days.to" (${to}) must not be before "filter.days.from" (${from})`, { argument: 'filter.days.to' });
    const days = localDaysWindow(from, to, zone);
    const windowFrom = Math.max(days.from, query.from ?? -Infinity);
    const windowTo = Math.min(days.to, query.to ?? Infinity);
    if (windowFrom >= windowTo) {
      throw badUserInput('"filter.days" and "filter.from"/"filter.to" do not overlap: no event could match both', { argument: 'filter.days' });
    }
    query.from = windowFrom;
    query.to = windowTo;
  }
  const ids = (values: readonly string[] | null | undefined, type: FilterReference['type'], argument: string): string[] | undefined => {
    const list = checkedList(values, argument);
    if (list.length === 0) return undefined;
    const decoded = list.map((value, i) => {
      const id = referenceId(value, type, `${argument}[${i}]`);
      references.push({ type, id, argument: `${argument}[${i}]` });
      return id;
    });
    return [...new Set(decoded)];
  };
  const actorIds = ids(filter.actors, 'Actor', 'filter.actors');
  if (actorIds) query.actorIds = actorIds;
  const anyActorIds = ids(filter.anyActors, 'Actor', 'filter.anyActors');
  if (anyActorIds) query.anyActorIds = anyActorIds;
  const speakerIds = ids(filter.speakers, 'Actor', 'filter.speakers');
  if (speakerIds) query.speakerIds = speakerIds;
  if (filter.includeMembers) query.includeMembers = true;
  const sourceIds = ids(filter.sources, 'Source', 'filter.sources');
  if (sourceIds) query.sourceIds = sourceIds;
  const kinds = checkedList(filter.kinds, 'filter.kinds');
  if (kinds.length > 0) query.kinds = [...new Set(kinds)];
  const statuses = checkedList(filter.statuses, 'filter.statuses');
  if (statuses.length > 0) query.meetingStatuses = [...new Set(statuses)];
  const words = searchArgument(filter.search, 'filter.search');
  if (words.length > 0) query.words = words;
  return { filter: query, references };
}

/** The first of a filter's references the store does not know, as a BAD_USER_INPUT error; undefined when all exist. */
export async function unknownReference(store: Store, references: readonly FilterReference[]): Promise<GraphQLError | undefined> {
  if (references.length === 0) return undefined;
  const actors = references.filter((r) => r.type === 'Actor');
  const sources = references.filter((r) => r.type === 'Source');
  const [foundActors, foundSources] = await Promise.all([
    actors.length > 0 ? store.getActors(actors.map((r) => r.id)) : [],
    sources.length > 0 ? store.getSources(sources.map((r) => r.id)) : [],
  ]);
  const missing = [...actors.filter((_r, i) => !foundActors[i]), ...sources.filter((_r, i) => !foundSources[i])];
  const first = missing[0];
  if (!first) return undefined;
  const what = first.type === 'Actor' ? 'actor' : 'source';
  return badUserInput(`Unknown ${what} "${echoed(first.id)}" in ${first.argument}: no ${what} has this slug or ID`, { argument: first.argument, id: echoed(first.id) });
}

/** Lookups of a filter's references, by the argument object, within one request. */
const checkedFilters = new WeakMap<object, Promise<TimelineFilter>>();

/**
 * Validates a filter, checks that every actor and source it names exists, and builds the store's
 * filter. Wrong arguments throw at once, not in the promise: under a list of actors, the execution
 * guard then counts each failure as it happens and stops building errors past MAX_ERRORS.
 */
export function checkedTimelineFilter(ctx: Context, filter: TimelineFilterArgs | null | undefined, actorId?: string): Promise<TimelineFilter> {
  const built = buildTimelineFilter(filter);
  if (!filter || built.references.length === 0) return Promise.resolve(scopedTo(built.filter, actorId));
  let checked = checkedFilters.get(filter);
  if (!checked) {
    checked = unknownReference(ctx.store, built.references).then((unknown) => {
      if (unknown) throw unknown;
      return built.filter;
    });
    checkedFilters.set(filter, checked);
  }
  return checked.then((base) => scopedTo(base, actorId));
}

/** Validates timeline arguments (filter and paging) at once, throwing, and builds the store query once the filter's references are checked. */
export function checkedTimelineQuery(ctx: Context, args: TimelineArgs, actorId?: string): Promise<TimelineQuery> {
  buildTimelineFilter(args.filter);
  const page = pageRequest(args, decodeEventCursor);
  return checkedTimelineFilter(ctx, args.filter, actorId).then((filter) => ({ ...filter, page }));
}

