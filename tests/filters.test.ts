// Timeline filters as questions are asked: actors that stand for their members, OR as well as
// AND, speakers apart from subjects, sources, whole local days, and slugs where IDs are taken.
// Every field that takes a TimelineFilter must answer alike, and so must the exports.
import { describe, expect, it } from 'vitest';
import { data, entente, error, globalId } from './helpers.js';

const slugs = (connection: { edges: { node: { slug: string } }[] }) => connection.edges.map((edge) => edge.node.slug);

async function timeline(filter: Record<string, unknown>): Promise<string[]> {
  const result = await data('query ($f: TimelineFilter) { timeline(filter: $f, first: 100) { totalCount edges { node { slug } } } }', { f: filter });
  expect(result.timeline.totalCount).toBe(result.timeline.edges.length);
  return slugs(result.timeline);
}

const THURSDAY_NEW_YORK = { from: '2012-11-29', to: '2012-11-29', zone: 'America/New_York' };

describe("the journalist's question: what did Russia say on Thursday 29 November 2012, New York time?", () => {
  it('answers with what Russia and its people said that day, and not what others said about Russia', async () => {
    const said = await timeline({ speakers: ['russia'], includeMembers: true, days: THURSDAY_NEW_YORK });
    expect(said).toEqual([
      'lavrov-calls-for-negotiations',
      'bogdanov-welcomes-rome-meeting',
      'foreign-ministry-calls-unanswered',
      'churkin-pressure-on-damascus',
      'russia-no-comment-on-brahimi-plans',
    ]);
    // Manna spoke about Russia; he is not Russia.
    expect(said.some((slug) => slug.startsWith('manna-'))).toBe(false);
  });

  it('without includeMembers, Russia is only Russia itself', async () => {
    expect(await timeline({ speakers: ['russia'], days: THURSDAY_NEW_YORK })).toEqual(['russia-no-comment-on-brahimi-plans']);
  });

  it('gives the same answer in Actor.timeline, with the actor standing for its members', async () => {
    const result = await data(
      'query ($d: LocalDays) { actor(slug: "russia") { timeline(filter: { kinds: [STATEMENT], includeMembers: true, days: $d }) { edges { node { slug ... on Statement { speaker { slug } } } } } } }',
      { d: THURSDAY_NEW_YORK },
    );
    const statements = result.actor.timeline.edges.map((e: { node: { slug: string } }) => e.node.slug);
    // Russia's own statements and its members' statements, and statements about Russia or its people.
    expect(statements).toEqual(expect.arrayContaining(['lavrov-calls-for-negotiations', 'churkin-pressure-on-damascus', 'manna-russia-pushing-damascus']));
  });
});

