// Each export's zone policy, as its module states it (ZONE_POLICY), through the HTTP exports
// over the tests' data set: which zone each writes a time in, what `zone` changes, and how
// daylight saving and all-day events come out. Expected values are absolute, so the machine's
// own TZ cannot change them; Luxon, given each zone by name, is the independent reference.
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { toICalendar, ZONE_POLICY as ICALENDAR_POLICY } from '../src/exports/ical.js';
import { ZONE_POLICY as JSONLD_POLICY } from '../src/exports/jsonld.js';
import { ZONE_POLICY as TIMELINEJS_POLICY } from '../src/exports/timelinejs.js';
import { encodeGlobalID, TYPE_OF_KIND } from '../src/domain/global-id.js';
import type { TimelineEvent } from '../src/domain/model.js';
import { entente } from './helpers.js';

async function get(path: string) {
  const { yoga } = await entente();
  const response = await yoga.fetch(`http://entente.test${path}`);
  expect(response.status, path).toBe(200);
  return response;
}

/** The calendar's content lines, unfolded, without DTSTAMP (the time of the export). */
async function calendarLines(query = '') {
  const text = await (await get(`/export/calendar.ics${query}`)).text();
  return text
    .replace(/\r\n /g, '')
    .split('\r\n')
    .filter((line) => !line.startsWith('DTSTAMP:'));
}

/** The lines of one VEVENT, by UID. */
function vevent(lines: string[], uid: string): string[] {
  const start = lines.indexOf(`UID:${uid}`);
  expect(start, uid).toBeGreaterThan(0);
  return lines.slice(start, lines.indexOf('END:VEVENT', start));
}

/** Each VTIMEZONE's components in order: [name, DTSTART, TZOFFSETFROM, TZOFFSETTO]. */
function vtimezones(lines: string[]): Map<string, string[][]> {
  const zones = new Map<string, string[][]>();
  let components: string[][] = [];
  let component: string[] | undefined;
  for (const line of lines) {
    if (line.startsWith('TZID:')) zones.set(line.slice(5), (components = []));
    else if (line === 'BEGIN:STANDARD' || line === 'BEGIN:DAYLIGHT') component = [line.slice(6)];
    else if (component && /^(DTSTART|TZOFFSETFROM|TZOFFSETTO):/.test(line)) component.push(line.slice(line.indexOf(':') + 1));
    else if (component && line.startsWith('END:')) {
      components.push(component);
      component = undefined;
    }
  }
  return zones;
}

async function dataset() {
  const { dataset } = await entente();
  const context = { actors: new Map(dataset.actors.map((a) => [a.id, a])), sources: new Map(dataset.sources.map((s) => [s.id, s])), now: new Date(0) };
  return { events: dataset.events, context, event: (id: string) => dataset.events.find((e) => e.id === id)! };
}

