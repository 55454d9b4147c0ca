// The General Assembly's vote on resolution 67/19 (29 November 2012), as the project's data/
// holds it (data/sources/unga-res-67-19.yaml): the facts, through the public API.
import { describe, expect, it } from 'vitest';
import { globalId, seed } from './helpers.js';

const { data } = seed;

const AGAINST = ['canada', 'czech-republic', 'israel', 'marshall-islands', 'micronesia', 'nauru', 'palau', 'panama', 'united-states'];

describe('General Assembly resolution 67/19', () => {
  it('was adopted by 138 in favour, 9 against and 41 abstentions, by simple majority', async () => {
    const { event } = await data(`{ event(slug: "vote-a-res-67-19") { ... on Vote {
      body { slug } outcome rule votesRequired vetoedBy { slug } ballotsComplete tally { yes no abstain absent } } } }`);
    expect(event).toEqual({
      body: { slug: 'un-general-assembly' },
      outcome: 'ADOPTED',
      rule: 'SIMPLE_MAJORITY',
      votesRequired: null,
      vetoedBy: [],
      ballotsComplete: false,
      tally: { yes: 138, no: 9, abstain: 41, absent: null },
    });
  });

  it('lists the nine states that voted against, and no other ballot', async () => {
    const { event } = await data(`{ event(slug: "vote-a-res-67-19") { ... on Vote { ballots { choice actor { slug kind } } } } }`);
    expect(event.ballots.every((b: { choice: string; actor: { kind: string } }) => b.choice === 'NO' && b.actor.kind === 'STATE')).toBe(true);
    expect(event.ballots.map((b: { actor: { slug: string } }) => b.actor.slug).sort()).toEqual(AGAINST);
  });

  it('took place on 29 November 2012 in New York, at the 44th plenary meeting of the sixty-seventh session', async () => {
    const { event } = await data(`{ event(slug: "vote-a-res-67-19") { ... on Vote {
      time { start end zone precision text } meeting { slug title location { name zone } } } } }`);
    expect(event.time).toEqual({
      start: '2012-11-29T00:00:00.000-05:00',
      end: '2012-11-30T00:00:00.000-05:00',
      zone: 'America/New_York',
      precision: 'DAY',
      text: '29 November 2012',
    });
    expect(event.meeting).toMatchObject({
      slug: 'unga-67th-session-44th-plenary-meeting',
      location: { name: 'United Nations Headquarters, New York', zone: 'America/New_York' },
    });
    expect(event.meeting.title).toMatch(/44th plenary meeting of the sixty-seventh session/);
  });

  it("cites the Assembly's record alone, with the resolution and press release numbers", async () => {
    const { event } = await data(`{ event(slug: "vote-a-res-67-19") { ... on Vote {
      citations { quote source { id kind references creditedTo { slug } } } } } }`);
    expect(event.citations).toHaveLength(1);
    const [citation] = event.citations;
    expect(citation.source).toEqual({
      id: globalId('Source', 'unga-res-67-19'),
      kind: 'OFFICIAL_RECORD',
      references: ['A/RES/67/19', 'GA/11317'],
      creditedTo: [{ slug: 'un-general-assembly' }],
    });
    expect(citation.quote).toContain('adopted by a recorded vote of 138 in favour, 9 against, 41 abstentions');
    expect(citation.quote).toContain(
      'Against: Canada, Czech Republic, Israel, Marshall Islands, Micronesia (Federated States of), Nauru, Palau, Panama, United States.',
    );
  });
});
