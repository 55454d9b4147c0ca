// iCalendar (RFC 5545) export. Whole-day spans become all-day events (DTSTART/DTEND with
// VALUE=DATE, DTEND exclusive); other spans are timed in the event's own zone (TZID), with a
// VTIMEZONE for each zone, built from the offsets Luxon knows for the years concerned.
import { DateTime } from 'luxon';
import type { TimelineEvent } from '../domain/model.js';
import { describeEvent, isWholeDays, type ExportContext } from './describe.js';

const CRLF = '\r\n';
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** TEXT values escape backslashes, semicolons, commas and newlines (RFC 5545, 3.3.11). */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets, never inside a UTF-8 character (RFC 5545, 3.1). */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function localDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyyLLdd');
}

function localDateTime(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("yyyyLLdd'T'HHmmss");
}

function utcDateTime(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat("yyyyLLdd'T'HHmmss'Z'");
}

function offset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

function offsetAt(ms: number, zone: string): number {
  return DateTime.fromMillis(ms, { zone }).offset;
}

/** The instants in [from, to) at which the zone's offset changes, to the minute. */
function transitions(zone: string, from: number, to: number): number[] {
  const found: number[] = [];
  const first = Math.floor(from / MINUTE);
  const last = Math.ceil(to / MINUTE);
  const minutesPerDay = DAY / MINUTE;
  for (let day = first; day < last; day += minutesPerDay) {
    let lo = day;
    let hi = Math.min(day + minutesPerDay, last);
    if (offsetAt(lo * MINUTE, zone) === offsetAt(hi * MINUTE, zone)) continue;
    // Binary search for the first minute with the new offset.
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(mid * MINUTE, zone) === offsetAt(lo * MINUTE, zone)) lo = mid;
      else hi = mid;
    }
    found.push(hi * MINUTE);
  }
  return found;
}

/** A VTIMEZONE covering [from, to): the offset in force at `from`, then every change after it. */
function vtimezone(zone: string, from: number, to: number): string[] {
  const component = (ms: number, before: number, after: number) => {
    const dst = DateTime.fromMillis(ms, { zone }).isInDST;
    const name = dst ? 'DAYLIGHT' : 'STANDARD';
    return [
      `BEGIN:${name}`,
      // The onset, in the local time in force before it (TZOFFSETFROM).
      `DTSTART:${DateTime.fromMillis(ms, { zone: 'UTC' }).plus({ minutes: before }).toFormat("yyyyLLdd'T'HHmmss")}`,
      `TZOFFSETFROM:${offset(before)}`,
      `TZOFFSETTO:${offset(after)}`,
      `END:${name}`,
    ];
  };
  const lines = [`BEGIN:VTIMEZONE`, `TZID:${zone}`];
  const initial = offsetAt(from, zone);
  lines.push(...component(from, initial, initial));
  let previous = initial;
  for (const change of transitions(zone, from, to)) {
    const next = offsetAt(change, zone);
    lines.push(...component(change, previous, next));
    previous = next;
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/** The instants at which the zone's clocks show `local`: two in the hour when they go back. */
function occurrences(local: string, near: number, zone: string): Set<number> {
  const wall = DateTime.fromFormat(local, "yyyyLLdd'T'HHmmss", { zone: 'UTC' }).toMillis();
  return new Set(
    [near - 6 * HOUR, near, near + 6 * HOUR].map((t) => wall - offsetAt(t, zone) * MINUTE).filter((instant) => localDateTime(instant, zone) === local),
  );
}

/**
 * A timed value in the zone (";TZID=zone:local"), or in UTC ("...Z") where the local time does
 * not name one instant: in the hour that happens twice when clocks go back (RFC 5545 reads it as
 * the first pass, some clients as the second), and for UTC itself.
 */
function dateTimeValue(ms: number, zone: string): string {
  const local = localDateTime(ms, zone);
  return zone === 'UTC' || occurrences(local, ms, zone).size > 1 ? `:${utcDateTime(ms)}` : `;TZID=${zone}:${local}`;
}

const STATUS = { HELD: 'CONFIRMED', PLANNED: 'TENTATIVE', PROPOSED: 'TENTATIVE', CANCELLED: 'CANCELLED' } as const;

/** A stable UID: the same event always has the same UID, across requests and restarts. */
export function eventUid(event: TimelineEvent): string {
  return `${event.kind.toLowerCase()}-${event.id}@entente`;
}

export function toICalendar(events: readonly TimelineEvent[], context: ExportContext): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Entente//Diplomatic event timelines//EN', 'CALSCALE:GREGORIAN', 'X-WR-CALNAME:Entente'];

  const timed = events.filter((event) => !isWholeDays(event.time) && event.time.zone !== 'UTC');
  const zones = [...new Set(timed.map((event) => event.time.zone))].sort();
  for (const zone of zones) {
    const inZone = timed.filter((event) => event.time.zone === zone);
    // A year either side of the events, so that clients can also show them shifted.
    const from = Math.min(...inZone.map((e) => e.time.startMs)) - 366 * DAY;
    const to = Math.max(...inZone.map((e) => e.time.endMs)) + 366 * DAY;
    lines.push(...vtimezone(zone, from, to));
  }

  const stamp = utcDateTime(context.now.getTime());
  for (const event of events) {
    const { zone, startMs, endMs } = event.time;
    const description = describeEvent(event, context);
    lines.push('BEGIN:VEVENT', `UID:${eventUid(event)}`, `DTSTAMP:${stamp}`);
    if (isWholeDays(event.time)) {
      lines.push(`DTSTART;VALUE=DATE:${localDate(startMs, zone)}`, `DTEND;VALUE=DATE:${localDate(endMs, zone)}`);
    } else {
      lines.push(`DTSTART${dateTimeValue(startMs, zone)}`, `DTEND${dateTimeValue(endMs, zone)}`);
    }
    lines.push(`SUMMARY:${text(event.title)}`, `DESCRIPTION:${text(description.text)}`);
    if (event.kind === 'MEETING' && event.location) lines.push(`LOCATION:${text(event.location.name)}`);
    lines.push(`STATUS:${event.kind === 'MEETING' ? STATUS[event.status] : 'CONFIRMED'}`, `CATEGORIES:${event.kind}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join(CRLF) + CRLF;
}
