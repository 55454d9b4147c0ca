// Zone names as clients write them: every spelling Intl accepts is one canonical zone, and
// nothing is remembered per spelling.
import { DateTime, Settings } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isStartOfLocalDay, localDaysWindow, startOfLocalDay } from '../src/time/local-days.js';
import {
  atLocalTime,
  canonicalZone,
  formatInstant,
  instantsAtLocalTime,
  isDaylightSavingTime,
  localTimeToInstant,
  offsetAt,
  offsetTransitions,
  wallClock,
  wallClockAtOffset,
  zoneFor,
} from '../src/time/zones.js';

describe('canonical zone names', () => {
  it("gives one spelling per zone, whatever the case, and ICU's name for a link", () => {
    for (const name of ['Europe/Moscow', 'europe/moscow', 'EUROPE/MOSCOW', 'eUrOpE/mOsCoW']) expect(canonicalZone(name)).toBe('Europe/Moscow');
    expect(canonicalZone('US/Eastern')).toBe('America/New_York');
    expect(canonicalZone('us/EASTERN')).toBe('America/New_York');
    for (const name of ['UTC', 'utc', 'Etc/UTC', 'GMT']) expect(canonicalZone(name)).toBe('UTC');
    // Every name in the database is its own canonical spelling.
    for (const name of Intl.supportedValuesOf('timeZone')) expect(canonicalZone(name)).toBe(name);
  });

  it('refuses what is not a zone: unknown names, offsets, and anything too long to be one', () => {
    for (const name of ['Mars/Olympus', '', '+03:00', 'Z', 'UTC+3', ' Europe/Moscow', 'Europe/Moscow ', 'x'.repeat(70), `Europe/${'a'.repeat(100_000)}`]) {
      expect(canonicalZone(name), JSON.stringify(name.slice(0, 20))).toBeUndefined();
    }
  });

  it('gives Luxon one zone object per zone, however it is spelt, and renders the same', () => {
    expect(zoneFor('europe/moscow')).toBe(zoneFor('Europe/Moscow'));
    expect(zoneFor('US/Eastern')).toBe(zoneFor('America/New_York'));
    expect(zoneFor('Mars/Olympus').isValid).toBe(false);
    const instant = Date.UTC(2012, 10, 29, 12);
    expect(formatInstant(instant, 'EUROPE/MOSCOW')).toBe('2012-11-29T16:00:00.000+04:00');
    expect(formatInstant(instant, 'Europe/Moscow')).toBe(DateTime.fromMillis(instant, { zone: 'Europe/Moscow' }).toISO());
  });
});

const HOUR = 3_600_000;

/** Runs `check` as if the run were in January and in July: Luxon reads some local times by the zone's offset "now". */
function inWinterAndSummer(check: () => void) {
  const now = Settings.now;
  try {
    for (const date of [Date.UTC(2024, 0, 15), Date.UTC(2024, 6, 15)]) {
      Settings.now = () => date;
      check();
    }
  } finally {
    Settings.now = now;
  }
}

