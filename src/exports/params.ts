// Query parameters of the export endpoints: the same filter as the GraphQL timeline, plus a zone.
import { GraphQLError } from 'graphql';
import { EVENT_KINDS, MEETING_STATUSES, type EventKind, type MeetingStatus } from '../domain/model.js';
import { badUserInput, echoed } from '../graphql/schema/errors.js';
import { buildTimelineFilter, unknownReference, type BuiltFilter, type FilterReference, type LocalDaysArgs, type TimelineFilterArgs } from '../graphql/schema/timeline-filter.js';
import type { Store, TimelineFilter } from '../store/store.js';
import { isCalendarDate } from '../time/local-days.js';
import { canonicalZone, parseInstant } from '../time/zones.js';

export interface ExportRequest {
  filter: TimelineFilter;
  /** The actors and sources the filter names, to be checked against the store (checkExportReferences). */
  references: FilterReference[];
  /** The zone to render in (and of `days`); undefined means each event's own zone. */
  zone?: string;
}

const KNOWN = ['from', 'to', 'days', 'zone', 'actors', 'anyActors', 'speakers', 'includeMembers', 'sources', 'kinds', 'statuses', 'search'];
const SINGLE = ['from', 'to', 'days', 'zone', 'includeMembers', 'search'];

/** Comma-separated or repeated values: `kinds=MEETING,VOTE` or `kinds=MEETING&kinds=VOTE`; undefined when absent (an empty value is an empty list). */
function list(params: URLSearchParams, name: string): string[] | undefined {
  if (!params.has(name)) return undefined;
  return params.getAll(name).flatMap((value) => value.split(',')).map((v) => v.trim()).filter(Boolean);
}

function oneOf<T extends string>(values: string[] | undefined, allowed: readonly T[], parameter: string): T[] | undefined {
  for (const value of values ?? []) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw badUserInput(`Unknown value "${echoed(value)}" for "${parameter}": expected ${allowed.join(', ')}`, { parameter });
    }
  }
  return values as T[] | undefined;
}

function instant(params: URLSearchParams, name: 'from' | 'to') {
  const value = params.get(name);
  if (value === null) return undefined;
  const parsed = parseInstant(value);
  if (!parsed) {
    throw badUserInput(
      `Invalid "${name}" "${echoed(value)}": expected an ISO 8601 date and time with an offset, such as 2012-11-29T00:00:00Z or 2012-11-29T00:00:00%2B04:00 (a "+" must be written %2B in a URL)`,
      { parameter: name },
    );
  }
  return parsed;
}

/** `days=2012-11-29..2012-11-30` (both included) or `days=2012-11-29`, on the calendar of `zone`. */
function localDays(params: URLSearchParams, zone: string | undefined): LocalDaysArgs | undefined {
  const value = params.get('days');
  if (value === null) return undefined;
  const [from = '', to = from, ...rest] = value.split('..');
  if (rest.length > 0 || !isCalendarDate(from) || !isCalendarDate(to)) {
    throw badUserInput(`Invalid "days" "${echoed(value)}": expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, such as 2012-11-29..2012-11-30`, { parameter: 'days' });
  }
  if (zone === undefined) throw badUserInput('"days" needs "zone", the time zone whose calendar the days follow (e.g. zone=America/New_York)', { parameter: 'zone' });
  return { from, to, zone };
}

function flag(params: URLSearchParams, name: string): boolean | undefined {
  const value = params.get(name);
  if (value === null) return undefined;
  if (value !== 'true' && value !== 'false') throw badUserInput(`Invalid "${name}" "${echoed(value)}": expected true or false`, { parameter: name });
  return value === 'true';
}

/** The export parameter a filter argument came from: filter.actors[0] is actors, filter.days.to is days. */
function parameterOf(argument: string): string {
  return argument.replace(/^filter\./, '').replace(/[[.].*$/, '');
}

/** A filter's error, naming the query parameter rather than the GraphQL argument. */
function asParameterError(error: unknown): unknown {
  if (error instanceof GraphQLError && typeof error.extensions.argument === 'string') {
    // Every argument the message names (filter.days.from, filter.to) becomes its parameter.
    const message = error.message.replace(/filter\.[A-Za-z]+(?:\.[A-Za-z]+)?(?:\[\d+\])?/g, parameterOf);
    return badUserInput(message, {
      ...error.extensions,
      argument: undefined,
      parameter: parameterOf(error.extensions.argument),
    });
  }
  return error;
}

/** Reads and validates the parameters; throws a BAD_USER_INPUT GraphQLError naming the parameter. */
export function parseExportParams(params: URLSearchParams): ExportRequest {
  for (const name of params.keys()) {
    if (!KNOWN.includes(name)) throw badUserInput(`Unknown parameter "${echoed(name)}": expected ${KNOWN.join(', ')}`, { parameter: echoed(name) });
  }
  for (const name of SINGLE) {
    if (params.getAll(name).length > 1) throw badUserInput(`"${name}" is given more than once`, { parameter: name });
  }
  const zoneParam = params.get('zone');
  const zone = zoneParam === null ? undefined : canonicalZone(zoneParam);
  if (zoneParam !== null && zone === undefined) throw badUserInput(`Unknown time zone "${echoed(zoneParam)}"`, { parameter: 'zone' });
  const args: TimelineFilterArgs = {
    from: instant(params, 'from'),
    to: instant(params, 'to'),
    days: localDays(params, zone),
    actors: list(params, 'actors'),
    anyActors: list(params, 'anyActors'),
    speakers: list(params, 'speakers'),
    includeMembers: flag(params, 'includeMembers'),
    sources: list(params, 'sources'),
    kinds: oneOf<EventKind>(list(params, 'kinds'), EVENT_KINDS, 'kinds'),
    statuses: oneOf<MeetingStatus>(list(params, 'statuses'), MEETING_STATUSES, 'statuses'),
    search: params.get('search'),
  };
  let built: BuiltFilter;
  try {
    built = buildTimelineFilter(args);
  } catch (error) {
    throw asParameterError(error);
  }
  return { ...built, ...(zone !== undefined && { zone }) };
}

/** Throws a BAD_USER_INPUT error naming the parameter when an actor or source the export names does not exist. */
export async function checkExportReferences(store: Store, request: ExportRequest): Promise<void> {
  const unknown = await unknownReference(store, request.references);
  if (unknown) throw asParameterError(unknown);
}
