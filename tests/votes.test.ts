// Votes of any body, through the public API over the votes fixture (tests/fixtures/votes):
// the rule, the stated tally, whether every ballot is listed, and the derived outcome and vetoes.
import { describe, expect, it } from 'vitest';
import { clientOver, VOTES_DATA_DIR } from './helpers.js';

const { data } = clientOver(VOTES_DATA_DIR);

const VOTE = `
  slug outcome rule votesRequired ballotsComplete
  tally { yes no abstain absent }
  vetoedBy { slug }
  ballots { choice actor { slug } }
  body { slug }`;

async function vote(slug: string) {
  const { event } = await data(`query ($slug: String!) { event(slug: $slug) { ... on Vote { ${VOTE} } } }`, { slug });
  expect(event, slug).not.toBeNull();
  return event;
}

const slugs = (actors: { slug: string }[]) => actors.map((a) => a.slug).sort();

describe('a FIXED rule with permanent members (the council: 3 of 5)', () => {
  it("derives a veto from a permanent member's No on a draft with enough votes", async () => {
    const c1 = await vote('vote-c-1');
    expect(c1).toMatchObject({ outcome: 'VETOED', rule: 'FIXED', votesRequired: 3, ballotsComplete: true, tally: { yes: 4, no: 1, abstain: 0, absent: 0 } });
    expect(slugs(c1.vetoedBy)).toEqual(['north']);
    expect(c1.ballots).toHaveLength(5);
  });

  it('adopts a draft with enough votes and no No from a permanent member', async () => {
    expect(await vote('vote-c-2')).toMatchObject({
      outcome: 'ADOPTED',
      rule: 'FIXED',
      votesRequired: 3,
      ballotsComplete: true,
      vetoedBy: [],
      tally: { yes: 3, no: 0, abstain: 2, absent: 0 },
    });
  });

  it('decides a vote the record gives only as a tally: no ballots, incomplete, absences unknown', async () => {
    expect(await vote('vote-c-3')).toMatchObject({
      outcome: 'REJECTED',
      ballotsComplete: false,
      ballots: [],
      vetoedBy: [],
      tally: { yes: 2, no: 2, abstain: 1, absent: null },
    });
  });

  it("derives a veto from partial ballots that list the permanent member's No", async () => {
    const c4 = await vote('vote-c-4');
    expect(c4).toMatchObject({
      outcome: 'VETOED',
      ballotsComplete: false,
      ballots: [{ choice: 'NO', actor: { slug: 'south' } }],
      tally: { yes: 4, no: 1, abstain: 0, absent: null },
    });
    expect(slugs(c4.vetoedBy)).toEqual(['south']);
  });
});

describe('an assembly of states that are not listed one by one', () => {
  it("decides by simple majority, with partial ballots; a council's permanent member has no veto here", async () => {
    const a1 = await vote('vote-a-1');
    expect(a1).toMatchObject({
      outcome: 'ADOPTED',
      rule: 'SIMPLE_MAJORITY',
      votesRequired: null,
      ballotsComplete: false,
      vetoedBy: [],
      tally: { yes: 10, no: 4, abstain: 3, absent: null },
    });
    expect(slugs(a1.ballots.map((b: { actor: { slug: string } }) => b.actor))).toEqual(['north', 'west']);
  });

  it('follows the two-thirds rule its record states: abstentions are not votes cast', async () => {
    // 10 of the 15 present and voting is two thirds, whatever the 30 abstentions.
    expect(await vote('vote-a-2')).toMatchObject({ outcome: 'ADOPTED', rule: 'TWO_THIRDS', votesRequired: null, tally: { yes: 10, no: 5, abstain: 30 } });
    // 10 of 16 is a majority but short of two thirds.
    expect(await vote('vote-a-3')).toMatchObject({ outcome: 'REJECTED', rule: 'TWO_THIRDS', tally: { yes: 10, no: 6, abstain: 0 } });
  });

  it('counts the ballots complete when every member the tally counts, absent ones too, is listed', async () => {
    const a4 = await vote('vote-a-4');
    expect(a4).toMatchObject({ outcome: 'ADOPTED', rule: 'SIMPLE_MAJORITY', ballotsComplete: true, tally: { yes: 2, no: 1, abstain: 1, absent: 1 } });
    expect(a4.ballots).toHaveLength(5);
  });
});

describe('the timeline', () => {
  it('lists the vetoed and the rejected votes by outcome', async () => {
    const { timeline } = await data(`{ timeline(first: 20, filter: { kinds: [VOTE] }) { totalCount edges { node { ... on Vote { slug outcome } } } } }`);
    expect(timeline.totalCount).toBe(8);
    const outcome = Object.fromEntries(timeline.edges.map((e: { node: { slug: string; outcome: string } }) => [e.node.slug, e.node.outcome]));
    expect(outcome).toEqual({
      'vote-c-1': 'VETOED',
      'vote-c-2': 'ADOPTED',
      'vote-c-3': 'REJECTED',
      'vote-c-4': 'VETOED',
      'vote-a-1': 'ADOPTED',
      'vote-a-2': 'ADOPTED',
      'vote-a-3': 'REJECTED',
      'vote-a-4': 'ADOPTED',
    });
  });
});
