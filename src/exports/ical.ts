// iCalendar (RFC 5545) export. Whole-day spans become all-day events (DTSTART/DTEND with
// VALUE=DATE, DTEND exclusive); other spans are timed in the event's own zone (TZID), with a
// VTIMEZONE for each zone, built from the zone's offset transitions (src/time/offset-table.ts)
// over the years concerned.
import type { TimelineEvent } from '../domain/model.js';
import { instantsAtLocalTime, isDaylightSavingTime, offsetAt, offsetTransitions, wallClock, wallClockAtOffset, type LocalDateTime } from '../time/zones.js';
import { describeEvent, isWholeDays, type ExportContext } from './describe.js';

/**
 * Each event in its own zone, whatever `zone` says (it only sets the calendar that `days`
 * follows): calendar clients place TZID times themselves, so nothing is converted. Events of
 * whole local days there are all-day dates; other times are local with TZID and a VTIMEZONE,
 * except in UTC ("Z") for UTC events and for local times that the clocks show twice.
 */
export const ZONE_POLICY =
  'each event in its own zone, whatever `zone` says: whole local days as all-day dates; other times local with TZID and a VTIMEZONE, or in UTC for UTC events and for local times the clocks show twice';

const CRLF = '\r\n';
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

function pad(value: number, digits: number): string {
  return `${value < 0 ? '-' : ''}${String(Math.abs(value)).padStart(digits, '0')}`;
}

/** DATE and DATE-TIME values in basic format (RFC 5545, 3.3.4 and 3.3.5), to the second. */
function basicDate(local: LocalDateTime): string {
  return `${pad(local.year, 4)}${pad(local.month, 2)}${pad(local.day, 2)}`;
}

function basicDateTime(local: LocalDateTime): string {
  return `${basicDate(local)}T${pad(local.hour, 2)}${pad(local.minute, 2)}${pad(local.second, 2)}`;
}

function localDate(ms: number, zone: string): string {
  return basicDate(wallClock(ms, zone));
}

function localDateTime(ms: number, zone: string): string {
  return basicDateTime(wallClock(ms, zone));
}

function utcDateTime(ms: number): string {
  return `${basicDateTime(wallClock(ms, 'UTC'))}Z`;
}

/**
 * A UTC-OFFSET value (RFC 5545, 3.3.14): ±hhmm, and seconds where there are some, as in the
 * local mean time that zones kept before standard time.
 */
function offset(minutes: number): string {
  const seconds = Math.round(Math.abs(minutes) * 60);
  const hhmm = `${minutes < 0 ? '-' : '+'}${pad(Math.floor(seconds / 3600), 2)}${pad(Math.floor(seconds / 60) % 60, 2)}`;
  return seconds % 60 === 0 ? hhmm : `${hhmm}${pad(seconds % 60, 2)}`;
}

/** A VTIMEZONE covering [from, to): the offset in force at `from`, then every change after it. */
function vtimezone(zone: string, from: number, to: number): string[] {
  const component = (ms: number, before: number, after: number) => {
    const name = isDaylightSavingTime(ms, zone) ? 'DAYLIGHT' : 'STANDARD';
    return [
      `BEGIN:${name}`,
      // The onset, in the local time in force before it (TZOFFSETFROM).
      `DTSTART:${basicDateTime(wallClockAtOffset(ms, before))}`,
      `TZOFFSETFROM:${offset(before)}`,
      `TZOFFSETTO:${offset(after)}`,
      `END:${name}`,
    ];
  };
  const lines = [`BEGIN:VTIMEZONE`, `TZID:${zone}`];
  const initial = offsetAt(from, zone);
  lines.push(...component(from, initial, initial));
  for (const change of offsetTransitions(zone, from, to)) lines.push(...component(change.at, change.offsetBefore, change.offsetAfter));
  lines.push('END:VTIMEZONE');
  return lines;
}

/**
 * A timed value in the zone (";TZID=zone:local"), or in UTC ("...Z") where the local time does
 * not name one instant: in the hour that happens twice when clocks go back (RFC 5545 reads it as
 * the first pass, some clients as the second), and for UTC itself.
 */
function dateTimeValue(ms: number, zone: string): string {
  return zone === 'UTC' || instantsAtLocalTime(wallClock(ms, zone), zone).length > 1 ? `:${utcDateTime(ms)}` : `;TZID=${zone}:${localDateTime(ms, zone)}`;
}

const STATUS = { HELD: 'CONFIRMED', PLANNED: 'TENTATIVE', PROPOSED: 'TENTATIVE', CANCELLED: 'CANCELLED' } as const;

/** A stable UID: the same event always has the same UID, across requests and restarts. */
export function eventUid(event: TimelineEvent): string {
  return `${event.kind.toLowerCase()}-${event.id}@entente`;
}

export function toICalendar(events: readonly TimelineEvent[], context: ExportContext): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Entente//Diplomatic event timelines//EN', 'CALSCALE:GREGORIAN', 'X-WR-CALNAME:Entente'];

  // Each zone of a timed event, with the instants its events cover; a loop rather than
  // Math.min(...spans), which overflows the stack under a large MAX_EXPORT_EVENTS.
  const covered = new Map<string, { from: number; to: number }>();
  for (const { time } of events) {
    if (time.zone === 'UTC' || isWholeDays(time)) continue;
    const known = covered.get(time.zone);
    if (known) {
      known.from = Math.min(known.from, time.startMs);
      known.to = Math.max(known.to, time.endMs);
    } else {
      covered.set(time.zone, { from: time.startMs, to: time.endMs });
    }
  }
  for (const zone of [...covered.keys()].sort()) {
    const { from, to } = covered.get(zone)!;
    // A year either side of the events, so that clients can also show them shifted.
    lines.push(...vtimezone(zone, from - 366 * DAY, to + 366 * DAY));
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
