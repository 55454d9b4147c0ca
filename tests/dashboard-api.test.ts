// The dashboard queries: histogram buckets in any zone, who-met-whom pairs, the status filter.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  calendarBuckets,
  countBuckets,
  countInto,
  eventsSpan,
  HISTOGRAM_INTERVALS,
  MAX_BUCKETS,
  type HistogramInterval,
} from '../src/domain/calendar-buckets.js';
import { BUCKET_COST } from '../src/graphql/schema/types/dashboard.js';
import type { TimelineEvent } from '../src/domain/model.js';
import { data, entente, error, globalId, query } from './helpers.js';
import { seededRandom } from './seeded-random.js';

const HOUR = 3_600_000;

/** Buckets over the events' own span, as timelineHistogram makes them without a window. */
function histogram(events: TimelineEvent[], interval: HistogramInterval, zone: string) {
  const span = eventsSpan(events)!;
  return countInto(calendarBuckets(span.from, span.to, interval, zone), events);
}

function eventAt(id: string, start: string, end: string): TimelineEvent {
  const startMs = DateTime.fromISO(start, { setZone: true }).toMillis();
  const endMs = DateTime.fromISO(end, { setZone: true }).toMillis();
  return {
    id,
    kind: 'MEETING',
    title: id,
    time: { startMs, endMs, zone: 'UTC', precision: 'MINUTE' },
    actorIds: [],
    citations: [],
    status: 'HELD',
    participants: [],
  };
}

