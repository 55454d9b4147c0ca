import { DateTime, IANAZone, Info, InvalidZone, type Zone } from 'luxon';
import { TableZone } from './offset-table.js';

// Intl, and so Luxon, accepts zone names case-insensitively and through links ("europe/MOSCOW",
// "US/Eastern"), so anything keyed by the name as written (a memo, Luxon's caches, a table)
// would grow with every spelling a client invents. Every name is turned into ICU's canonical
// one before anything else sees it: canonical names are remembered (there are as many as zones
// in the database), other spellings only up to a bound.

/**
 * Canonical names (each mapped to its one shared string, so that a million spans do not each
 * hold a copy), and the same names lowercased: most spellings are found here without Intl.
 */
const canonical = new Map(['UTC', ...Intl.supportedValuesOf('timeZone')].map((name) => [name, name]));
const byLowerCase = new Map([...canonical.keys()].map((name) => [name.toLowerCase(), name]));

/**
 * Other spellings already resolved (links such as US/Eastern, in any case), with what they
 * resolved to (null for no zone): Intl builds a formatter for each, some 65 µs and native memory
 * that only a collection frees, and a query can name one in every field. Cleared when full.
 */
const resolvedSpellings = new Map<string, string | null>();
const MAX_RESOLVED_SPELLINGS = 1000;

/** What a zone name can look like: IANA names are short, ASCII, and made of these characters. */
const PLAUSIBLE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/**
 * The zone's canonical IANA name as Node's ICU spells it ("europe/moscow" → "Europe/Moscow",
 * "US/Eastern" → "America/New_York"), or undefined when there is no such zone. Offsets such as
 * "+03:00" are not zones here, whatever the Node version's Intl accepts.
 */
export function canonicalZone(name: string): string | undefined {
  const exact = canonical.get(name);
  if (exact !== undefined) return exact;
  if (!PLAUSIBLE_NAME.test(name)) return undefined;
  const known = byLowerCase.get(name.toLowerCase());
  if (known !== undefined) return known;
  let resolved = resolvedSpellings.get(name);
  if (resolved === undefined) {
    resolved = resolveWithIntl(name);
    if (resolvedSpellings.size >= MAX_RESOLVED_SPELLINGS) resolvedSpellings.clear();
    resolvedSpellings.set(name, resolved);
  }
  return resolved ?? undefined;
}

function resolveWithIntl(name: string): string | null {
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  if (!PLAUSIBLE_NAME.test(resolved)) return null;
  const shared = canonical.get(resolved) ?? resolved;
  canonical.set(shared, shared);
  return shared;
}

const luxonZones = new Map<string, Zone>();
const NO_SUCH_ZONE = new InvalidZone();

/**
 * The Luxon zone for a name, answering offsets from a table when it is an IANA zone (see
 * offset-table.ts). UTC stays Luxon's own (already cheap, and rendered as "Z"). Zones are kept
 * by canonical name, so however a name is spelt the map stays within the database; an unknown
 * name gives Luxon's invalid zone.
 */
export function zoneFor(name: string): Zone {
  const zone = canonicalZone(name);
  if (zone === undefined) return NO_SUCH_ZONE; // never remembered by name, here or by Luxon
  let known = luxonZones.get(zone);
  if (!known) {
    const luxon = Info.normalizeZone(zone);
    known = luxon instanceof IANAZone ? new TableZone(luxon) : luxon;
    luxonZones.set(zone, known);
  }
  return known;
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

/** Renders an instant in a zone (a canonical name) as ISO 8601 with that zone's offset at that instant. */
export function formatInstant(epochMs: number, zone: string): string {
  const rendered = DateTime.fromMillis(epochMs, { zone: zoneFor(zone) }).toISO();
  // Only an invalid zone makes toISO() fail; zones are validated before they get here.
  if (rendered === null) throw new Error(`Cannot render ${epochMs} in zone ${zone}`);
  return rendered;
}
