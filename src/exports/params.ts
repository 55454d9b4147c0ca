// Query parameters of the export endpoints: the same filter as the GraphQL timeline, plus a zone.
import { EVENT_KINDS, MEETING_STATUSES, type EventKind, type MeetingStatus } from '../domain/model.js';
import type { TimelineFilter } from '../domain/timeline-filter.js';
import {
  buildTimelineFilter,
  unknownReference,
  type FilterReference,
  type LocalDaysInput,
  type Naming,
  type TimelineFilterInput,
} from '../services/timeline-filter.js';
import type { Store } from '../store/store.js';
import { echoed, InputError } from '../support/input-error.js';
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
  return params
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

function oneOf<T extends string>(values: string[] | undefined, allowed: readonly T[], parameter: string): T[] | undefined {
  for (const value of values ?? []) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw badParameter(`Unknown value "${echoed(value)}" for "${parameter}": expected ${allowed.join(', ')}`, parameter);
    }
  }
  return values as T[] | undefined;
}

function instant(params: URLSearchParams, name: 'from' | 'to') {
  const value = params.get(name);
  if (value === null) return undefined;
  const parsed = parseInstant(value);
  if (!parsed) {
    throw badParameter(
      `Invalid "${name}" "${echoed(value)}": expected an ISO 8601 date and time with an offset, such as 2012-11-29T00:00:00Z or 2012-11-29T00:00:00%2B04:00 (a "+" must be written %2B in a URL)`,
      name,
    );
  }
  return parsed;
}

/** `days=2012-11-29..2012-11-30` (both included) or `days=2012-11-29`, on the calendar of `zone`. */
function localDays(params: URLSearchParams, zone: string | undefined): LocalDaysInput | undefined {
  const value = params.get('days');
  if (value === null) return undefined;
  const [from = '', to = from, ...rest] = value.split('..');
  if (rest.length > 0 || !isCalendarDate(from) || !isCalendarDate(to)) {
    throw badParameter(`Invalid "days" "${echoed(value)}": expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, such as 2012-11-29..2012-11-30`, 'days');
  }
  if (zone === undefined) throw badParameter('"days" needs "zone", the time zone whose calendar the days follow (e.g. zone=America/New_York)', 'zone');
  return { from, to, zone };
}

function flag(params: URLSearchParams, name: string): boolean | undefined {
  const value = params.get(name);
  if (value === null) return undefined;
  if (value !== 'true' && value !== 'false') throw badParameter(`Invalid "${name}" "${echoed(value)}": expected true or false`, name);
  return value === 'true';
}

/** Fields as a URL names them: the parameter itself (`anyActors`, `days`). */
const PARAMETER_NAMING: Naming = { key: 'parameter', name: ({ field }) => field };

/** A wrong parameter: an InputError naming it in `extensions.parameter`. */
function badParameter(message: string, parameter: string): InputError {
  return new InputError(message, { parameter });
}

/** Reads and validates the parameters; throws an InputError naming the parameter. */
export function parseExportParams(params: URLSearchParams): ExportRequest {
  for (const name of params.keys()) {
    if (!KNOWN.includes(name)) throw badParameter(`Unknown parameter "${echoed(name)}": expected ${KNOWN.join(', ')}`, echoed(name));
  }
  for (const name of SINGLE) {
    if (params.getAll(name).length > 1) throw badParameter(`"${name}" is given more than once`, name);
  }
  const zoneParam = params.get('zone');
  const zone = zoneParam === null ? undefined : canonicalZone(zoneParam);
  if (zoneParam !== null && zone === undefined) throw badParameter(`Unknown time zone "${echoed(zoneParam)}"`, 'zone');
  const args: TimelineFilterInput = {
    from: instant(params, 'from')?.toMillis(),
    to: instant(params, 'to')?.toMillis(),
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
  return { ...buildTimelineFilter(args, PARAMETER_NAMING), ...(zone !== undefined && { zone }) };
}

/** Throws an InputError naming the parameter when an actor or source the export names does not exist. */
export async function checkExportReferences(store: Store, request: ExportRequest): Promise<void> {
  const unknown = await unknownReference(store, request.references, PARAMETER_NAMING);
  if (unknown) throw unknown;
}