describe("instants on a zone's clock", () => {
  it("gives the wall-clock parts and offset of an instant, in any zone, whatever the machine's zone", () => {
    expect(wallClock(Date.UTC(2012, 10, 29, 16, 5, 7, 89), 'America/New_York')).toEqual({
      year: 2012,
      month: 11,
      day: 29,
      hour: 11,
      minute: 5,
      second: 7,
      millisecond: 89,
      offset: -300,
    });
    expect(wallClock(Date.UTC(2012, 10, 28, 20), 'europe/moscow')).toEqual({
      year: 2012,
      month: 11,
      day: 29,
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
      offset: 240,
    });
    expect(wallClock(Date.UTC(2012, 6, 1), 'UTC')).toMatchObject({ year: 2012, month: 7, day: 1, hour: 0, offset: 0 });
    // Years before 100 are not read as 1900 and after.
    expect(wallClock(new Date('0044-03-15T12:00:00Z').getTime(), 'UTC')).toMatchObject({ year: 44, month: 3, day: 15, hour: 12 });
    expect(() => wallClock(0, 'Mars/Olympus')).toThrow();
    expect(wallClockAtOffset(Date.UTC(2012, 10, 4, 6), -240)).toEqual({ year: 2012, month: 11, day: 4, hour: 2, minute: 0, second: 0, millisecond: 0 });
    expect(wallClockAtOffset(Date.UTC(1900, 0, 1), -25.35)).toMatchObject({ year: 1899, month: 12, day: 31, hour: 23, minute: 34, second: 39 });
  });

  it('gives offsets, daylight saving in both hemispheres, and local mean time to the second', () => {
    expect(offsetAt(Date.UTC(2012, 6, 1), 'America/New_York')).toBe(-240);
    expect(offsetAt(Date.UTC(2012, 0, 1), 'America/New_York')).toBe(-300);
    expect(offsetAt(Date.UTC(2012, 0, 1), 'UTC')).toBe(0);
    expect(offsetAt(Date.UTC(1900, 0, 1), 'Europe/Dublin') * 60).toBeCloseTo(-(25 * 60 + 21), 6);
    expect(isDaylightSavingTime(Date.UTC(2012, 6, 1), 'America/New_York')).toBe(true);
    expect(isDaylightSavingTime(Date.UTC(2012, 0, 1), 'America/New_York')).toBe(false);
    expect(isDaylightSavingTime(Date.UTC(2012, 0, 1), 'Australia/Sydney')).toBe(true);
    expect(isDaylightSavingTime(Date.UTC(2012, 6, 1), 'Australia/Sydney')).toBe(false);
    expect(isDaylightSavingTime(Date.UTC(2012, 6, 1), 'UTC')).toBe(false);
  });

  it("lists a zone's offset transitions between two instants from the offset table, none for UTC", () => {
    expect(offsetTransitions('America/New_York', Date.UTC(2012, 0, 1), Date.UTC(2013, 0, 1))).toEqual([
      { at: Date.UTC(2012, 2, 11, 7), offsetBefore: -300, offsetAfter: -240 },
      { at: Date.UTC(2012, 10, 4, 6), offsetBefore: -240, offsetAfter: -300 },
    ]);
    // Moscow kept UTC+04:00 from March 2011 to October 2014.
    expect(offsetTransitions('Europe/Moscow', Date.UTC(2011, 5, 1), Date.UTC(2014, 5, 1))).toEqual([]);
    expect(offsetTransitions('UTC', Date.UTC(1900, 0, 1), Date.UTC(2100, 0, 1))).toEqual([]);
    expect(offsetTransitions('us/eastern', Date.UTC(2012, 0, 1), Date.UTC(2013, 0, 1))).toHaveLength(2);
  });

  it('finds the instants at which the clocks show a local time: two when they go back, none when they skip it', () => {
    const at = (text: string) => {
      const [date, time = '00:00'] = text.split('T');
      const [year, month, day] = date!.split('-').map(Number);
      const [hour, minute] = time.split(':').map(Number);
      return { year: year!, month: month!, day: day!, hour, minute };
    };
    expect(instantsAtLocalTime(at('2012-11-04T01:30'), 'America/New_York')).toEqual([Date.UTC(2012, 10, 4, 5, 30), Date.UTC(2012, 10, 4, 6, 30)]);
    expect(instantsAtLocalTime(at('2012-11-04T00:59'), 'America/New_York')).toEqual([Date.UTC(2012, 10, 4, 4, 59)]);
    expect(instantsAtLocalTime(at('2012-11-04T02:00'), 'America/New_York')).toEqual([Date.UTC(2012, 10, 4, 7)]);
    expect(instantsAtLocalTime(at('2012-03-11T02:30'), 'America/New_York')).toEqual([]);
    expect(instantsAtLocalTime(at('2012-03-11T03:00'), 'America/New_York')).toEqual([Date.UTC(2012, 2, 11, 7)]);
    // Lord Howe Island goes back half an hour, from 02:00 (UTC+11:00) to 01:30.
    expect(instantsAtLocalTime(at('2012-04-01T01:45'), 'Australia/Lord_Howe')).toEqual([Date.UTC(2012, 2, 31, 14, 45), Date.UTC(2012, 2, 31, 15, 15)]);
    // Kwajalein went from UTC+11 to UTC−12: 30 September 1969 came twice, 23 hours apart.
    expect(instantsAtLocalTime(at('1969-09-30T12:00'), 'Pacific/Kwajalein')).toEqual([Date.UTC(1969, 8, 30, 1), Date.UTC(1969, 9, 1)]);
    // Samoa skipped 30 December 2011.
    expect(instantsAtLocalTime(at('2011-12-30T12:00'), 'Pacific/Apia')).toEqual([]);
    expect(instantsAtLocalTime(at('2012-11-04T01:30'), 'UTC')).toEqual([Date.UTC(2012, 10, 4, 1, 30)]);
    // Luxon agrees wherever the time names one instant.
    for (let ms = Date.UTC(2012, 0, 1); ms < Date.UTC(2013, 0, 1); ms += 7 * HOUR + 13 * 60_000) {
      const { offset: _offset, ...clock } = wallClock(ms, 'Europe/Rome');
      const instants = instantsAtLocalTime(clock, 'Europe/Rome');
      expect(instants).toContain(ms);
      if (instants.length === 1) expect(DateTime.fromObject(clock, { zone: 'Europe/Rome' }).toMillis()).toBe(ms);
    }
  });

  it('reads a local time as one instant whatever the date of the run: the first where clocks go back, past the gap where they skip', () => {
    inWinterAndSummer(() => {
      expect(localTimeToInstant({ year: 2012, month: 11, day: 4, hour: 1, minute: 30 }, 'America/New_York')).toBe(Date.UTC(2012, 10, 4, 5, 30));
      expect(localTimeToInstant({ year: 2012, month: 3, day: 11, hour: 2, minute: 30 }, 'America/New_York')).toBe(Date.UTC(2012, 2, 11, 7, 30));
      expect(localTimeToInstant({ year: 2012, month: 11, day: 29 }, 'Europe/Moscow')).toBe(Date.UTC(2012, 10, 28, 20));
      expect(atLocalTime({ year: 2012, month: 11, day: 4, hour: 1, minute: 30 }, 'America/New_York').toISO()).toBe('2012-11-04T01:30:00.000-04:00');
    });
    // Luxon reads the same skipped time the same way.
    expect(DateTime.fromISO('2012-03-11T02:30', { zone: 'America/New_York' }).toMillis()).toBe(Date.UTC(2012, 2, 11, 7, 30));
  });
});

