// The timeline through the public API: zones, paging, filters and refetching.
import { describe, expect, it } from 'vitest';
import { data, globalId } from './helpers.js';

const TALKS = globalId('Meeting', 'ncc-talks-with-lavrov-and-bogdanov');
const ROME = globalId('Meeting', 'rome-opposition-conference');

async function allIds(filter = '{}'): Promise<string[]> {
  const result = await data(`{ timeline(first: 100, filter: ${filter}) { edges { node { id } } } }`);
  return result.timeline.edges.map((e: any) => e.node.id);
}

describe('time zones', () => {
  it('renders the Moscow talks at +04:00 by default, and the same instants in UTC and New York', async () => {
    const { node } = await data(
      `query ($id: ID!) { node(id: $id) { ... on Meeting { time {
      zone start end utc: start(zone: "UTC") utcEnd: end(zone: "UTC") ny: start(zone: "America/New_York") nyEnd: end(zone: "America/New_York") } } } }`,
      { id: TALKS },
    );
    expect(node.time).toEqual({
      zone: 'Europe/Moscow',
      start: '2012-11-29T00:00:00.000+04:00',
      end: '2012-11-30T00:00:00.000+04:00',
      utc: '2012-11-28T20:00:00.000Z',
      utcEnd: '2012-11-29T20:00:00.000Z',
      ny: '2012-11-28T15:00:00.000-05:00',
      nyEnd: '2012-11-29T15:00:00.000-05:00',
    });
  });

  it('renders the Rome conference as whole days at +01:00, and in Moscow and Tokyo', async () => {
    const { node } = await data(
      `query ($id: ID!) { node(id: $id) { ... on Meeting { time {
      start end moscow: start(zone: "Europe/Moscow") tokyoEnd: end(zone: "Asia/Tokyo") } } } }`,
      { id: ROME },
    );
    expect(node.time).toEqual({
      start: '2012-12-17T00:00:00.000+01:00',
      end: '2012-12-19T00:00:00.000+01:00',
      moscow: '2012-12-17T03:00:00.000+04:00',
      tokyoEnd: '2012-12-19T08:00:00.000+09:00',
    });
  });

  it('renders a span alike however often, with or without its own zone named, and in another zone in between', async () => {
    const time = async () =>
      (
        await data(
          `query ($id: ID!) { node(id: $id) { ... on Meeting { time { start own: start(zone: "Europe/Rome") tokyo: start(zone: "Asia/Tokyo") end } } } }`,
          { id: ROME },
        )
      ).node.time;
    const expected = {
      start: '2012-12-17T00:00:00.000+01:00',
      own: '2012-12-17T00:00:00.000+01:00',
      tokyo: '2012-12-17T08:00:00.000+09:00',
      end: '2012-12-19T00:00:00.000+01:00',
    };
    expect(await time()).toEqual(expected);
    expect(await time()).toEqual(expected);
  });

  it("places Churkin's late Thursday in New York, read on the Moscow clock", async () => {
    const { node } = await data(
      `{ node(id: "${globalId('Statement', 'churkin-pressure-on-damascus')}") { ... on Statement { time { start end zone textZone text precision moscow: start(zone: "Europe/Moscow") } } } }`,
    );
    expect(node.time).toEqual({
      start: '2012-11-29T11:00:00.000-05:00',
      end: '2012-11-29T15:00:00.000-05:00',
      zone: 'America/New_York',
      textZone: 'Europe/Moscow',
      text: 'late Thursday',
      precision: 'PART_OF_DAY',
      moscow: '2012-11-29T20:00:00.000+04:00',
    });
  });
});

