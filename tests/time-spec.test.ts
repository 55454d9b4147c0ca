// Unit tests of the time model: how data files' words become half-open spans, via Luxon.
import { Settings } from 'luxon';
import { describe, expect, it } from 'vitest';
import { PARTS_OF_DAY, resolveTimeSpec, TimeSpecResolver, type TimeSpec } from '../src/time/time-spec.js';
import { formatInstant, parseInstant } from '../src/time/zones.js';
import { seededRandom } from './seeded-random.js';

function span(spec: TimeSpec) {
  const result = resolveTimeSpec(spec);
  expect(result.problems).toBeUndefined();
  const { startMs, endMs, zone } = result.span!;
  return { ...result.span!, start: formatInstant(startMs, zone), end: formatInstant(endMs, zone) };
}

function problems(spec: TimeSpec) {
  return resolveTimeSpec(spec).problems;
}

describe('resolveTimeSpec', () => {
  it('makes "Thursday" in Moscow a whole day at UTC+04:00, the offset Moscow kept in 2012', () => {
    expect(span({ zone: 'Europe/Moscow', date: '2012-11-29', text: 'Thursday' })).toMatchObject({
      start: '2012-11-29T00:00:00.000+04:00',
      end: '2012-11-30T00:00:00.000+04:00',
      precision: 'DAY',
      text: 'Thursday',
    });
  });

  it('uses the offset in force at each instant: Moscow was UTC+03:00 in 2015', () => {
    expect(span({ zone: 'Europe/Moscow', date: '2015-11-29' }).start).toBe('2015-11-29T00:00:00.000+03:00');
  });

  it('makes "Dec. 17-18" in Rome two whole days with an exclusive end', () => {
    expect(span({ zone: 'Europe/Rome', date: '2012-12-17', through: '2012-12-18' })).toMatchObject({
      start: '2012-12-17T00:00:00.000+01:00',
      end: '2012-12-19T00:00:00.000+01:00',
      precision: 'DAY',
    });
  });

  // The windows documented in the README, written out here so that a change to them fails.
  it.each([
    ['morning', '06:00', '12:00'],
    ['afternoon', '12:00', '18:00'],
    ['evening', '18:00', '00:00'],
    ['late', '20:00', '00:00'],
    ['after-hours', '18:00', '00:00'],
  ] as const)('gives the part of day "%s" the window %s-%s', (part, from, to) => {
    const result = span({ zone: 'Europe/Moscow', date: '2012-11-29', partOfDay: part });
    expect(result.precision).toBe('PART_OF_DAY');
    expect(result.start).toBe(`2012-11-29T${from}:00.000+04:00`);
    expect(result.end).toBe(`${to === '00:00' ? '2012-11-30' : '2012-11-29'}T${to}:00.000+04:00`);
  });

  it('documents exactly the windows it has', () => {
    expect(Object.keys(PARTS_OF_DAY).sort()).toEqual(['after-hours', 'afternoon', 'evening', 'late', 'morning']);
  });

  it("reads words in another zone than the event's: late Thursday in Moscow is 11:00-15:00 in New York", () => {
    expect(span({ zone: 'America/New_York', readIn: 'Europe/Moscow', date: '2012-11-29', partOfDay: 'late' })).toMatchObject({
      start: '2012-11-29T11:00:00.000-05:00',
      end: '2012-11-29T15:00:00.000-05:00',
      zone: 'America/New_York',
      textZone: 'Europe/Moscow',
    });
  });

  it('keeps whole days whole across daylight-saving changes (23 and 25 hours long)', () => {
    const spring = span({ zone: 'Europe/Rome', date: '2012-03-25' });
    expect((spring.endMs - spring.startMs) / 3_600_000).toBe(23);
    const autumn = span({ zone: 'America/New_York', date: '2012-11-04' });
    expect((autumn.endMs - autumn.startMs) / 3_600_000).toBe(25);
    expect(autumn.end).toBe('2012-11-05T00:00:00.000-05:00');
  });

  it('handles a month, a month cut short by "until", a year, and a time to the minute or hour', () => {
    expect(span({ zone: 'Asia/Qatar', month: '2012-11', until: '2012-11-29' })).toMatchObject({
      start: '2012-11-01T00:00:00.000+03:00',
      end: '2012-11-29T00:00:00.000+03:00',
      precision: 'MONTH',
    });
    expect(span({ zone: 'Europe/Rome', month: '2012-10' }).end).toBe('2012-11-01T00:00:00.000+01:00');
    expect(span({ zone: 'UTC', year: 2012 })).toMatchObject({ start: '2012-01-01T00:00:00.000Z', end: '2013-01-01T00:00:00.000Z', precision: 'YEAR' });
    expect(span({ zone: 'Europe/Moscow', at: '2012-11-29T19:30' })).toMatchObject({
      start: '2012-11-29T19:30:00.000+04:00',
      end: '2012-11-29T19:31:00.000+04:00',
      precision: 'MINUTE',
    });
    expect(span({ zone: 'Europe/Moscow', at: '2012-11-29T19:30', precision: 'HOUR' }).start).toBe('2012-11-29T19:00:00.000+04:00');
  });

  it('reads local times the clocks show twice as the first pass, whatever the date of the run', () => {
    // Luxon alone reads such a time by the zone's offset on the day of the run: a data set loaded
    // in January and one loaded in July would differ.
    const now = Settings.now;
    const seen = new Set<string>();
    try {
      for (const date of [Date.UTC(2024, 0, 15), Date.UTC(2024, 6, 15)]) {
        Settings.now = () => date;
        const resolver = new TimeSpecResolver();
        const specs: TimeSpec[] = [
          // New York's 01:00-02:00 came twice on 4 November 2012: first at UTC−04:00.
          { zone: 'America/New_York', at: '2012-11-04T01:30' },
          { zone: 'America/New_York', at: '2012-11-04T01:30', precision: 'HOUR' },
          // Havana's midnight came twice that day (01:00 went back to 00:00): the day starts at the first.
          { zone: 'America/Havana', date: '2012-11-04' },
          { zone: 'America/Havana', at: '2012-11-04T00:30' },
          { zone: 'America/Havana', month: '2012-11', until: '2012-11-04' },
        ];
        const starts = specs.map((spec) => {
          expect(resolver.resolve(spec)).toEqual(resolveTimeSpec(spec));
          return span(spec).start;
        });
        expect(starts).toEqual([
          '2012-11-04T01:30:00.000-04:00',
          '2012-11-04T01:00:00.000-04:00',
          '2012-11-04T00:00:00.000-04:00',
          '2012-11-04T00:30:00.000-04:00',
          '2012-11-01T00:00:00.000-04:00',
        ]);
        expect(span(specs[2]!).end).toBe('2012-11-05T00:00:00.000-05:00');
        expect(span({ zone: 'America/Havana', month: '2012-11', until: '2012-11-04' }).end).toBe('2012-11-04T00:00:00.000-04:00');
        seen.add(JSON.stringify(specs.map(resolveTimeSpec)));
      }
    } finally {
      Settings.now = now;
    }
    expect(seen.size).toBe(1);
  });

  it("starts a day, a month or a year where midnight is skipped at the first instant there is, and ends it at the next day's", () => {
    // Santiago went from 00:00 to 01:00 on 2 September 2012.
    expect(span({ zone: 'America/Santiago', date: '2012-09-02' })).toMatchObject({
      start: '2012-09-02T01:00:00.000-03:00',
      end: '2012-09-03T00:00:00.000-03:00',
    });
    expect(span({ zone: 'America/Santiago', date: '2012-09-01' }).end).toBe('2012-09-02T01:00:00.000-03:00');
    expect(span({ zone: 'America/Santiago', date: '2012-09-02', partOfDay: 'morning' }).start).toBe('2012-09-02T06:00:00.000-03:00');
    // A time in the skipped hour is read as far past it as it is into it.
    expect(span({ zone: 'America/Santiago', at: '2012-09-02T00:30' }).start).toBe('2012-09-02T01:30:00.000-03:00');
    expect(span({ zone: 'America/New_York', at: '2012-03-11T02:30', precision: 'HOUR' }).start).toBe('2012-03-11T03:00:00.000-04:00');
  });

  it('names the offending key of a bad spec', () => {
    expect(problems({ zone: 'Mars/Olympus', date: '2012-11-29' })).toEqual([{ field: 'zone', message: 'unknown time zone "Mars/Olympus"' }]);
    expect(problems({ zone: 'UTC', date: '2012-13-01' })?.[0]?.field).toBe('date');
    expect(problems({ zone: 'UTC', date: '2012-12-18', through: '2012-12-17' })?.[0]?.field).toBe('through');
    expect(problems({ zone: 'UTC', date: '2012-12-18', month: '2012-12' })?.[0]?.message).toMatch(/exactly one of/);
    expect(problems({ zone: 'UTC' })?.[0]?.message).toMatch(/found none/);
    expect(problems({ zone: 'UTC', month: '2012-12', through: '2012-12-20' })?.[0]).toEqual({ field: 'through', message: '"through" only goes with "date"' });
    expect(problems({ zone: 'UTC', at: '2012-11-29T19:30+04:00' })?.[0]?.field).toBe('at');
    expect(problems({ zone: 'UTC', month: '2011-03', until: '2012-11-30' })?.[0]).toEqual({
      field: 'until',
      message: 'must fall within 2011-03 (at most 2011-04-01): "until" cuts the month short',
    });
    expect(problems({ zone: 'UTC', month: '2011-03', until: '2011-03-01' })?.[0]?.field).toBe('until');
    expect(problems({ zone: 'UTC', date: '2012-11-29', through: '2012-11-30', partOfDay: 'evening' })?.[0]?.field).toBe('through');
  });
});