describe(`iCalendar: ${ICALENDAR_POLICY}`, () => {
  it('writes each event in its own zone, whatever `zone` says: `zone` only sets the calendar of `days`', async () => {
    const plain = await calendarLines();
    for (const zone of ['Asia/Tokyo', 'UTC', 'America/Los_Angeles']) expect(await calendarLines(`?zone=${zone}`)).toEqual(plain);
    expect(vevent(plain, 'statement-churkin-pressure-on-damascus@entente')).toContain('DTSTART;TZID=America/New_York:20121129T110000');
    expect(vevent(plain, 'statement-bogdanov-welcomes-rome-meeting@entente')).toContain('DTSTART;TZID=Europe/Moscow:20121129T180000');
    // Read on Moscow's calendar, in Doha: Doha's own clock, an hour behind Moscow's midnight.
    expect(vevent(plain, 'meeting-national-coalition-founded@entente')).toContain('DTSTART;TZID=Asia/Qatar:20121031T230000');
    // 29 November on New York's calendar takes in Moscow's evening, still written on Moscow's clock.
    const newYorkDay = await calendarLines(`?days=2012-11-29&zone=America/New_York`);
    expect(vevent(newYorkDay, 'statement-bogdanov-welcomes-rome-meeting@entente')).toContain('DTSTART;TZID=Europe/Moscow:20121129T180000');
    expect(vevent(newYorkDay, 'statement-churkin-pressure-on-damascus@entente')).toContain('DTEND;TZID=America/New_York:20121129T150000');
    // Every zone a timed event names has its VTIMEZONE; zones with only all-day events have none.
    expect([...vtimezones(plain).keys()]).toEqual(['America/New_York', 'Asia/Qatar', 'Europe/Moscow']);
  });

  it("makes whole local days all-day dates in the event's own zone, on either side of a daylight-saving change", async () => {
    const lines = await calendarLines('?zone=America/Los_Angeles');
    // In Los Angeles, Rome's days start on the previous afternoon; the dates stay Rome's.
    expect(vevent(lines, 'meeting-rome-opposition-conference@entente')).toEqual(
      expect.arrayContaining(['DTSTART;VALUE=DATE:20121217', 'DTEND;VALUE=DATE:20121219']),
    );
    // New York days in winter (EST) and in summer (EDT) alike.
    expect(vevent(lines, 'vote-vote-s-2012-77@entente')).toEqual(expect.arrayContaining(['DTSTART;VALUE=DATE:20120204', 'DTEND;VALUE=DATE:20120205']));
    expect(vevent(lines, 'vote-vote-s-2012-538@entente')).toEqual(expect.arrayContaining(['DTSTART;VALUE=DATE:20120719', 'DTEND;VALUE=DATE:20120720']));
    // Moscow's whole Thursday is a date in Moscow, though it starts on Wednesday in UTC.
    expect(vevent(lines, 'meeting-ncc-talks-with-lavrov-and-bogdanov@entente')).toEqual(
      expect.arrayContaining(['DTSTART;VALUE=DATE:20121129', 'DTEND;VALUE=DATE:20121130']),
    );
  });

  it("describes New York's daylight saving in its VTIMEZONE: standard and daylight onsets for both years, read back by ical.js as Luxon reads them", async () => {
    const lines = await calendarLines('?search=churkin');
    // Churkin's statement (29 November 2012) with a year either side.
    expect(vtimezones(lines).get('America/New_York')).toEqual([
      ['STANDARD', '20111129T110000', '-0500', '-0500'],
      ['DAYLIGHT', '20120311T020000', '-0500', '-0400'],
      ['STANDARD', '20121104T020000', '-0400', '-0500'],
      ['DAYLIGHT', '20130310T020000', '-0500', '-0400'],
      ['STANDARD', '20131103T020000', '-0400', '-0500'],
    ]);
    const root = new ICAL.Component(ICAL.parse(`${lines.join('\r\n')}\r\n`));
    const newYork = new ICAL.Timezone(root.getFirstSubcomponent('vtimezone')!);
    // Every local noon and half past three in the covered years, on both sides of every change.
    const last = DateTime.fromISO('2013-11-28', { zone: 'UTC' });
    for (let day = DateTime.fromISO('2011-11-30', { zone: 'UTC' }); day <= last; day = day.plus({ days: 1 })) {
      for (const hour of [3, 12]) {
        const local = { year: day.year, month: day.month, day: day.day, hour, minute: 30 };
        const expected = DateTime.fromObject(local, { zone: 'America/New_York' }).toSeconds();
        expect(ICAL.Time.fromData({ ...local, second: 0 }, newYork).toUnixTime(), JSON.stringify(local)).toBe(expected);
      }
    }
  });

  it('writes UTC events, and local times the clocks show twice, in UTC; the hour after a skipped one stays local', async () => {
    const { context, event } = await dataset();
    const template = event('churkin-pressure-on-damascus');
    const at = (id: string, zone: string, startMs: number): TimelineEvent => ({
      ...template,
      id,
      time: { ...template.time, zone, startMs, endMs: startMs + 600_000 },
    });
    const text = toICalendar(
      [
        at('utc', 'UTC', Date.UTC(2012, 10, 29, 16)),
        // New York's clocks went from 02:00 to 03:00 on 11 March 2012: 03:00 EDT is 07:00 UTC.
        at('after-gap', 'America/New_York', Date.UTC(2012, 2, 11, 7)),
        // Lord Howe Island goes back half an hour: 01:45 came twice on 1 April 2012.
        at('lord-howe', 'Australia/Lord_Howe', Date.UTC(2012, 2, 31, 14, 45)),
        // Kwajalein went from UTC+11 to UTC−12 on 1 October 1969: a whole day came twice.
        at('kwajalein', 'Pacific/Kwajalein', Date.UTC(1969, 8, 30, 1)),
      ],
      context,
    );
    const lines = text.replace(/\r\n /g, '').split('\r\n');
    expect(vevent(lines, 'statement-utc@entente')).toContain('DTSTART:20121129T160000Z');
    expect(vevent(lines, 'statement-after-gap@entente')).toContain('DTSTART;TZID=America/New_York:20120311T030000');
    expect(vevent(lines, 'statement-lord-howe@entente')).toContain('DTSTART:20120331T144500Z');
    expect(vevent(lines, 'statement-kwajalein@entente')).toContain('DTSTART:19690930T010000Z');
    expect([...vtimezones(lines).keys()]).toEqual(['America/New_York', 'Australia/Lord_Howe', 'Pacific/Kwajalein']);
  });

  it('gives local mean time offsets to the second, as UTC-OFFSET values allow', async () => {
    const { context, event } = await dataset();
    const template = event('churkin-pressure-on-damascus');
    // Dublin kept Dublin Mean Time, 25 minutes 21 seconds behind Greenwich, until October 1916.
    const startMs = Date.UTC(1916, 0, 10, 12);
    const text = toICalendar([{ ...template, time: { ...template.time, zone: 'Europe/Dublin', startMs, endMs: startMs + 3_600_000 } }], context);
    const dublin = vtimezones(text.split('\r\n')).get('Europe/Dublin')!;
    // From a year before the event (local mean time has seconds), to summer time at 02:00 on 21 May.
    expect(dublin[0]).toEqual(['STANDARD', '19150109T113439', '-002521', '-002521']);
    expect(dublin[1]).toEqual(['DAYLIGHT', '19160521T020000', '-002521', '+003439']);
    for (const [, , from, to] of dublin) for (const value of [from, to]) expect(value).toMatch(/^[+-]\d{4}(\d{2})?$/);
    expect(text).toContain('DTSTART;TZID=Europe/Dublin:19160110T113439');
  });
});

