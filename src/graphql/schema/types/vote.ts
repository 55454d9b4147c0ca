import type { Tally } from '../../../domain/model.js';
import { builder } from '../builder.js';
import { lookupActor, lookupActors, lookupEvent } from '../lookups.js';
import { ActorRef, BallotRef, EventRef, MeetingRef, VoteRef } from '../type-refs.js';
import { BallotChoiceEnum, MajorityRuleEnum, VoteOutcomeEnum } from './enums.js';
import { isEventOfKind } from './event.js';

BallotRef.implement({
  description: "One member's ballot in a vote.",
  fields: (t) => ({
    actor: t.field({ type: ActorRef, description: 'The member.', resolve: (b, _args, ctx) => lookupActor(ctx, b.actorId) }),
    choice: t.field({ type: BallotChoiceEnum, description: 'How it voted.', resolve: (b) => b.choice }),
  }),
});

const VoteTallyRef = builder.objectRef<Tally>('VoteTally').implement({
  description: 'The numbers of a vote, as its source states them.',
  fields: (t) => ({
    yes: t.exposeInt('yes', { description: 'Votes in favour.' }),
    no: t.exposeInt('no', { description: 'Votes against.' }),
    abstain: t.exposeInt('abstain', { description: 'Abstentions.' }),
    absent: t.int({
      nullable: true,
      description: "Members that did not vote: as the source states it, or counted when every member's ballot is listed; null when unknown.",
      resolve: (tally) => tally.absent ?? null,
    }),
  }),
});

VoteRef.implement({
  description: 'A vote of a body such as the UN Security Council or General Assembly: its tally, its rule, and the ballots the sources list.',
  interfaces: [EventRef],
  isTypeOf: isEventOfKind('VOTE'),
  fields: (t) => ({
    body: t.field({
      type: ActorRef,
      description: 'The body that voted, e.g. the UN Security Council.',
      resolve: (v, _args, ctx) => lookupActor(ctx, v.bodyId),
    }),
    motion: t.exposeString('motion', { description: 'What was voted on.' }),
    rule: t.field({
      type: MajorityRuleEnum,
      description: "How the vote was decided: the body's rule, or the one its record states.",
      resolve: (v) => v.rule.rule,
    }),
    votesRequired: t.int({
      nullable: true,
      description:
        'The votes in favour a FIXED rule needs (9 in the Security Council); null for SIMPLE_MAJORITY and TWO_THIRDS, whose threshold depends on the votes cast.',
      resolve: (v) => (v.rule.rule === 'FIXED' ? v.rule.required : null),
    }),
    outcome: t.field({
      type: VoteOutcomeEnum,
      description: "The result, derived from the tally, the rule and the permanent members' ballots.",
      resolve: (v) => v.outcome,
    }),
    ballots: t.field({
      type: [BallotRef],
      description: "The members' ballots the sources list: every member's when ballotsComplete, else some or none.",
      resolve: (v) => v.ballots,
    }),
    ballotsComplete: t.exposeBoolean('ballotsComplete', {
      description: "Whether every member's ballot is known; false when the sources give only the tally or some ballots.",
    }),
    tally: t.field({ type: VoteTallyRef, description: 'The numbers as the source states them.', resolve: (v) => v.tally }),
    vetoedBy: t.field({
      type: [ActorRef],
      description: 'Permanent members whose listed No blocked a motion that had enough votes: derived, never stored.',
      resolve: (v, _args, ctx) => lookupActors(ctx, v.vetoedByIds),
    }),
    meeting: t.field({
      type: MeetingRef,
      nullable: true,
      description: 'The meeting at which the vote was taken.',
      resolve: (v, _args, ctx) => (v.meetingId ? lookupEvent(ctx, v.meetingId, 'MEETING') : null),
    }),
  }),
});
