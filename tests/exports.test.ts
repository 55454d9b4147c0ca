// The HTTP exports, each parsed back with an independent library.
import ICAL from 'ical.js';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { toICalendar } from '../src/exports/ical.js';
import { entente, globalId } from './helpers.js';

async function get(path: string) {
  const { yoga } = await entente();
  return yoga.fetch(`http://entente.test${path}`);
}

async function calendar(query = '') {
  const response = await get(`/export/calendar.ics${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const text = await response.text();
  const root = new ICAL.Component(ICAL.parse(text));
  // Let ical.js resolve TZIDs with the VTIMEZONEs we sent, and nothing else.
  for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = root.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
  return { text, root, events, byUid: new Map(events.map((e) => [e.uid, e])) };
}

describe('/export/calendar.ics', () => {
  it('exports every event with a stable UID, and lines folded within 75 octets', async () => {
    const first = await calendar();
    const second = await calendar();
    expect(first.events).toHaveLength(25);
    expect(first.byUid.size).toBe(25);
    expect([...first.byUid.keys()]).toEqual([...second.byUid.keys()]);
    expect(first.byUid.has('meeting-rome-opposition-conference@entente')).toBe(true);
    for (const line of first.text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(first.text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('makes Rome an all-day, tentative event from 20121217 to 20121219 (end exclusive)', async () => {
    const { text, byUid } = await calendar();
    expect(text).toContain('DTSTART;VALUE=DATE:20121217\r\nDTEND;VALUE=DATE:20121219\r\n');
    const rome = byUid.get('meeting-rome-opposition-conference@entente')!;
    expect(rome.startDate.isDate).toBe(true);
    expect(rome.startDate.toString()).toBe('2012-12-17');
    expect(rome.endDate.toString()).toBe('2012-12-19');
    expect(rome.component.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(rome.location).toBe('Rome');
    expect(byUid.get('meeting-ncc-talks-with-lavrov-and-bogdanov@entente')!.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('times part-of-day events in their own zone with a matching VTIMEZONE that gives the right instants', async () => {
    const { root, byUid } = await calendar();
    const zones = root.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'));
    const churkin = byUid.get('statement-churkin-pressure-on-damascus@entente')!;
    expect(churkin.startDate.isDate).toBe(false);
    expect(churkin.startDate.zone?.tzid).toBe('America/New_York');
    expect(zones).toContain('America/New_York');
    // ical.js converts with our VTIMEZONE: 11:00 in New York is 16:00 UTC (EST, after the November change).
    expect(churkin.startDate.toUnixTime()).toBe(Date.UTC(2012, 10, 29, 16) / 1000);
    expect(churkin.endDate.toUnixTime()).toBe(Date.UTC(2012, 10, 29, 20) / 1000);
    const bogdanov = byUid.get('statement-bogdanov-welcomes-rome-meeting@entente')!;
    expect(bogdanov.startDate.zone?.tzid).toBe('Europe/Moscow');
    expect(bogdanov.startDate.toUnixTime()).toBe(Date.UTC(2012, 10, 29, 14) / 1000);
    // Every TZID used has its VTIMEZONE.
    for (const event of byUid.values()) if (!event.startDate.isDate) expect(zones).toContain(event.startDate.zone?.tzid);
  });

  it('describes New York daylight saving in its VTIMEZONE', async () => {
    // Noon on the day before the clocks went back, in a calendar covering it.
    const { root } = await calendar('?search=churkin');
    const newYork = new ICAL.Timezone(root.getFirstSubcomponent('vtimezone')!);
    const summer = ICAL.Time.fromData({ year: 2012, month: 11, day: 3, hour: 12 }, newYork);
    const winter = ICAL.Time.fromData({ year: 2012, month: 11, day: 5, hour: 12 }, newYork);
    expect(summer.toUnixTime()).toBe(Date.UTC(2012, 10, 3, 16) / 1000);
    expect(winter.toUnixTime()).toBe(Date.UTC(2012, 10, 5, 17) / 1000);
  });

  it('writes a time in the repeated hour of a fall-back night in UTC, where a local time would be ambiguous', async () => {
    const { dataset } = await entente();
    const template = dataset.events.find((e) => e.id === 'churkin-pressure-on-damascus')!;
    // 01:30 in New York happened twice on 4 November 2012: at 05:30 UTC (EDT) and at 06:30 UTC (EST).
    const at = (id: string, startMs: number) => ({ ...template, id, time: { ...template.time, startMs, endMs: startMs + 600_000 } });
    const text = toICalendar(
      [at('first', Date.UTC(2012, 10, 4, 5, 30)), at('second', Date.UTC(2012, 10, 4, 6, 30)), at('after', Date.UTC(2012, 10, 4, 8, 0))],
      {
        actors: new Map(dataset.actors.map((a) => [a.id, a])),
        sources: new Map(dataset.sources.map((s) => [s.id, s])),
        now: new Date(),
      },
    );
    expect(text).toMatch(/UID:statement-first@entente\r\nDTSTAMP:\S+\r\nDTSTART:20121104T053000Z\r\n/);
    expect(text).toMatch(/UID:statement-second@entente\r\nDTSTAMP:\S+\r\nDTSTART:20121104T063000Z\r\n/);
    const root = new ICAL.Component(ICAL.parse(text));
    for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const starts = root.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c).startDate.toUnixTime());
    // Outside the repeated hour, times stay local to their zone.
    expect(text).toMatch(/UID:statement-after@entente\r\nDTSTAMP:\S+\r\nDTSTART;TZID=America\/New_York:20121104T030000\r\n/);
    expect(starts).toEqual([Date.UTC(2012, 10, 4, 5, 30) / 1000, Date.UTC(2012, 10, 4, 6, 30) / 1000, Date.UTC(2012, 10, 4, 8) / 1000]);
  });

  it('applies the timeline filter from the query string', async () => {
    expect((await calendar('?kinds=VOTE')).events).toHaveLength(3);
    expect((await calendar(`?actors=${encodeURIComponent(globalId('Actor', 'sergei-lavrov'))}&kinds=MEETING`)).events.map((e) => e.uid)).toEqual([
      'meeting-ncc-talks-with-lavrov-and-bogdanov@entente',
    ]);
    expect((await calendar('?statuses=PLANNED&kinds=MEETING')).events).toHaveLength(1);
    expect((await calendar(`?from=${encodeURIComponent('2012-12-01T00:00:00Z')}`)).events).toHaveLength(1);
  });

  it.each([
    ['?kinds=PARTY', 'kinds'],
    ['?from=2012-11-29', 'from'],
    ['?zone=Mars/Olympus', 'zone'],
    ['?actor=x', 'actor'],
    ['?actors=garbage!', 'actors'],
    [`?actors=${globalId('Meeting', 'ncc-news-conference')}`, 'actors'],
    ['?from=2012-12-01T00:00:00Z&to=2012-11-01T00:00:00Z', 'from'],
    ['?zone=UTC&zone=Europe/Rome', 'zone'],
  ])('answers %s with 400 and a BAD_USER_INPUT error naming the parameter', async (query, parameter) => {
    const response = await get(`/export/calendar.ics${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]!.extensions.parameter).toBe(parameter);
  });
});

