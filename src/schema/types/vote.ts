import { tallyOf } from '../../data/vote-outcome.js';
import { builder } from '../builder.js';
import { actorRef, actorRefs, eventRef } from '../references.js';
import { ActorRef, BallotRef, EventRef, MeetingRef, VoteRef } from '../refs.js';
import { BallotChoiceEnum, VoteOutcomeEnum } from './enums.js';
import { isEventOfKind } from './event.js';

BallotRef.implement({
  description: "One member's ballot in a vote.",
  fields: (t) => ({
    actor: t.field({ type: ActorRef, description: 'The member.', resolve: (b, _args, ctx) => actorRef(ctx, b.actorId) }),
    choice: t.field({ type: BallotChoiceEnum, description: 'How it voted.', resolve: (b) => b.choice }),
  }),
});

const VoteTallyRef = builder.objectRef<{ yes: number; no: number; abstain: number; absent: number }>('VoteTally').implement({
  description: 'Ballots counted by choice.',
  fields: (t) => ({
    yes: t.exposeInt('yes', { description: 'Votes in favour.' }),
    no: t.exposeInt('no', { description: 'Votes against.' }),
    abstain: t.exposeInt('abstain', { description: 'Abstentions.' }),
    absent: t.exposeInt('absent', { description: 'Members that did not vote.' }),
  }),
});

VoteRef.implement({
  description: 'A vote of a body such as the UN Security Council, with every ballot the sources give.',
  interfaces: [EventRef],
  isTypeOf: isEventOfKind('VOTE'),
  fields: (t) => ({
    body: t.field({ type: ActorRef, description: 'The body that voted, e.g. the UN Security Council.', resolve: (v, _args, ctx) => actorRef(ctx, v.bodyId) }),
    motion: t.exposeString('motion', { description: 'What was voted on.' }),
    outcome: t.field({ type: VoteOutcomeEnum, description: 'The result, derived from the ballots.', resolve: (v) => v.outcome }),
    ballots: t.field({ type: [BallotRef], description: "Each member's ballot, where the sources give it.", resolve: (v) => v.ballots }),
    tally: t.field({
      type: VoteTallyRef,
      description: 'The ballots counted by choice.',
      resolve: (v) => tallyOf(v.ballots),
    }),
    vetoedBy: t.field({
      type: [ActorRef],
      description: 'Permanent members whose No blocked a motion that had enough votes: derived from the ballots.',
      resolve: (v, _args, ctx) => actorRefs(ctx, v.vetoedByIds),
    }),
    meeting: t.field({ type: MeetingRef, nullable: true, description: 'The meeting at which the vote was taken.', resolve: (v, _args, ctx) => (v.meetingId ? eventRef(ctx, v.meetingId, 'MEETING') : null) }),
  }),
});