describe('instants', () => {
  it('accepts ISO 8601 instants with an offset and refuses those without', () => {
    expect(parseInstant('2012-11-29T00:00:00+04:00')?.toMillis()).toBe(Date.UTC(2012, 10, 28, 20));
    expect(parseInstant('2012-11-28T20:00Z')?.toMillis()).toBe(Date.UTC(2012, 10, 28, 20));
    expect(parseInstant('2012-11-29T00:00:00.000-0500')?.toMillis()).toBe(Date.UTC(2012, 10, 29, 5));
    expect(parseInstant('2012-11-29T00:00:00+14:00')?.toMillis()).toBe(Date.UTC(2012, 10, 28, 10));
    for (const bad of [
      '2012-11-29',
      '2012-11-29T00:00:00',
      'Thursday',
      '2012-02-30T00:00:00Z',
      '',
      '2012-11-29T00:00:00+99:00',
      '2012-11-29T00:00:00+04:99',
      '2012-11-29T00:00:00+15:00',
    ]) {
      expect(parseInstant(bad), bad).toBeUndefined();
    }
  });
});

describe('TimeSpecResolver', () => {
  it('gives exactly what resolveTimeSpec gives, for local times on ordinary and transition days, and for every other form', () => {
    const { next, pick } = seededRandom(20121129);
    const pad = (n: number) => String(n).padStart(2, '0');
    const zones = ['Europe/Moscow', 'America/New_York', 'America/St_Johns', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Tehran', 'UTC', 'Mars/Olympus'];
    // Days with and without transitions: each zone's change days of 2011–2012 are among them.
    const dates = [
      '2011-03-13',
      '2011-03-27',
      '2011-11-06',
      '2012-04-01',
      '2012-09-09',
      '2012-10-07',
      '2012-11-04',
      '2012-03-11',
      '2012-11-29',
      '2012-02-29',
      '2012-13-01',
    ];
    const resolver = new TimeSpecResolver();
    let fast = 0;
    for (let i = 0; i < 4000; i++) {
      const zone = pick(zones);
      const date = next() < 0.7 ? pick(dates) : `2012-${pad(1 + Math.floor(next() * 12))}-${pad(1 + Math.floor(next() * 28))}`;
      const form = Math.floor(next() * 6);
      const spec: TimeSpec =
        form <= 2
          ? {
              zone,
              at: `${date}T${pad(Math.floor(next() * 25))}:${pad(Math.floor(next() * 61))}`,
              ...(next() < 0.5 && { precision: pick(['HOUR', 'MINUTE'] as const) }),
            }
          : form === 3
            ? { zone, date, ...(next() < 0.5 && { partOfDay: pick(['morning', 'evening', 'late'] as const) }) }
            : form === 4
              ? { zone, month: date.slice(0, 7), ...(next() < 0.3 && { until: date }) }
              : { zone, date, through: pick(dates) };
      if (next() < 0.3) spec.readIn = pick(zones);
      if (next() < 0.5) spec.text = `words ${i}`;
      const expected = resolveTimeSpec(spec);
      expect(resolver.resolve(spec), JSON.stringify(spec)).toEqual(expected);
      if (form <= 2 && expected.span) fast++;
    }
    // The local times really were exercised (most are valid and on ordinary days).
    expect(fast).toBeGreaterThan(1000);
  });
});
