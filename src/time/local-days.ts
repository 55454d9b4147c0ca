// Whole local days in a zone, as instants: what "Thursday 29 November 2012, New York time" means.
import { DateTime } from 'luxon';
import { localTimeToInstant, wallClock, zoneFor } from './zones.js';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is a calendar date YYYY-MM-DD that exists (2012-02-30 does not), in years 0001 to 9999. */
export function isCalendarDate(text: string): boolean {
  return CALENDAR_DATE.test(text) && !text.startsWith('0000') && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}

/**
 * The first instant of a local date in a zone: its midnight, the first of two where clocks go
 * back over it, and the first instant there is where they skip it. `dayOffset` counts days on
 * from `date` (1 is the next day).
 */
export function startOfLocalDay(date: string, zone: string, dayOffset = 0): number {
  const parsed = DateTime.fromISO(date, { zone: 'UTC' });
  if (!CALENDAR_DATE.test(date) || !parsed.isValid) throw new Error(`Invalid local date ${date}`);
  return localTimeToInstant({ year: parsed.year, month: parsed.month, day: parsed.day + dayOffset }, zone);
}

/** Whether an instant is the first of its local day in the zone (a canonical name). */
export function isStartOfLocalDay(epochMs: number, zone: string): boolean {
  const { year, month, day } = wallClock(epochMs, zone);
  return localTimeToInstant({ year, month, day }, zone) === epochMs;
}

/**
 * [first instant of `from`, first instant after `to`) in `zone`, in epoch milliseconds. A day
 * is as long as the zone's clock makes it (23 or 25 hours across a daylight-saving change), and
 * where midnight does not exist the day starts at the first instant that does.
 */
export function localDaysWindow(from: string, to: string, zone: string): { from: number; to: number } {
  return { from: startOfLocalDay(from, zone), to: startOfLocalDay(to, zone, 1) };
}

/** The local calendar date (YYYY-MM-DD) of an instant in `zone`: the day the zone's clock shows. */
export function localDate(epochMs: number, zone: string): string {
  const date = DateTime.fromMillis(epochMs, { zone: zoneFor(zone) }).toISODate();
  if (date === null) throw new Error(`No local date for ${epochMs} in ${zone}`);
  return date;
}
