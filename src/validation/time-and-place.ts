// An entry's time (a source's publication, an event's time) and place, as the model holds them:
// a place's zone defaults to its time's, so the two are checked together.
import type { Place, TimeSpan } from '../domain/model.js';
import type { TimeSpec, TimeSpecResolver } from '../time/time-spec.js';
import { canonicalZone } from '../time/zones.js';
import type { PlaceEntry } from './file-schemas.js';
import type { Report } from './problems.js';

/** The span a time spec gives, reporting its problems under `field`. */
export function buildTime(times: TimeSpecResolver, spec: TimeSpec, field: string, report: Report): TimeSpan | undefined {
  const result = times.resolve(spec);
  for (const problem of result.problems ?? []) report(`${field}.${problem.field}`, problem.message);
  return result.span;
}

/**
 * A place, its zone defaulting to its time's: `defaultZone` is that zone, undefined when there
 * is no time, or null when the time's zone is wrong or cannot be read (reported already).
 */
export function buildPlace(entry: PlaceEntry | undefined, defaultZone: string | null | undefined, field: string, report: Report): Place | undefined {
  if (!entry) return undefined;
  if (entry.zone === undefined && defaultZone === null) return undefined;
  const written = entry.zone ?? defaultZone ?? undefined;
  const zone = written === undefined ? undefined : canonicalZone(written);
  if (zone === undefined) {
    report(`${field}.zone`, written === undefined ? 'is required (there is no time to take the zone from)' : `unknown time zone "${written}"`);
    return undefined;
  }
  return { name: entry.name, zone, ...(entry.country !== undefined && { country: entry.country }) };
}

/** The zone a time spec gives a place (see buildPlace); `failed` when the spec itself is invalid. */
export function zoneOf(spec: TimeSpec | undefined, failed: boolean): string | null | undefined {
  if (failed) return null;
  return spec === undefined ? undefined : (canonicalZone(spec.zone) ?? null);
}
