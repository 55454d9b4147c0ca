// The dashboard's zone arithmetic (dashboard/zones.js, run by the browser) against Luxon.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain browser JavaScript, without type declarations
import { localDateTime, startOfLocalDay } from '../dashboard/zones.js';

const ZONES = [
  'UTC',
  'Europe/Moscow',
  'America/New_York',
  'Europe/Rome',
  'Asia/Qatar',
  'Asia/Damascus',
  'Asia/Tehran',
  'America/Santiago',
  'Asia/Kathmandu',
  'Pacific/Chatham',
];

describe('startOfLocalDay', () => {
  it.each(ZONES)('matches Luxon for every day of 2011-2013 in %s, midnight-skipping DST changes included', (zone) => {
    let day = DateTime.fromISO('2011-01-01', { zone: 'UTC' });
    const mismatches: string[] = [];
    for (let i = 0; i < 3 * 366; i++, day = day.plus({ days: 1 })) {
      const date = day.toISODate()!;
      const expected = DateTime.fromISO(date, { zone }).startOf('day').toUTC().toISO();
      const actual = startOfLocalDay(date, zone);
      if (actual !== expected) mismatches.push(`${date}: ${actual} instead of ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('adds days across month ends, and renders local wall-clock times', () => {
    expect(startOfLocalDay('2012-11-30', 'Europe/Moscow', 1)).toBe('2012-11-30T20:00:00.000Z');
    expect(localDateTime(Date.UTC(2012, 10, 28, 20), 'Europe/Moscow')).toBe('2012-11-29 00:00');
  });
});
