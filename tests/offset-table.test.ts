// The offset table must agree with Luxon's IANAZone to the second: at random instants across
// decades, and on both sides of every change it found.
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { TableZone } from '../src/time/offset-table.js';
import { zoneFor } from '../src/time/zones.js';
import { seededRandom } from './seeded-random.js';

const ALL_ZONES = Intl.supportedValuesOf('timeZone');
// Every fifth zone, plus the ones with odd histories: 30- and 45-minute offsets, DST at 00:01
// (St John's until 2011), Morocco's Ramadan suspensions, Lord Howe's half-hour DST, a date-line jump.
const ZONES = [
  ...new Set([
    ...ALL_ZONES.filter((_, i) => i % 5 === 0),
    'Europe/Moscow',
    'America/St_Johns',
    'Africa/Casablanca',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'Pacific/Apia',
    'Asia/Tehran',
    'Asia/Damascus',
    'America/Santiago',
    'Europe/Dublin',
    'Pacific/Kiritimati',
  ]),
];
const FROM = Date.UTC(1900, 0, 1);
const TO = Date.UTC(2040, 0, 1);

describe('offset table', () => {
  it(`agrees with Luxon's IANAZone at random instants from 1900 to 2040 in ${ZONES.length} zones`, () => {
    const { next } = seededRandom(20121129);
    let checked = 0;
    for (const name of ZONES) {
      const iana = IANAZone.create(name);
      const table = new TableZone(iana, 0); // a table for every year at once
      for (let i = 0; i < 40; i++) {
        const ts = Math.floor(FROM + next() * (TO - FROM));
        expect(table.offset(ts), `${name} at ${new Date(ts).toISOString()}`).toBe(iana.offset(ts));
        checked++;
      }
    }
    expect(checked).toBe(ZONES.length * 40);
  });

  it('finds each change to the second, 1970 to 2030', () => {
    for (const name of ['Europe/Moscow', 'America/St_Johns', 'Africa/Casablanca', 'Australia/Lord_Howe', 'America/New_York', 'Asia/Tehran']) {
      const iana = IANAZone.create(name);
      const table = new TableZone(iana, 0);
      for (let year = 1970; year < 2030; year++) {
        // Every second around each change the table holds, and a sample of the year's days.
        const start = Date.UTC(year, 0, 1);
        for (let day = 0; day < 365; day += 3) {
          const ts = start + day * 86_400_000 + 3_600_000 * (day % 24);
          expect(table.offset(ts), `${name} ${new Date(ts).toISOString()}`).toBe(iana.offset(ts));
        }
        const changes = table.changesIn(year);
        for (const change of changes) {
          for (const ts of [change - 1000, change - 1, change, change + 999]) {
            expect(table.offset(ts), `${name} ${new Date(ts).toISOString()}`).toBe(iana.offset(ts));
          }
        }
      }
    }
  });

  it('answers as IANAZone does before a year has its table, and far from any zone rule', () => {
    const { next } = seededRandom(11);
    for (const name of ['Europe/Moscow', 'America/New_York', 'Australia/Lord_Howe', 'Africa/Casablanca']) {
      const iana = IANAZone.create(name);
      const table = new TableZone(iana);
      // Instants over three millennia (before any zone rule, and long past the last one), each
      // year asked a few times at most: answered directly.
      for (let i = 0; i < 200; i++) {
        const ts = Math.floor(Date.UTC(1000, 0, 1) + next() * (Date.UTC(4000, 0, 1) - Date.UTC(1000, 0, 1)));
        expect(table.offset(ts), `${name} at ${new Date(ts).toISOString()}`).toBe(iana.offset(ts));
      }
      // The same year asked again and again gets its table; the answers do not change. So do
      // years far from now, whose tables hold no change or the last rule's.
      for (const year of [1200, 3500]) expect(table.changesIn(year).length).toBeLessThanOrEqual(name === 'Africa/Casablanca' ? 4 : 2);
      for (let i = 0; i < 100; i++) {
        const ts = Math.floor(Date.UTC(2012, 0, 1) + next() * 366 * 86_400_000);
        expect(table.offset(ts), `${name} at ${new Date(ts).toISOString()}`).toBe(iana.offset(ts));
      }
    }
  });

  it('gives Luxon the same local times and renderings as its own zones', () => {
    const { next } = seededRandom(7);
    for (const name of ['Europe/Moscow', 'America/New_York', 'Australia/Lord_Howe', 'America/St_Johns', 'UTC']) {
      for (let i = 0; i < 300; i++) {
        const ts = Math.floor(Date.UTC(1990, 0, 1) + next() * (Date.UTC(2030, 0, 1) - Date.UTC(1990, 0, 1)));
        expect(DateTime.fromMillis(ts, { zone: zoneFor(name) }).toISO()).toBe(DateTime.fromMillis(ts, { zone: name }).toISO());
        const local = DateTime.fromMillis(ts, { zone: 'UTC' }).toISO({ includeOffset: false })!.slice(0, 16);
        // Local wall times, including those in repeated and skipped hours.
        expect(DateTime.fromISO(local, { zone: zoneFor(name) }).toMillis(), `${local} in ${name}`).toBe(DateTime.fromISO(local, { zone: name }).toMillis());
        expect(
          DateTime.fromISO(local.slice(0, 10), { zone: zoneFor(name) })
            .plus({ days: 1 })
            .startOf('day')
            .toMillis(),
        ).toBe(DateTime.fromISO(local.slice(0, 10), { zone: name }).plus({ days: 1 }).startOf('day').toMillis());
      }
    }
    expect(DateTime.fromMillis(0, { zone: zoneFor('UTC') }).toISO()).toBe('1970-01-01T00:00:00.000Z');
    expect(zoneFor('Mars/Olympus').isValid).toBe(false);
  });

  it('lists the changes between two instants as a search of every day finds them, with those at the very start of a year', () => {
    /** Every change in [from, to): the offset compared day by day, then bisected to the second. */
    const search = (iana: IANAZone, from: number, to: number) => {
      const found: { at: number; offsetBefore: number; offsetAfter: number }[] = [];
      for (let day = from; day < to; day += 86_400_000) {
        let [lo, hi] = [day, Math.min(day + 86_400_000, to)];
        const before = iana.offset(lo);
        const after = iana.offset(hi);
        if (before === after) continue;
        while (hi - lo > 1000) {
          const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
          if (iana.offset(mid) === before) lo = mid;
          else hi = mid;
        }
        found.push({ at: hi, offsetBefore: before, offsetAfter: after });
      }
      return found;
    };
    // Lisbon (1912), Inuvik (1953) and Casey (1969) changed at 00:00 UTC on 1 January, which no
    // year's list of changes holds; Kwajalein crossed the date line; Lord Howe moves half an hour.
    const cases = [
      ['Europe/Lisbon', 1910, 1914],
      ['America/Inuvik', 1951, 1955],
      ['Antarctica/Casey', 1967, 1971],
      ['Pacific/Kwajalein', 1968, 1971],
      ['Australia/Lord_Howe', 2010, 2014],
      ['America/New_York', 2010, 2014],
      ['Europe/Moscow', 2010, 2016],
    ] as const;
    for (const [name, firstYear, lastYear] of cases) {
      const iana = IANAZone.create(name);
      const table = new TableZone(iana);
      const [from, to] = [Date.UTC(firstYear, 0, 1), Date.UTC(lastYear, 0, 1)];
      const expected = search(iana, from, to);
      expect(expected.length, name).toBeGreaterThan(0);
      expect(table.changesBetween(from, to), name).toEqual(expected);
    }
    const atYearStart = search(IANAZone.create('America/Inuvik'), Date.UTC(1952, 11, 31), Date.UTC(1953, 0, 2));
    expect(atYearStart.map((change) => change.at)).toEqual([Date.UTC(1953, 0, 1)]);
    // Both ends are open: a change at `from` is already in force, one at `to` not yet.
    const newYork = new TableZone(IANAZone.create('America/New_York'));
    const fallBack = Date.UTC(2012, 10, 4, 6);
    expect(newYork.changesBetween(fallBack, fallBack + 1000)).toEqual([]);
    expect(newYork.changesBetween(fallBack - 1000, fallBack)).toEqual([]);
    expect(newYork.changesBetween(fallBack - 1000, fallBack + 1)).toEqual([{ at: fallBack, offsetBefore: -240, offsetAfter: -300 }]);
    expect(newYork.changesBetween(fallBack, fallBack)).toEqual([]);
    expect(newYork.changesBetween(NaN, fallBack)).toEqual([]);
  });
});
