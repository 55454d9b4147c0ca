import { DateTime, IANAZone, Info, InvalidZone, type Zone } from 'luxon';
import { TableZone, type OffsetChange } from './offset-table.js';

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

/** An instant parsed with its offset, as the DateTime scalar's input (Luxon's DateTime). */
export type ParsedInstant = DateTime;

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

/** A date and time as a clock shows it, without a zone (month and day from 1). */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** What a zone's clock shows at an instant, and the zone's offset then (minutes east of UTC). */
export interface WallClock extends LocalDateTime {
  offset: number;
}

/** A local date, with as much of the time of day as is known: midnight where it is left out. */
export type LocalTime = Pick<LocalDateTime, 'year' | 'month' | 'day'> & Partial<LocalDateTime>;

export type OffsetTransition = OffsetChange;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

function validZone(zone: string): Zone {
  const luxon = zoneFor(zone);
  // Zones are validated where they enter (data files, parameters); an invalid one here is a bug.
  if (!luxon.isValid) throw new Error(`Unknown time zone ${zone}`);
  return luxon;
}

function inZone(epochMs: number, zone: string): DateTime {
  const local = DateTime.fromMillis(epochMs, { zone: validZone(zone) });
  if (!local.isValid) throw new Error(`Cannot place ${epochMs} in zone ${zone}`);
  return local;
}

/** What the clocks of a zone (a canonical name) show at an instant, and their offset. */
export function wallClock(epochMs: number, zone: string): WallClock {
  const { year, month, day, hour, minute, second, millisecond, offset } = inZone(epochMs, zone);
  return { year, month, day, hour, minute, second, millisecond, offset };
}

/** What a clock set to a fixed offset (minutes east of UTC) shows at an instant. */
export function wallClockAtOffset(epochMs: number, offsetMinutes: number): LocalDateTime {
  const date = new Date(epochMs + Math.round(offsetMinutes * MINUTE_MS));
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
  };
}

/**
 * The zone's offset from UTC at an instant, in minutes east. Before standard time, zones kept
 * local mean time, whose offsets have seconds: those are fractions of a minute.
 */
export function offsetAt(epochMs: number, zone: string): number {
  return validZone(zone).offset(epochMs);
}

/**
 * Whether the zone keeps daylight-saving (summer) time at the instant, as Luxon judges it: its
 * offset is more than on 1 January or 1 May of that year, which holds in both hemispheres.
 */
export function isDaylightSavingTime(epochMs: number, zone: string): boolean {
  return inZone(epochMs, zone).isInDST;
}

/**
 * Each change of the zone's offset after `fromMs` and before `toMs`, in order, from the offset
 * table's years (so it shares the table's assumption that no zone changes its offset and back
 * within a week). Zones without rules, such as UTC, have none.
 */
export function offsetTransitions(zone: string, fromMs: number, toMs: number): OffsetTransition[] {
  const luxon = validZone(zone);
  return luxon instanceof TableZone ? luxon.changesBetween(fromMs, toMs) : [];
}

/** The local time read as if it were UTC: instants and local times then differ by the offset alone. */
function asUtcMs(local: LocalTime): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0 to 99 as 1900 to 1999.
  date.setUTCFullYear(local.year, local.month - 1, local.day);
  date.setUTCHours(local.hour ?? 0, local.minute ?? 0, local.second ?? 0, local.millisecond ?? 0);
  return date.getTime();
}

/**
 * The instants, in order, at which the zone's clocks show a local time: one as a rule, two in
 * the hour that comes twice when clocks go back, none in the hour they skip going forward.
 * Out-of-range fields carry over as in Date (day 32 is the next month's first).
 */
export function instantsAtLocalTime(local: LocalTime, zone: string): number[] {
  const wall = asUtcMs(local);
  const luxon = validZone(zone);
  // An instant showing `wall` is `wall` minus its own offset, so within a day of it: its offset
  // is one in force a day before or after (as Luxon's getPossibleOffsets assumes), or, between
  // two changes close together, the one at an instant those offsets give.
  const offsets = new Set<number>();
  for (const probe of [wall - DAY_MS, wall + DAY_MS]) {
    const offset = luxon.offset(probe);
    offsets.add(offset);
    offsets.add(luxon.offset(wall - Math.round(offset * MINUTE_MS)));
  }
  const instants = new Set<number>();
  for (const offset of offsets) {
    const instant = wall - Math.round(offset * MINUTE_MS);
    if (Math.round(luxon.offset(instant) * MINUTE_MS) === Math.round(offset * MINUTE_MS)) instants.add(instant);
  }
  return [...instants].sort((a, b) => a - b);
}

/**
 * The instant a local time names, whatever the date of the run: the first of two where clocks
 * go back; where they go forward, as far past the skipped time's start as the time itself is
 * (02:30 in a gap from 02:00 to 03:00 is 03:30), as Luxon reads it.
 */
export function localTimeToInstant(local: LocalTime, zone: string): number {
  const [first] = instantsAtLocalTime(local, zone);
  if (first !== undefined) return first;
  const wall = asUtcMs(local);
  // In a gap the offset rises: the one before it is the lower of those about.
  const before = Math.min(validZone(zone).offset(wall - DAY_MS), validZone(zone).offset(wall + DAY_MS));
  return wall - Math.round(before * MINUTE_MS);
}

/** A local time in a zone as a Luxon DateTime there, read by localTimeToInstant. */
export function atLocalTime(local: LocalTime, zone: string): DateTime {
  return inZone(localTimeToInstant(local, zone), zone);
}
