// Provenance both ways (events by slug, a source's events), search by word forms, and the
// network by kind of link, through the public API.
import { describe, expect, it } from 'vitest';
import { data, error, globalId } from './helpers.js';

describe('events by slug', () => {
  it('fetches an event of any kind by its slug, which is also in its global ID', async () => {
    const result = await data(`{
      meeting: event(slug: "rome-opposition-conference") { __typename id slug title }
      statement: event(slug: "churkin-pressure-on-damascus") { __typename slug ... on Statement { speaker { slug } } }
      vote: event(slug: "vote-s-2012-77") { __typename slug }
      missing: event(slug: "no-such-event") { slug }
      garbage: event(slug: "Not A Slug!") { slug }
    }`);
    expect(result.meeting).toMatchObject({ __typename: 'Meeting', slug: 'rome-opposition-conference', id: globalId('Meeting', 'rome-opposition-conference') });
    expect(result.statement).toEqual({ __typename: 'Statement', slug: 'churkin-pressure-on-damascus', speaker: { slug: 'vitaly-churkin' } });
    expect(result.vote).toEqual({ __typename: 'Vote', slug: 'vote-s-2012-77' });
    expect(result.missing).toBeNull();
    expect(result.garbage).toBeNull();
  });

  it('gives every event on the timeline a slug that fetches it back', async () => {
    const { timeline } = await data('{ timeline(first: 100) { edges { node { id slug } } } }');
    const edges = timeline.edges as { node: { id: string; slug: string } }[];
    expect(edges.length).toBeGreaterThan(0);
    const aliases = edges.map((edge, i) => `e${i}: event(slug: "${edge.node.slug}") { id }`).join(' ');
    const fetched = await data(`{ ${aliases} }`);
    edges.forEach((edge, i) => expect(fetched[`e${i}`].id).toBe(edge.node.id));
  });

  it("reaches from a citation to its source and on to the source's other events", async () => {
    const { event } = await data(
      '{ event(slug: "vote-s-2012-538") { citations { source { slug url events(first: 1) { totalCount edges { node { slug } } } } } } }',
    );
    const record = event.citations.find((c: { source: { slug: string } }) => c.source.slug === 'unsc-syria-vetoes-2011-2012');
    expect(record.source.events).toEqual({ totalCount: 6, edges: [{ node: { slug: 'unsc-6627th-meeting' } }] });
    expect(record.source.url).toBeNull();
  });
});

describe('search by word forms', () => {
  const found = async (search: string) =>
    (await data('query ($s: String) { timeline(first: 100, filter: { search: $s }) { edges { node { slug } } } }', { s: search })).timeline.edges.map(
      (e: { node: { slug: string } }) => e.node.slug,
    );

  it('finds a word\'s inflections ("vetoed" finds "vetoing"), while prefixes still match', async () => {
    const votes = ['vote-s-2011-612', 'vote-s-2012-77', 'vote-s-2012-538'];
    expect(await found('vetoed')).toEqual(votes);
    expect(await found('vetoes')).toEqual(votes);
    expect(await found('veto')).toEqual(votes);
    expect(await found('VÉTO')).toEqual(votes);
    // "negotiating" is not in the texts; "negotiations" and "negotiating table" are.
    expect(await found('negotiation')).toEqual(expect.arrayContaining(['lavrov-calls-for-negotiations', 'churkin-pressure-on-damascus']));
    expect(await found('negotiate')).toEqual(await found('negotiations'));
    expect(await found('vetoed negotiations')).toEqual([]);
  });
});

describe('who met whom, by kind of link', () => {
  type Pair = { source: { slug: string }; target: { slug: string }; count: number; kinds: string[] };
  const network = async (via?: string) =>
    (await data(`{ interactions(first: 500${via ? `, via: ${via}` : ''}) { source { slug } target { slug } count kinds } }`)).interactions as Pair[];

  it('MET links only the participants of the same meeting', async () => {
    const met = await network('[MET]');
    expect(met.length).toBeGreaterThan(0);
    for (const pair of met) expect(pair.kinds).toEqual(['MET']);
    expect(met).toContainEqual({ source: { slug: 'mikhail-bogdanov' }, target: { slug: 'ncc' }, count: 1, kinds: ['MET'] });
    // Co-voting members of the Council did not meet for that.
    expect(met.some((pair) => pair.source.slug === 'china' && pair.target.slug === 'russia')).toBe(false);
    // The Rome conference is planned: Russia, invited, has met no one there yet.
    expect(met.some((pair) => pair.source.slug === 'ncc' && pair.target.slug === 'russia')).toBe(false);
  });

  it('VOTED_TOGETHER links members that cast the same ballot, not a veto and the votes it blocked', async () => {
    const together = await network('[VOTED_TOGETHER]');
    const pair = (a: string, b: string) => together.find((p) => p.source.slug === a && p.target.slug === b);
    expect(pair('china', 'russia')?.count).toBe(3);
    expect(pair('france', 'united-kingdom')?.count).toBe(3);
    expect(pair('france', 'russia')).toBeUndefined();
    // Brazil abstained on S/2011/612 with India, Lebanon and South Africa.
    expect(pair('brazil', 'india')?.count).toBe(1);
    expect(pair('brazil', 'france')).toBeUndefined();
  });

  it('every kind when via is absent, with the kinds of each pair listed', async () => {
    const all = await network();
    const chinaRussia = all.find((pair) => pair.source.slug === 'china' && pair.target.slug === 'russia');
    expect(chinaRussia?.kinds).toEqual(['VOTED_TOGETHER']);
    const union = [...(await network('[MET]')), ...(await network('[SPOKE_ABOUT]')), ...(await network('[VOTED_TOGETHER]'))];
    expect(all.reduce((sum, pair) => sum + pair.count, 0)).toBe(union.reduce((sum, pair) => sum + pair.count, 0));
    expect(await network('[MET, SPOKE_ABOUT, VOTED_TOGETHER]')).toEqual(all);
  });

  it('refuses an empty via', async () => {
    expect((await error('{ interactions(via: []) { count } }')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'via' });
  });
});
