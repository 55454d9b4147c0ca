import { DateTime, IANAZone } from 'luxon';
import { zoneFor } from './offset-table.js';

// Luxon checks a name by building an Intl.DateTimeFormat (these checks took 3.1 s of a 5 s load
// of 10,000 events): remember the names that pass. Only valid names are kept, so clients cannot grow the set beyond the zone database.
const knownZones = new Map<string, string>();

/** True for names in the IANA time-zone database as Node's ICU knows it (e.g. Europe/Moscow, UTC). */
export function isValidZone(name: string): boolean {
  if (knownZones.has(name)) return true;
  const valid = IANAZone.isValidZone(name);
  if (valid) knownZones.set(name, name);
  return valid;
}

/** One shared string per valid zone name, so that a million spans do not each hold a copy. */
export function sharedZoneName(name: string): string {
  return knownZones.get(name) ?? name;
}

// Date and time, then an explicit offset: Z or ±hh:mm (±hhmm and ±hh are ISO 8601 too),
// within the offsets that exist (−12:00 to +14:00, so at most 14 hours and 59 minutes).
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4])(:?[0-5]\d)?)$/i;

/**
 * Parses an ISO 8601 instant that carries its own offset. Returns undefined for anything else:
 * a bare date or a local time without an offset names no single instant.
 */
export function parseInstant(text: string): DateTime | undefined {
  if (!INSTANT_WITH_OFFSET.test(text)) return undefined;
  const parsed = DateTime.fromISO(text, { setZone: true });
  return parsed.isValid ? parsed : undefined;
}

/** Renders an instant in a zone as ISO 8601 with that zone's offset at that instant. */
export function formatInstant(epochMs: number, zone: string): string {
  const rendered = DateTime.fromMillis(epochMs, { zone: zoneFor(zone) }).toISO();
  // Only an invalid zone makes toISO() fail; zones are validated before they get here.
  if (rendered === null) throw new Error(`Cannot render ${epochMs} in zone ${zone}`);
  return rendered;
}
