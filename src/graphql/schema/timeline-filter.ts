// A TimelineFilter argument, validated and turned into the store's filter by
// services/timeline-filter.ts, with errors that name `filter.…` as the query wrote it.
import type { GraphQLError } from 'graphql';
import type { ParsedInstant } from '../../time/zones.js';
import {
  buildTimelineFilter as buildFilterInput,
  unknownReference as unknownFilterReference,
  type BuiltFilter,
  type FieldPath,
  type FilterReference,
  type LocalDaysInput,
  type Naming,
  type TimelineFilterInput,
} from '../../services/timeline-filter.js';
import type { Store, TimelineFilter, TimelineQuery } from '../../store/store.js';
import type { Context } from './context.js';
import { decodeEventCursor } from './cursors.js';
import { asGraphQLError } from './errors.js';
import { pageRequest, type ConnectionArgs } from './page-args.js';

export { MAX_FILTER_VALUES } from '../../services/timeline-filter.js';
export type { BuiltFilter, FilterReference };

export type LocalDaysArgs = LocalDaysInput;

/** The TimelineFilter input as graphql-js gives it: the service's input, with `from`/`to` as the DateTime scalar parsed them. */
export type TimelineFilterArgs = Omit<TimelineFilterInput, 'from' | 'to'> & { from?: ParsedInstant | null; to?: ParsedInstant | null };

export type TimelineArgs = ConnectionArgs & { filter?: TimelineFilterArgs | null };

/** Fields as a query names them: filter.anyActors[1], filter.days.to. */
const ARGUMENT_NAMING: Naming = {
  key: 'argument',
  name: ({ field, index, part }: FieldPath) => `filter.${field}${part ? `.${part}` : ''}${index !== undefined ? `[${index}]` : ''}`,
};

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
  const { from, to, ...rest } = filter;
  try {
    return buildFilterInput({ ...rest, from: from?.toMillis(), to: to?.toMillis() }, ARGUMENT_NAMING);
  } catch (error) {
    throw asGraphQLError(error);
  }
}

/** The first of a filter's references the store does not know, as a BAD_USER_INPUT error; undefined when all exist. */
export async function unknownReference(store: Store, references: readonly FilterReference[]): Promise<GraphQLError | undefined> {
  const unknown = await unknownFilterReference(store, references, ARGUMENT_NAMING);
  return unknown && (asGraphQLError(unknown) as GraphQLError);
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