describe('paging', () => {
  it('sorts the timeline by start, then end, then id', async () => {
    const { timeline } = await data('{ timeline(first: 100) { edges { node { id time { start: start(zone: "UTC") end: end(zone: "UTC") } } } } }');
    const keys = timeline.edges.map((e: any) => [e.node.time.start, e.node.time.end, Buffer.from(e.node.id, 'base64').toString().split(':')[1]]);
    const sorted = [...keys].sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] !== b[1] ? (a[1] < b[1] ? -1 : 1) : a[2] < b[2] ? -1 : 1));
    expect(keys).toEqual(sorted);
    // The 6627th meeting and its vote share a span: the ids break the tie.
    expect(keys.slice(0, 2).map((k: string[]) => k[2])).toEqual(['unsc-6627th-meeting', 'vote-s-2011-612']);
    expect(keys.at(-1)[2]).toBe('rome-opposition-conference');
  });

  it.each([1, 2, 3, 7])('walks the whole timeline forwards and backwards %i at a time', async (size) => {
    const all = await allIds();
    const pageQuery = `query ($first: Int, $after: String, $last: Int, $before: String) {
      timeline(first: $first, after: $after, last: $last, before: $before) {
        totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

    const forwards: string[] = [];
    let after: string | undefined;
    for (let pages = 0; ; pages++) {
      const { timeline } = await data(pageQuery, { first: size, after });
      expect(timeline.totalCount).toBe(all.length);
      expect(timeline.edges.length).toBeLessThanOrEqual(size);
      forwards.push(...timeline.edges.map((e: any) => e.node.id));
      expect(timeline.pageInfo.hasPreviousPage).toBe(pages > 0);
      expect(timeline.pageInfo.startCursor).toBe(timeline.edges[0]?.cursor ?? null);
      expect(timeline.pageInfo.endCursor).toBe(timeline.edges.at(-1)?.cursor ?? null);
      if (!timeline.pageInfo.hasNextPage) break;
      after = timeline.pageInfo.endCursor;
    }
    expect(forwards).toEqual(all);

    const backwards: string[] = [];
    let before: string | undefined;
    for (let pages = 0; ; pages++) {
      const { timeline } = await data(pageQuery, { last: size, before });
      backwards.unshift(...timeline.edges.map((e: any) => e.node.id));
      expect(timeline.pageInfo.hasNextPage).toBe(pages > 0);
      if (!timeline.pageInfo.hasPreviousPage) break;
      before = timeline.pageInfo.startCursor;
    }
    expect(backwards).toEqual(all);
  });

  it('pages between two cursors, and defaults to 20 items', async () => {
    const all = await allIds();
    const { timeline } = await data('{ timeline { edges { cursor node { id } } pageInfo { hasNextPage } } }');
    expect(timeline.edges).toHaveLength(20);
    expect(timeline.pageInfo.hasNextPage).toBe(true);
    const [, second, , , fifth] = timeline.edges;
    const between = await data(
      `{ timeline(after: "${second.cursor}", before: "${fifth.cursor}") { edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } }`,
    );
    expect(between.timeline.edges.map((e: any) => e.node.id)).toEqual(all.slice(2, 4));
    expect(between.timeline.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true });
  });

  it('pages backwards from a cursor when only "before" is given', async () => {
    const all = await allIds();
    const { timeline } = await data('{ timeline(last: 1) { edges { cursor } } }');
    const page = await data(`{ timeline(before: "${timeline.edges[0].cursor}") { edges { node { id } } pageInfo { hasPreviousPage hasNextPage } } }`);
    expect(page.timeline.edges.map((e: any) => e.node.id)).toEqual(all.slice(-21, -1));
    expect(page.timeline.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: true });
  });

  it('pages actors by slug', async () => {
    const first = await data('{ actors(first: 2) { totalCount edges { node { slug } } pageInfo { endCursor hasNextPage } } }');
    expect(first.actors.edges.map((e: any) => e.node.slug)).toEqual(['azerbaijan', 'bashar-al-assad']);
    const next = await data(`{ actors(first: 2, after: "${first.actors.pageInfo.endCursor}") { edges { node { slug } } pageInfo { hasPreviousPage } } }`);
    expect(next.actors.edges.map((e: any) => e.node.slug)).toEqual(['bosnia-and-herzegovina', 'brazil']);
    expect(next.actors.pageInfo.hasPreviousPage).toBe(true);
    const last = await data('{ actors(last: 1) { edges { node { slug } } pageInfo { hasNextPage hasPreviousPage } } }');
    expect(last.actors.edges[0].node.slug).toBe('vitaly-churkin');
    expect(last.actors.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
  });
});

describe('filters', () => {
  it('matches any overlap with the window [from, to)', async () => {
    // 29 November, Moscow day.
    const day = await allIds('{ from: "2012-11-29T00:00:00+04:00", to: "2012-11-30T00:00:00+04:00" }');
    expect(day).toContain(TALKS);
    expect(day).not.toContain(ROME);
    // "Earlier this month" in Doha is read on the article's Moscow clock: it ends as the Moscow day begins,
    // so the day's window misses it (the end is exclusive)...
    expect(day).not.toContain(globalId('Meeting', 'national-coalition-founded'));
    // ...and a window a millisecond earlier catches it, alone; it starts at midnight on 1 November, Moscow time (23:00 in Doha).
    expect(await allIds('{ from: "2012-11-28T23:59:59.999+04:00", to: "2012-11-29T00:00:00+04:00" }')).toEqual([
      globalId('Meeting', 'national-coalition-founded'),
    ]);
    expect(await allIds('{ from: "2012-10-31T22:00:00+03:00", to: "2012-10-31T23:00:00+03:00" }')).toEqual([]);
    expect(await allIds('{ from: "2012-10-31T22:00:00+03:00", to: "2012-10-31T23:00:00.001+03:00" }')).toEqual([
      globalId('Meeting', 'national-coalition-founded'),
    ]);
    // Brahimi's New York Thursday runs to 05:00 UTC on the 30th.
    expect(day).toContain(globalId('Statement', 'brahimi-new-proposals'));
    // The end is exclusive: a window ending when the Rome conference starts misses it; one a millisecond later catches it.
    expect(await allIds('{ from: "2012-12-01T00:00:00Z", to: "2012-12-17T00:00:00+01:00" }')).toEqual([]);
    expect(await allIds('{ from: "2012-12-01T00:00:00Z", to: "2012-12-17T00:00:00.001+01:00" }')).toEqual([ROME]);
    // Only one bound.
    expect(await allIds('{ from: "2012-12-18T12:00:00+01:00" }')).toEqual([ROME]);
    expect(await allIds('{ to: "2011-10-04T00:00:00-04:00" }')).toEqual([]);
    expect(await allIds('{ to: "2011-10-04T00:00:00.001-04:00" }')).toEqual([globalId('Meeting', 'unsc-6627th-meeting'), globalId('Vote', 'vote-s-2011-612')]);
    // An event that started long before the window still overlaps it: the coalition's founding, from 1 November.
    expect(await allIds('{ from: "2012-11-20T00:00:00+03:00", to: "2012-11-20T01:00:00+03:00" }')).toEqual([globalId('Meeting', 'national-coalition-founded')]);
  });

  it('requires every listed actor', async () => {
    const lavrov = globalId('Actor', 'sergei-lavrov');
    const ncc = globalId('Actor', 'ncc');
    // Same span: ordered by id.
    expect(await allIds(`{ actors: ["${lavrov}"] }`)).toEqual([globalId('Statement', 'lavrov-calls-for-negotiations'), TALKS]);
    expect(await allIds(`{ actors: ["${lavrov}", "${ncc}"] }`)).toEqual([TALKS]);
    expect(await allIds(`{ actors: ["${lavrov}", "${globalId('Actor', 'china')}"] }`)).toEqual([]);
  });

  it('keeps only the given kinds', async () => {
    const votes = await allIds('{ kinds: [VOTE] }');
    expect(votes).toHaveLength(3);
    expect(await allIds('{ kinds: [MEETING, VOTE] }')).toHaveLength(10);
  });

  it('needs every search word, case-insensitively, in title, content or citations', async () => {
    expect(await allIds('{ search: "ROME" }')).toEqual([
      globalId('Statement', 'manna-russia-first-to-agree'),
      globalId('Statement', 'bogdanov-welcomes-rome-meeting'),
      ROME,
    ]);
    // "after working hours" appears only in a cited quote and the content.
    expect(await allIds('{ search: "working hours" }')).toEqual([globalId('Statement', 'foreign-ministry-calls-unanswered')]);
    // "S/2012/538" appears only in the official record's passage and the title.
    expect(await allIds('{ search: "s/2012/538 abstaining" }')).toEqual([globalId('Vote', 'vote-s-2012-538')]);
    expect(await allIds('{ search: "rome vetoing" }')).toEqual([]);
    // Words match at the start of a word: "veto" finds "vetoing", "ussia" finds nothing inside "Russia".
    expect(await allIds('{ search: "veto", kinds: [VOTE] }')).toHaveLength(3);
    expect(await allIds('{ search: "ussia" }')).toEqual([]);
    expect(await allIds('{ search: "  " }')).toHaveLength(25);
  });

  it("combines filters, and applies them to an actor's timeline too", async () => {
    const { actor } = await data(
      `{ actor(slug: "russia") { timeline(first: 100, filter: { kinds: [STATEMENT], from: "2012-11-29T18:00:00+04:00", search: "Brahimi" }) { totalCount edges { node { id } } } } }`,
    );
    expect(actor.timeline.edges.map((e: any) => e.node.id)).toEqual([globalId('Statement', 'russia-no-comment-on-brahimi-plans')]);
    const { timeline } = await data(`{ timeline(filter: { actors: ["${globalId('Actor', 'russia')}"], kinds: [VOTE] }) { totalCount } }`);
    expect(timeline.totalCount).toBe(3);
  });
});

describe('refetching', () => {
  it('refetches every event, actor and source by its global ID with node and nodes', async () => {
    const listed = await data(`{
      timeline(first: 100) { edges { node { id title } } }
      actors(first: 100) { edges { node { id name } } }
      sources { id title } }`);
    const objects = [
      ...listed.timeline.edges.map((e: any) => ({ id: e.node.id, label: e.node.title })),
      ...listed.actors.edges.map((e: any) => ({ id: e.node.id, label: e.node.name })),
      ...listed.sources.map((s: any) => ({ id: s.id, label: s.title })),
    ];
    expect(objects).toHaveLength(25 + 38 + 2);
    const fields = '__typename id ... on Event { title } ... on Actor { name } ... on Source { title }';
    const { nodes } = await data(`query ($ids: [ID!]!) { nodes(ids: $ids) { ${fields} } }`, { ids: objects.map((o) => o.id) });
    expect(nodes.map((n: any) => ({ id: n.id, label: n.title ?? n.name }))).toEqual(objects);
    for (const object of objects.slice(0, 30)) {
      const { node } = await data(`query ($id: ID!) { node(id: $id) { ${fields} } }`, { id: object.id });
      expect(node.id).toBe(object.id);
    }
  });

  it('answers null for a well-formed ID of nothing, including an ID of the wrong event type', async () => {
    const { node, nodes } = await data(`{
      node(id: "${globalId('Actor', 'atlantis')}") { id }
      nodes(ids: ["${globalId('Statement', 'ncc-talks-with-lavrov-and-bogdanov')}", "${TALKS}"]) { id } }`);
    expect(node).toBeNull();
    expect(nodes).toEqual([null, { id: TALKS }]);
  });
});