describe('/export/timeline.json', () => {
  async function timeline(query: string) {
    const response = await get(`/export/timeline.json${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as { events: any[] };
  }

  it('converts dates to the requested zone and states the precision in display_date', async () => {
    const utc = await timeline('?zone=UTC&search=lavrov%20bogdanov&kinds=MEETING');
    expect(utc.events).toHaveLength(1);
    const [talks] = utc.events;
    expect(talks.start_date).toEqual({ year: 2012, month: 11, day: 28, hour: 20, minute: 0 });
    expect(talks.end_date).toEqual({ year: 2012, month: 11, day: 29, hour: 20, minute: 0 });
    expect(talks.display_date).toBe(
      '"Thursday": whole day, 29 Nov 2012 00:00 to 30 Nov 2012 00:00 Europe/Moscow; shown in UTC: 28 Nov 2012 20:00 to 29 Nov 2012 20:00',
    );
    expect(talks.group).toBe('Meeting');
    expect(talks.unique_id).toBe('meeting-ncc-talks-with-lavrov-and-bogdanov');
    const moscow = await timeline('?zone=Europe/Moscow&search=lavrov%20bogdanov&kinds=MEETING');
    // A whole day in the display zone is given as dates; the end stays exclusive, as TimelineJS reads it as an instant.
    expect(moscow.events[0].start_date).toEqual({ year: 2012, month: 11, day: 29 });
    expect(moscow.events[0].end_date).toEqual({ year: 2012, month: 11, day: 30 });
    // Words read on another clock say so.
    const churkin = await timeline('?zone=UTC&search=churkin');
    expect(churkin.events[0].display_date).toBe(
      '"late Thursday" (read on Europe/Moscow time): part of the day, 29 Nov 2012 11:00 to 29 Nov 2012 15:00 America/New_York; shown in UTC: 29 Nov 2012 16:00 to 29 Nov 2012 20:00',
    );
  });

  it('defaults to UTC and exports every event with headline and text', async () => {
    const all = await timeline('');
    expect(all.events).toHaveLength(25);
    for (const event of all.events) {
      expect(event.text.headline.length).toBeGreaterThan(0);
      expect(event.text.text).toContain('Source: ');
      expect(event.display_date).toMatch(/whole day|part of the day|known to the month/);
    }
    const rome = all.events.find((e) => e.unique_id === 'meeting-rome-opposition-conference');
    expect(rome.start_date).toEqual({ year: 2012, month: 12, day: 16, hour: 23, minute: 0 });
  });
});

describe('/export/events.jsonld', () => {
  it('is schema.org Events that a JSON-LD processor expands, with offsets in the dates', async () => {
    const response = await get('/export/events.jsonld?kinds=MEETING');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    const document = await response.json();
    // The schema.org context maps terms into its vocabulary; serve that locally (no network in tests).
    const documentLoader = async (url: string) => {
      if (url.replace(/\/$/, '') !== 'https://schema.org') throw new Error(`unexpected context ${url}`);
      return { contextUrl: undefined, documentUrl: url, document: { '@context': { '@vocab': 'https://schema.org/' } } };
    };
    const expanded = (await jsonld.expand(document, { documentLoader: documentLoader as never })) as Record<string, any>[];
    expect(expanded).toHaveLength(7);
    const S = 'https://schema.org/';
    for (const node of expanded) {
      expect(node['@type']).toEqual([`${S}Event`]);
      expect(node[`${S}startDate`][0]['@value']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}([+-]\d{2}:\d{2}|Z)$/);
    }
    const rome = expanded.find((node) => node[`${S}name`][0]['@value'].includes('Rome'))!;
    expect(rome[`${S}startDate`][0]['@value']).toBe('2012-12-17T00:00:00.000+01:00');
    expect(rome[`${S}endDate`][0]['@value']).toBe('2012-12-19T00:00:00.000+01:00');
    expect(rome[`${S}location`][0][`${S}name`][0]['@value']).toBe('Rome');
    expect(rome[`${S}organizer`][0][`${S}name`][0]['@value']).toBe('National Coordination Committee for Democratic Change in Syria');
    expect(rome[`${S}eventStatus`][0]['@value']).toBe('https://schema.org/EventScheduled');
  });

  it('uses only schema.org Event properties, with agents of the types their ranges allow', async () => {
    const document = await (await get('/export/events.jsonld')).json();
    // Properties of schema.org/Event (and of Thing, which it extends) that the export may use.
    const EVENT_PROPERTIES = [
      '@type',
      'identifier',
      'name',
      'description',
      'startDate',
      'endDate',
      'eventStatus',
      'location',
      'organizer',
      'attendee',
      'performer',
      'about',
      'subjectOf',
    ];
    const AGENTS = ['Person', 'Organization', 'GovernmentOrganization', 'NewsMediaOrganization'];
    expect(document['@graph']).toHaveLength(25);
    for (const event of document['@graph']) {
      for (const key of Object.keys(event)) expect(EVENT_PROPERTIES).toContain(key);
      for (const key of ['organizer', 'attendee', 'performer']) {
        for (const agent of [event[key] ?? []].flat()) expect(AGENTS).toContain(agent['@type']);
      }
    }
    const churkin = document['@graph'].find((e: any) => e.name.startsWith('Vitaly Churkin'));
    expect(churkin.performer.name).toBe('Vitaly Churkin');
    expect(churkin.about.map((a: any) => a.name)).toEqual(['Syrian government', 'Syrian opposition']);
    expect(churkin.attendee).toBeUndefined(); // Itar-Tass reported it; it did not attend
  });

  it('renders the dates in the requested zone', async () => {
    const document = await (await get('/export/events.jsonld?kinds=MEETING&search=rome&zone=America/New_York')).json();
    expect(document['@graph'][0].startDate).toBe('2012-12-16T18:00:00.000-05:00');
  });
});

describe('export parameters, worded for a URL', () => {
  it('says which end of days is which when they are the wrong way round', async () => {
    const { yoga } = await entente();
    const response = await yoga.fetch('http://entente.test/export/events.jsonld?days=2012-11-30..2012-11-29&zone=Europe/Moscow');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]).toMatchObject({
      message: '"days" ends (2012-11-29) before it begins (2012-11-30): write the first day first, 2012-11-29..2012-11-30',
      extensions: { code: 'BAD_USER_INPUT', parameter: 'days' },
    });
  });
});