describe('local days', () => {
  it('starts a day at its first instant: the first of two midnights, or the first instant after a skipped one', () => {
    inWinterAndSummer(() => {
      // Havana's clocks went back from 01:00 to 00:00 on 4 November 2012: the first midnight was at 04:00 UTC.
      expect(startOfLocalDay('2012-11-04', 'America/Havana')).toBe(Date.UTC(2012, 10, 4, 4));
      expect(localDaysWindow('2012-11-04', '2012-11-04', 'America/Havana')).toEqual({ from: Date.UTC(2012, 10, 4, 4), to: Date.UTC(2012, 10, 5, 5) });
    });
    // Santiago skipped midnight on 2 September 2012: the day began at 01:00, UTC−03:00.
    expect(startOfLocalDay('2012-09-02', 'America/Santiago')).toBe(Date.UTC(2012, 8, 2, 4));
    expect(startOfLocalDay('2012-12-31', 'Europe/Rome', 1)).toBe(Date.UTC(2012, 11, 31, 23));
    expect(() => startOfLocalDay('2012-02-30', 'UTC')).toThrow();
  });

  it('tells whether an instant starts its local day', () => {
    expect(isStartOfLocalDay(Date.UTC(2012, 10, 28, 20), 'Europe/Moscow')).toBe(true);
    expect(isStartOfLocalDay(Date.UTC(2012, 10, 28, 20), 'UTC')).toBe(false);
    expect(isStartOfLocalDay(Date.UTC(2012, 10, 28, 20, 0, 0, 1), 'Europe/Moscow')).toBe(false);
    expect(isStartOfLocalDay(Date.UTC(2012, 8, 2, 4), 'America/Santiago')).toBe(true);
    expect(isStartOfLocalDay(Date.UTC(2012, 10, 4, 4), 'America/Havana')).toBe(true);
    // The second midnight of the day is not its start.
    expect(isStartOfLocalDay(Date.UTC(2012, 10, 4, 5), 'America/Havana')).toBe(false);
  });
});