describe(`TimelineJS: ${TIMELINEJS_POLICY}`, () => {
  async function timeline(query: string) {
    return (await (await get(`/export/timeline.json${query}`)).json()) as { title: any; events: any[] };
  }
  const byId = (events: any[], id: string) => events.find((e) => e.unique_id === id);

  it('converts every event to UTC without `zone`: the same document as zone=UTC', async () => {
    const absent = await timeline('');
    expect(absent).toEqual(await timeline('?zone=UTC'));
    expect(absent.title.text.text).toContain('Dates are shown in UTC');
    expect(byId(absent.events, 'statement-churkin-pressure-on-damascus').start_date).toEqual({ year: 2012, month: 11, day: 29, hour: 16, minute: 0 });
    expect(byId(absent.events, 'statement-bogdanov-welcomes-rome-meeting').start_date).toEqual({ year: 2012, month: 11, day: 29, hour: 14, minute: 0 });
  });

  it("converts every event to `zone` when given, and still gives each one's own zone in display_date", async () => {
    const tokyo = await timeline('?zone=Asia/Tokyo');
    expect(tokyo.title.text.text).toContain('Dates are shown in Asia/Tokyo');
    const churkin = byId(tokyo.events, 'statement-churkin-pressure-on-damascus');
    expect(churkin.start_date).toEqual({ year: 2012, month: 11, day: 30, hour: 1, minute: 0 });
    expect(churkin.end_date).toEqual({ year: 2012, month: 11, day: 30, hour: 5, minute: 0 });
    expect(churkin.display_date).toContain(
      '29 Nov 2012 11:00 to 29 Nov 2012 15:00 America/New_York; shown in Asia/Tokyo: 30 Nov 2012 01:00 to 30 Nov 2012 05:00',
    );
    // Each event's parts are its instants on the requested clock.
    const { events } = await dataset();
    for (const event of events) {
      const start = DateTime.fromMillis(event.time.startMs, { zone: 'Asia/Tokyo' });
      const exported = byId(tokyo.events, `${event.kind.toLowerCase()}-${event.id}`);
      expect(
        [exported.start_date.year, exported.start_date.month, exported.start_date.day, exported.start_date.hour ?? 0, exported.start_date.minute ?? 0],
        event.id,
      ).toEqual([start.year, start.month, start.day, start.hour, start.minute]);
    }
  });

  it('gives whole days on the display clock as dates, and the same days elsewhere as times, across daylight saving', async () => {
    const rome = await timeline('?zone=Europe/Rome');
    const conference = byId(rome.events, 'meeting-rome-opposition-conference');
    expect([conference.start_date, conference.end_date]).toEqual([
      { year: 2012, month: 12, day: 17 },
      { year: 2012, month: 12, day: 19 },
    ]);
    // Shown in its own zone, display_date gives it once.
    expect(conference.display_date).toBe('"Dec. 17-18": whole day, 17 Dec 2012 00:00 to 19 Dec 2012 00:00 Europe/Rome');
    const utc = await timeline('');
    expect(byId(utc.events, 'meeting-rome-opposition-conference').start_date).toEqual({ year: 2012, month: 12, day: 16, hour: 23, minute: 0 });
    // New York's midnight is 05:00 UTC in winter and 04:00 in summer.
    expect(byId(utc.events, 'vote-vote-s-2012-77').start_date).toEqual({ year: 2012, month: 2, day: 4, hour: 5, minute: 0 });
    expect(byId(utc.events, 'vote-vote-s-2012-538').start_date).toEqual({ year: 2012, month: 7, day: 19, hour: 4, minute: 0 });
    const newYork = await timeline('?zone=America/New_York');
    expect(byId(newYork.events, 'vote-vote-s-2012-77').start_date).toEqual({ year: 2012, month: 2, day: 4 });
    expect(byId(newYork.events, 'vote-vote-s-2012-538').end_date).toEqual({ year: 2012, month: 7, day: 20 });
  });
});

