// Whole local days in a zone, as instants: what "Thursday 29 November 2012, New York time" means.
import { DateTime } from 'luxon';
import { zoneFor } from './zones.js';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is a calendar date YYYY-MM-DD that exists (2012-02-30 does not), in years 0001 to 9999. */
export function isCalendarDate(text: string): boolean {
  return CALENDAR_DATE.test(text) && !text.startsWith('0000') && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}

/**
 * [first instant of `from`, first instant after `to`) in `zone`, in epoch milliseconds. A day
 * is as long as the zone's clock makes it (23 or 25 hours across a daylight-saving change), and
 * where midnight does not exist the day starts at the first instant that does.
 */
export function localDaysWindow(from: string, to: string, zone: string): { from: number; to: number } {
  const start = DateTime.fromISO(from, { zone: zoneFor(zone) }).startOf('day');
  const end = DateTime.fromISO(to, { zone: zoneFor(zone) }).plus({ days: 1 }).startOf('day');
  if (!start.isValid || !end.isValid) throw new Error(`Invalid local days ${from}..${to} in ${zone}`);
  return { from: start.toMillis(), to: end.toMillis() };
}