describe('actor filters', () => {
  it('anyActors is OR, actors is AND', async () => {
    expect(await timeline({ anyActors: ['sergei-lavrov', 'vitaly-churkin'] })).toEqual([
      'lavrov-calls-for-negotiations',
      'ncc-talks-with-lavrov-and-bogdanov',
      'churkin-pressure-on-damascus',
    ]);
    expect(await timeline({ actors: ['sergei-lavrov', 'vitaly-churkin'] })).toEqual([]);
    expect(await timeline({ actors: ['sergei-lavrov', 'mikhail-bogdanov'] })).toEqual(['ncc-talks-with-lavrov-and-bogdanov']);
  });

  it('includeMembers follows memberships transitively: Russia → Foreign Ministry → Lavrov', async () => {
    const russia = await timeline({ actors: ['russia'], includeMembers: true });
    expect(russia).toEqual(
      expect.arrayContaining([
        'lavrov-calls-for-negotiations',
        'ncc-talks-with-lavrov-and-bogdanov',
        'bogdanov-welcomes-rome-meeting',
        'churkin-pressure-on-damascus',
      ]),
    );
    expect(await timeline({ actors: ['russia'] })).not.toContain('lavrov-calls-for-negotiations');
    // AND of two actors each standing for its members: Russia's people met the NCC's.
    expect(await timeline({ actors: ['russia', 'ncc'], includeMembers: true })).toContain('ncc-talks-with-lavrov-and-bogdanov');
  });

  it("does not follow a seat on a council: the Security Council does not stand for its members' officials", async () => {
    const council = await timeline({ speakers: ['un-security-council'], includeMembers: true });
    expect(council).toEqual([]);
    const involving = await timeline({ anyActors: ['un-security-council'], includeMembers: true });
    expect(involving).not.toContain('lavrov-calls-for-negotiations');
    expect(involving).not.toContain('china-no-comment-on-brahimi-plans');
  });

  it('speakers keeps statements only, by their speaker', async () => {
    const lavrov = await data('{ timeline(filter: { speakers: ["sergei-lavrov"] }) { edges { node { slug kind } } } }');
    expect(lavrov.timeline.edges.map((e: { node: { kind: string } }) => e.node.kind)).toEqual(['STATEMENT']);
    expect(await timeline({ speakers: ['lakhdar-brahimi'] })).toEqual(['brahimi-new-proposals']);
    // Brahimi is the subject of the permanent members' silence, not its speaker.
    expect(await timeline({ anyActors: ['lakhdar-brahimi'] })).toContain('china-no-comment-on-brahimi-plans');
  });

  it('takes slugs and global IDs alike, and rejects unknown ones by name', async () => {
    const bySlug = await timeline({ anyActors: ['sergei-lavrov'], sources: ['ria-novosti-2012-11-29'] });
    const byId = await timeline({ anyActors: [globalId('Actor', 'sergei-lavrov')], sources: [globalId('Source', 'ria-novosti-2012-11-29')] });
    expect(bySlug).toEqual(byId);
    expect(bySlug.length).toBeGreaterThan(0);

    for (const [filter, argument] of [
      [{ anyActors: ['sergei-lavrov', 'nobody'] }, 'filter.anyActors[1]'],
      [{ actors: [globalId('Actor', 'nobody')] }, 'filter.actors[0]'],
      [{ speakers: ['ria-novosti-2012-11-29'] }, 'filter.speakers[0]'],
      [{ sources: ['russia'] }, 'filter.sources[0]'],
    ] as const) {
      const failed = await error('query ($f: TimelineFilter) { timeline(filter: $f) { totalCount } }', { f: filter });
      expect(failed.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(failed.message).toContain(argument);
    }
    // A mistyped slug is called what it is, not an invalid global ID.
    for (const typo of ['Russia', 'russia ', '__proto__']) {
      const failed = await error('query ($f: TimelineFilter) { timeline(filter: $f) { totalCount } }', { f: { anyActors: [typo] } });
      expect(failed.message, typo).toMatch(/^Unknown actor .* expected a slug/);
      expect(failed.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.anyActors[0]' });
    }
    const wrongType = await error(`{ timeline(filter: { actors: ["${globalId('Source', 'ria-novosti-2012-11-29')}"] }) { totalCount } }`);
    expect(wrongType.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.actors[0]' });
  });

  it('refuses an empty list rather than reading it as no condition', async () => {
    for (const field of ['actors', 'anyActors', 'speakers', 'sources', 'kinds', 'statuses']) {
      const failed = await error(`{ timeline(filter: { ${field}: [] }) { totalCount } }`);
      expect(failed.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argument: `filter.${field}` });
    }
  });

  it('rejects an unknown actor in every field that takes a filter', async () => {
    const filter = '{ anyActors: ["nobody"] }';
    for (const field of [
      `timeline(filter: ${filter}) { totalCount }`,
      `actor(slug: "russia") { timeline(filter: ${filter}) { totalCount } }`,
      `timelineHistogram(filter: ${filter}, interval: DAY, zone: "UTC") { count }`,
      `interactions(filter: ${filter}) { count }`,
    ]) {
      const failed = await error(`{ ${field} }`);
      expect(failed.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.anyActors[0]' });
    }
  });
});

describe('sources', () => {
  it('filters by the sources cited, and Source.events gives the same events in timeline order', async () => {
    const record = await timeline({ sources: ['unsc-syria-vetoes-2011-2012'] });
    expect(record).toEqual(['unsc-6627th-meeting', 'vote-s-2011-612', 'unsc-6711th-meeting', 'vote-s-2012-77', 'unsc-6810th-meeting', 'vote-s-2012-538']);
    const { sources } = await data('{ sources { slug events(first: 100) { totalCount edges { node { slug } } } } }');
    const fromSource = sources.find((s: { slug: string }) => s.slug === 'unsc-syria-vetoes-2011-2012');
    expect(slugs(fromSource.events)).toEqual(record);
    // A vote cites the article as well as the record: it is an event of both.
    const article = sources.find((s: { slug: string }) => s.slug === 'ria-novosti-2012-11-29');
    expect(slugs(article.events)).toContain('vote-s-2012-77');
    expect(article.events.totalCount).toBe((await timeline({ sources: ['ria-novosti-2012-11-29'] })).length);
  });

  it("pages Source.events forwards and backwards with the timeline's cursors", async () => {
    const page = (args: string) =>
      data(`{ sources { slug events(${args}) { edges { cursor node { slug } } pageInfo { hasNextPage hasPreviousPage endCursor startCursor } } } }`);
    const first = (await page('first: 2')).sources.find((s: { slug: string }) => s.slug === 'unsc-syria-vetoes-2011-2012').events;
    expect(slugs(first)).toEqual(['unsc-6627th-meeting', 'vote-s-2011-612']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = (await page(`first: 2, after: "${first.pageInfo.endCursor}"`)).sources.find(
      (s: { slug: string }) => s.slug === 'unsc-syria-vetoes-2011-2012',
    ).events;
    expect(slugs(next)).toEqual(['unsc-6711th-meeting', 'vote-s-2012-77']);
    const last = (await page('last: 1')).sources.find((s: { slug: string }) => s.slug === 'unsc-syria-vetoes-2011-2012').events;
    expect(slugs(last)).toEqual(['vote-s-2012-538']);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });
});

describe('local days', () => {
  it("is the zone's whole days: Thursday in New York and Thursday in Moscow are different windows", async () => {
    const newYork = await timeline({ days: THURSDAY_NEW_YORK });
    const moscow = await timeline({ days: { from: '2012-11-29', to: '2012-11-29', zone: 'Europe/Moscow' } });
    const explicit = await timeline({ from: '2012-11-29T00:00:00-05:00', to: '2012-11-30T00:00:00-05:00' });
    expect(newYork).toEqual(explicit);
    expect(moscow).toEqual(await timeline({ from: '2012-11-29T00:00:00+04:00', to: '2012-11-30T00:00:00+04:00' }));
    // The two Thursdays are different windows (New York's begins nine hours after Moscow's), though every event of the
    // seed's Thursday overlaps both. The Wednesdays show it: Moscow's ends as its Thursday begins, and only "earlier this
    // month" (read on the Moscow clock, to the article's day) reaches into it; New York's runs into the Moscow Thursday.
    const wednesday = (zone: string) => timeline({ days: { from: '2012-11-28', to: '2012-11-28', zone } });
    expect(await wednesday('Europe/Moscow')).toEqual(['national-coalition-founded']);
    expect(await wednesday('America/New_York')).toEqual(
      expect.arrayContaining(['national-coalition-founded', 'brahimi-new-proposals', 'ncc-talks-with-lavrov-and-bogdanov']),
    );
    // The Rome conference, 17-18 December in Rome, is on both days in Rome and not on the 19th.
    expect(await timeline({ days: { from: '2012-12-17', to: '2012-12-18', zone: 'Europe/Rome' } })).toEqual(['rome-opposition-conference']);
    expect(await timeline({ days: { from: '2012-12-19', to: '2012-12-31', zone: 'Europe/Rome' } })).toEqual([]);
  });

  it('combines with from and to, both applying', async () => {
    const both = await timeline({ days: { from: '2012-11-01', to: '2012-12-31', zone: 'UTC' }, from: '2012-12-01T00:00:00Z' });
    expect(both).toEqual(['rome-opposition-conference']);
  });

  it('names what is wrong with a bad day range', async () => {
    const q = 'query ($f: TimelineFilter) { timeline(filter: $f) { totalCount } }';
    expect((await error(q, { f: { days: { from: '2012-11-30', to: '2012-11-29', zone: 'UTC' } } })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'filter.days.to',
    });
    expect((await error(q, { f: { days: { from: '2012-11-29', to: '2012-11-29', zone: 'UTC' }, to: '2012-01-01T00:00:00Z' } })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'filter.days',
    });
    const badDate = await error(q, { f: { days: { from: '2012-02-30', to: '2012-03-01', zone: 'UTC' } } });
    expect(badDate.message).toContain('2012-02-30');
    expect(badDate.extensions?.code).toBe('BAD_USER_INPUT');
    const literal = await error('{ timeline(filter: { days: { from: "29/11/2012", to: "2012-11-29", zone: "UTC" } }) { totalCount } }');
    expect(literal.message).toContain('29/11/2012');
    const noZone = await error('{ timeline(filter: { days: { from: "2012-11-29", to: "2012-11-29" } }) { totalCount } }');
    expect(noZone.message).toContain('zone');
  });

  it('costs a histogram over days by its days, so that two fit in one query', async () => {
    const days = '{ days: { from: "2012-11-26", to: "2012-12-02", zone: "UTC" } }';
    const result = await data(
      `{ a: timelineHistogram(filter: ${days}, interval: DAY, zone: "UTC") { count } b: timelineHistogram(filter: ${days}, interval: WEEK, zone: "UTC") { count } }`,
    );
    expect(result.a).toHaveLength(7);
    expect(result.b).toHaveLength(1);
  });

  it('refuses dates outside the years 0001 to 9999', async () => {
    const failed = await error('{ timeline(filter: { days: { from: "0000-01-01", to: "2000-01-02", zone: "UTC" } }) { totalCount } }');
    expect(failed.extensions?.code).toBe('BAD_USER_INPUT');
    expect(failed.message).toContain('0000-01-01');
  });

  it('counts by the same filter in the histogram and the network', async () => {
    const { timelineHistogram } = await data(
      `query ($d: LocalDays) { timelineHistogram(filter: { speakers: ["russia"], includeMembers: true, days: $d }, interval: DAY, zone: "America/New_York") { start count } }`,
      { d: THURSDAY_NEW_YORK },
    );
    expect(timelineHistogram).toEqual([{ start: '2012-11-29T00:00:00.000-05:00', count: 5 }]);
    const { interactions } = await data('{ interactions(filter: { speakers: ["vitaly-churkin"] }) { source { slug } target { slug } kinds } }');
    expect(interactions).toEqual([
      { source: { slug: 'syrian-government' }, target: { slug: 'vitaly-churkin' }, kinds: ['SPOKE_ABOUT'] },
      { source: { slug: 'syrian-opposition' }, target: { slug: 'vitaly-churkin' }, kinds: ['SPOKE_ABOUT'] },
    ]);
  });
});

describe('the exports take the same filter as query parameters', () => {
  async function exported(parameters: string) {
    const { yoga } = await entente();
    const response = await yoga.fetch(`http://entente.test/export/events.jsonld?${parameters}`);
    return { status: response.status, body: (await response.json()) as any };
  }

  it("answers the journalist's question as the API does", async () => {
    const { status, body } = await exported('speakers=russia&includeMembers=true&days=2012-11-29..2012-11-29&zone=America/New_York');
    expect(status).toBe(200);
    const names = body['@graph'].map((event: { name: string }) => event.name);
    expect(names).toHaveLength(5);
    expect(names.some((name: string) => name.startsWith('Haytham Manna'))).toBe(false);
    const single = await exported('anyActors=sergei-lavrov,vitaly-churkin&days=2012-11-29&zone=UTC&sources=ria-novosti-2012-11-29');
    expect(single.body['@graph']).toHaveLength(3);
  });

  it('names the parameter that is wrong', async () => {
    for (const [parameters, parameter] of [
      ['anyActors=nobody', 'anyActors'],
      ['speakers=', 'speakers'],
      ['sources=russia', 'sources'],
      ['days=2012-11-29', 'zone'],
      ['days=2012-11-30..2012-11-29&zone=UTC', 'days'],
      ['days=29.11.2012&zone=UTC', 'days'],
      ['includeMembers=yes', 'includeMembers'],
      ['from=2013-01-01T00:00:00Z&to=2012-01-01T00:00:00Z', 'from'],
    ]) {
      const { status, body } = await exported(parameters!);
      expect(status, parameters).toBe(400);
      expect(body.errors[0].extensions, parameters).toMatchObject({ code: 'BAD_USER_INPUT', parameter });
      // The message names parameters, never the GraphQL filter's arguments.
      expect(body.errors[0].message, parameters).not.toContain('filter.');
    }
    const overlap = await exported('days=2012-11-29&zone=UTC&from=2013-01-01T00:00:00Z');
    expect(overlap.body.errors[0].message).toBe('"days" and "from"/"to" do not overlap: no event could match both');
  });
});