describe(`JSON-LD: ${JSONLD_POLICY}`, () => {
  async function graph(query: string) {
    return ((await (await get(`/export/events.jsonld${query}`)).json()) as { '@graph': any[] })['@graph'];
  }

  it('renders each event in its own zone without `zone`, and every one in `zone` when given: the same instants', async () => {
    const { events } = await dataset();
    const own = await graph('');
    const tokyo = await graph('?zone=Asia/Tokyo');
    expect(own).toHaveLength(events.length);
    const find = (document: any[], event: TimelineEvent) => document.find((node) => node.identifier === encodeGlobalID(TYPE_OF_KIND[event.kind], event.id));
    for (const event of events) {
      const [inOwn, inTokyo] = [find(own, event), find(tokyo, event)];
      expect(inOwn.startDate, event.id).toBe(DateTime.fromMillis(event.time.startMs, { zone: event.time.zone }).toISO());
      expect(inOwn.endDate, event.id).toBe(DateTime.fromMillis(event.time.endMs, { zone: event.time.zone }).toISO());
      expect(inTokyo.startDate, event.id).toBe(DateTime.fromMillis(event.time.startMs, { zone: 'Asia/Tokyo' }).toISO());
      expect(Date.parse(inTokyo.endDate)).toBe(Date.parse(inOwn.endDate));
    }
  });

  it('gives all-day events as their midnights, with the offset of the day: New York in winter and in summer, Rome, Tokyo', async () => {
    const own = await graph('?kinds=MEETING');
    const named = (words: string) => own.find((e) => e.name.includes(words));
    expect([named('Rome').startDate, named('Rome').endDate]).toEqual(['2012-12-17T00:00:00.000+01:00', '2012-12-19T00:00:00.000+01:00']);
    const votes = await graph('?kinds=VOTE');
    expect(votes.map((v) => v.startDate)).toEqual(['2011-10-04T00:00:00.000-04:00', '2012-02-04T00:00:00.000-05:00', '2012-07-19T00:00:00.000-04:00']);
    const tokyo = await graph('?kinds=MEETING&search=rome&zone=Asia/Tokyo');
    expect([tokyo[0].startDate, tokyo[0].endDate]).toEqual(['2012-12-17T08:00:00.000+09:00', '2012-12-19T08:00:00.000+09:00']);
  });
});
