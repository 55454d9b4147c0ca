// Query parameters of the export endpoints: the same filter as the GraphQL timeline, plus a zone.
import { GraphQLError } from 'graphql';
import { EVENT_KINDS, MEETING_STATUSES, type EventKind, type MeetingStatus } from '../model.js';
import { badUserInput, echoed } from '../schema/errors.js';
import { timelineFilter } from '../schema/types/timeline.js';
import type { TimelineFilter } from '../store/store.js';
import { canonicalZone, parseInstant } from '../time/zones.js';

export interface ExportRequest {
  filter: TimelineFilter;
  /** The zone to render in; undefined means each event's own zone. */
  zone?: string;
}

const KNOWN = ['from', 'to', 'actors', 'kinds', 'statuses', 'search', 'zone'];

/** Comma-separated or repeated values: `kinds=MEETING,VOTE` or `kinds=MEETING&kinds=VOTE`. */
function list(params: URLSearchParams, name: string): string[] {
  return params.getAll(name).flatMap((value) => value.split(',')).map((v) => v.trim()).filter(Boolean);
}

function oneOf<T extends string>(values: string[], allowed: readonly T[], parameter: string): T[] {
  for (const value of values) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw badUserInput(`Unknown value "${echoed(value)}" for "${parameter}": expected ${allowed.join(', ')}`, { parameter });
    }
  }
  return values as T[];
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

/** Reads and validates the parameters; throws a BAD_USER_INPUT GraphQLError naming the parameter. */
export function parseExportParams(params: URLSearchParams): ExportRequest {
  for (const name of params.keys()) {
    if (!KNOWN.includes(name)) throw badUserInput(`Unknown parameter "${echoed(name)}": expected ${KNOWN.join(', ')}`, { parameter: echoed(name) });
  }
  for (const name of ['from', 'to', 'zone', 'search']) {
    if (params.getAll(name).length > 1) throw badUserInput(`"${name}" is given more than once`, { parameter: name });
  }
  const zoneParam = params.get('zone');
  const zone = zoneParam === null ? undefined : canonicalZone(zoneParam);
  if (zoneParam !== null && zone === undefined) throw badUserInput(`Unknown time zone "${echoed(zoneParam)}"`, { parameter: 'zone' });
  const args = {
    from: instant(params, 'from'),
    to: instant(params, 'to'),
    actors: list(params, 'actors'),
    kinds: oneOf<EventKind>(list(params, 'kinds'), EVENT_KINDS, 'kinds'),
    statuses: oneOf<MeetingStatus>(list(params, 'statuses'), MEETING_STATUSES, 'statuses'),
    search: params.get('search'),
  };
  let filter: TimelineFilter;
  try {
    filter = timelineFilter(args);
  } catch (error) {
    // The GraphQL filter names its arguments (filter.actors[0]); here they are parameters (actors).
    if (error instanceof GraphQLError && typeof error.extensions.argument === 'string') {
      const parameter = error.extensions.argument.replace(/^filter\./, '').replace(/\[\d+\]$/, '');
      throw badUserInput(error.message, { ...error.extensions, argument: undefined, parameter });
    }
    throw error;
  }
  return zone === undefined ? { filter } : { filter, zone };
}