describe('histogram', () => {
  it('counts a Moscow day in both UTC days it spans, and keeps empty days inside the range', async () => {
    const { timelineHistogram } = await data(`{ timelineHistogram(interval: DAY, zone: "UTC",
      filter: { actors: ["${globalId('Actor', 'sergei-lavrov')}"], from: "2012-11-27T00:00:00Z", to: "2012-12-01T00:00:00Z" }) {
      start end count byKind { kind count } } }`);
    expect(timelineHistogram.map((b: any) => [b.start, b.count])).toEqual([
      ['2012-11-27T00:00:00.000Z', 0],
      ['2012-11-28T00:00:00.000Z', 2],
      ['2012-11-29T00:00:00.000Z', 2],
      ['2012-11-30T00:00:00.000Z', 0],
    ]);
    expect(timelineHistogram[1].byKind).toEqual([
      { kind: 'MEETING', count: 1 },
      { kind: 'STATEMENT', count: 1 },
      { kind: 'VOTE', count: 0 },
    ]);
    // In Moscow's own calendar the same events fall on one day.
    const moscow = await data(`{ timelineHistogram(interval: DAY, zone: "Europe/Moscow",
      filter: { actors: ["${globalId('Actor', 'sergei-lavrov')}"] }) { start count } }`);
    expect(moscow.timelineHistogram).toEqual([{ start: '2012-11-29T00:00:00.000+04:00', count: 2 }]);
  });

  it('spans the matching events when no window is given: the three vetoes by month in New York', async () => {
    const { timelineHistogram } = await data('{ timelineHistogram(interval: MONTH, zone: "America/New_York", filter: { kinds: [VOTE] }) { start count } }');
    expect(timelineHistogram).toHaveLength(10); // October 2011 to July 2012
    expect(timelineHistogram[0]).toEqual({ start: '2011-10-01T00:00:00.000-04:00', count: 1 });
    expect(timelineHistogram.filter((b: any) => b.count > 0).map((b: any) => b.start)).toEqual([
      '2011-10-01T00:00:00.000-04:00',
      '2012-02-01T00:00:00.000-05:00',
      '2012-07-01T00:00:00.000-04:00',
    ]);
  });

  it('starts weeks on Monday and follows daylight-saving changes', () => {
    const events = [
      eventAt('a', '2012-03-24T12:00:00+01:00', '2012-03-24T13:00:00+01:00'),
      eventAt('b', '2012-03-26T12:00:00+02:00', '2012-03-26T13:00:00+02:00'),
    ];
    const weeks = histogram(events, 'WEEK', 'Europe/Rome');
    expect(weeks.map((b) => DateTime.fromMillis(b.startMs, { zone: 'Europe/Rome' }).toISO())).toEqual([
      '2012-03-19T00:00:00.000+01:00',
      '2012-03-26T00:00:00.000+02:00',
    ]);
    expect((weeks[0]!.endMs - weeks[0]!.startMs) / HOUR).toBe(167); // the week the clocks went forward
    const days = histogram(events, 'DAY', 'Europe/Rome');
    expect(days.map((b) => (b.endMs - b.startMs) / HOUR)).toEqual([24, 23, 24]);
    expect(days.map((b) => b.count)).toEqual([1, 0, 1]);
    const years = histogram(events, 'YEAR', 'Europe/Rome');
    expect(years).toHaveLength(1);
    expect(years[0]!.count).toBe(2);
  });

  it('refuses an unknown zone and more buckets than a chart can show', async () => {
    expect((await error('{ timelineHistogram(interval: DAY, zone: "Mars/Olympus") { count } }')).extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await error(
      '{ timelineHistogram(interval: DAY, zone: "UTC", filter: { from: "1900-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" }) { count } }',
    );
    expect(tooMany.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.message).toMatch(/Too many buckets/);
  });

  it('counts whole buckets even when the window starts or ends inside one', async () => {
    const query = (from: string) =>
      `{ timelineHistogram(interval: WEEK, zone: "UTC", filter: { from: "${from}", to: "2012-12-03T00:00:00Z" }) { start count } }`;
    const wide = await data(query('2012-11-01T00:00:00Z'));
    const narrow = await data(query('2012-12-01T00:00:00Z'));
    // Both windows end in the week of Monday 26 November; its count does not depend on where the window starts.
    expect(narrow.timelineHistogram[0]).toEqual({ start: '2012-11-26T00:00:00.000Z', count: 18 });
    expect(wide.timelineHistogram.find((b: any) => b.start === '2012-11-26T00:00:00.000Z')).toEqual(narrow.timelineHistogram[0]);
  });

  it('counts its buckets before building them, as many as it builds, across zones, intervals and clock changes', () => {
    const random = seededRandom(1129);
    const zones = ['UTC', 'Europe/Moscow', 'America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Apia', 'Africa/Casablanca', 'Asia/Kathmandu'];
    const spans: Record<HistogramInterval, number> = { DAY: 400 * 86_400_000, WEEK: 2000 * 86_400_000, MONTH: 20_000 * 86_400_000, YEAR: 300_000 * 86_400_000 };
    for (let i = 0; i < 400; i++) {
      const interval = random.pick(HISTOGRAM_INTERVALS);
      const zone = random.pick(zones);
      const from = Date.UTC(1950, 0, 1) + Math.floor(random.next() * 80 * 365 * 86_400_000);
      const to = from + 1 + Math.floor(random.next() * spans[interval]);
      expect(countBuckets(from, to, interval, zone), `${interval} in ${zone} from ${new Date(from).toISOString()} to ${new Date(to).toISOString()}`).toBe(
        calendarBuckets(from, to, interval, zone).length,
      );
    }
    expect(() => calendarBuckets(Date.UTC(1900, 0, 1), Date.UTC(2100, 0, 1), 'DAY', 'UTC')).toThrow(/73049 day buckets, more than 1000/);
  });

  it('builds the buckets Luxon makes by stepping and taking the start of each interval, clock changes at midnight included', () => {
    const units = { DAY: 'day', WEEK: 'week', MONTH: 'month', YEAR: 'year' } as const;
    const reference = (from: number, to: number, interval: HistogramInterval, zone: string) => {
      const unit = units[interval];
      const starts: number[] = [];
      for (let start = DateTime.fromMillis(from, { zone }).startOf(unit); start.toMillis() < to; start = start.plus({ [`${unit}s`]: 1 }).startOf(unit))
        starts.push(start.toMillis());
      return starts;
    };
    // Rome, October 1972: midnight came twice; the month starts at the first.
    const rome = calendarBuckets(Date.UTC(1972, 8, 15), Date.UTC(1972, 10, 15), 'MONTH', 'Europe/Rome');
    expect(rome.map((b) => b.start)).toEqual(['1972-09-01T00:00:00.000+02:00', '1972-10-01T00:00:00.000+02:00', '1972-11-01T00:00:00.000+01:00']);
    expect(rome.map((b) => b.startMs)).toEqual(reference(Date.UTC(1972, 8, 15), Date.UTC(1972, 10, 15), 'MONTH', 'Europe/Rome'));
    const random = seededRandom(1972);
    // Rome's clocks went back at midnight in 1972 (midnight came twice); Sao Paulo's went forward at midnight.
    const zones = ['Europe/Rome', 'America/Sao_Paulo', 'America/Havana', 'Asia/Tehran', 'America/Santiago', 'Europe/Moscow'];
    for (let i = 0; i < 300; i++) {
      const interval = random.pick(HISTOGRAM_INTERVALS);
      const zone = random.pick(zones);
      const from = Date.UTC(1960, 0, 1) + Math.floor(random.next() * 60 * 365 * 86_400_000);
      const to = from + Math.floor(random.next() * { DAY: 300, WEEK: 2000, MONTH: 20_000, YEAR: 300_000 }[interval] * 86_400_000);
      expect(
        calendarBuckets(from, to, interval, zone).map((b) => b.startMs),
        `${interval} in ${zone} from ${new Date(from).toISOString()}`,
      ).toEqual(reference(from, to, interval, zone));
    }
  });

  it('costs each bucket before execution: counted from a closed window, MAX_BUCKETS for an open one', async () => {
    const cost = async (filter: string) =>
      (await query(`{ timelineHistogram(interval: DAY, zone: "Europe/Moscow"${filter}) { count } }`)).extensions?.cost.requested;
    // 30 Moscow days, from midnight to midnight: one field plus 30 buckets at BUCKET_COST each.
    expect(await cost(', filter: { from: "2012-11-01T00:00:00+04:00", to: "2012-12-01T00:00:00+04:00" }')).toBe(1 + 30 * BUCKET_COST);
    // Half a day more is one bucket more, as the histogram has.
    expect(await cost(', filter: { from: "2012-11-01T00:00:00+04:00", to: "2012-12-01T12:00:00+04:00" }')).toBe(1 + 31 * BUCKET_COST);
    expect(await cost('')).toBe(1 + MAX_BUCKETS * BUCKET_COST);
    expect(await cost(', filter: { from: "2012-11-01T00:00:00+04:00" }')).toBe(1 + MAX_BUCKETS * BUCKET_COST);
  });

  it('returns nothing when nothing matches', async () => {
    expect((await data('{ timelineHistogram(interval: DAY, zone: "UTC", filter: { search: "nothing-matches-this" }) { count } }')).timelineHistogram).toEqual(
      [],
    );
  });
});

describe('interactions', () => {
  it('pairs actors who share events, most frequent first, each pair once', async () => {
    const { interactions } = await data('{ interactions(first: 500) { source { slug } target { slug } count events { id } } }');
    const counts = interactions.map((i: any) => i.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const keys = interactions.map((i: any) => `${i.source.slug}|${i.target.slug}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const i of interactions) {
      expect(i.source.slug < i.target.slug).toBe(true);
      expect(i.events).toHaveLength(i.count);
    }
    const lavrovNcc = interactions.find((i: any) => i.source.slug === 'ncc' && i.target.slug === 'sergei-lavrov');
    expect(lavrovNcc.events.map((e: any) => e.id)).toEqual([globalId('Meeting', 'ncc-talks-with-lavrov-and-bogdanov')]);
    // China and Russia voted in the same three ballots; their silences on Brahimi's plans are separate events.
    const chinaRussia = interactions.find((i: any) => i.source.slug === 'china' && i.target.slug === 'russia');
    expect(chinaRussia.count).toBe(3);
  });

  it('connects speakers to whom they spoke about, never to the agencies that reported them', async () => {
    const { interactions } = await data('{ interactions(first: 500) { source { slug } target { slug } count } }');
    const pairs = new Map(interactions.map((i: any) => [`${i.source.slug}|${i.target.slug}`, i.count]));
    expect(pairs.get('bashar-al-assad|sergei-lavrov')).toBe(1); // Lavrov on negotiations between Assad and the opposition
    expect(interactions.some((i: any) => i.source.slug === 'ria-novosti' || i.target.slug === 'ria-novosti' || i.target.slug === 'itar-tass')).toBe(false);
    // Subjects of the same statement did not meet each other.
    expect(pairs.has('bashar-al-assad|syrian-opposition')).toBe(false);
  });

  it('applies the filter and the limit', async () => {
    const { interactions } = await data(`{ interactions(first: 3, filter: { kinds: [MEETING] }) { source { slug } target { slug } count events { kind } } }`);
    expect(interactions).toHaveLength(3);
    expect(interactions[0].count).toBeGreaterThanOrEqual(interactions[2].count);
    expect(interactions.flatMap((i: any) => i.events.map((e: any) => e.kind))).toEqual(expect.arrayContaining(['MEETING']));
    expect(interactions.flatMap((i: any) => i.events.map((e: any) => e.kind)).every((k: string) => k === 'MEETING')).toBe(true);
    const lavrov = await data(`{ interactions(filter: { actors: ["${globalId('Actor', 'sergei-lavrov')}"] }) { source { slug } target { slug } } }`);
    expect(lavrov.interactions.map((i: any) => `${i.source.slug}|${i.target.slug}`).sort()).toEqual(
      [
        'bashar-al-assad|sergei-lavrov',
        'mikhail-bogdanov|ncc',
        'mikhail-bogdanov|russian-foreign-ministry',
        'mikhail-bogdanov|sergei-lavrov',
        'ncc|russian-foreign-ministry',
        'ncc|sergei-lavrov',
        'russian-foreign-ministry|sergei-lavrov',
        'sergei-lavrov|syrian-opposition',
      ].sort(),
    );
    expect((await error('{ interactions(first: 0) { count } }')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect((await error('{ interactions(first: 501) { count } }')).extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('status filter', () => {
  it('keeps meetings with the given statuses and leaves other kinds alone', async () => {
    const planned = await data(
      '{ timeline(first: 100, filter: { statuses: [PLANNED] }) { totalCount edges { node { __typename ... on Meeting { status } } } } }',
    );
    const meetings = planned.timeline.edges.map((e: any) => e.node).filter((n: any) => n.__typename === 'Meeting');
    expect(meetings).toEqual([{ __typename: 'Meeting', status: 'PLANNED' }]);
    expect(planned.timeline.totalCount).toBe(25 - 6); // the six held meetings are dropped
    const { dataset } = await entente();
    expect(dataset.events.filter((e) => e.kind === 'MEETING' && e.status === 'HELD')).toHaveLength(6);
  });
});
