import { DateTime, IANAZone } from 'luxon';

/** True for names in the IANA time-zone database as Node's ICU knows it (e.g. Europe/Moscow, UTC). */
export function isValidZone(name: string): boolean {
  return IANAZone.isValidZone(name);
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
  const rendered = DateTime.fromMillis(epochMs, { zone }).toISO();
  // Only an invalid zone makes toISO() fail; zones are validated before they get here.
  if (rendered === null) throw new Error(`Cannot render ${epochMs} in zone ${zone}`);
  return rendered;
}
