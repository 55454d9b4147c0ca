import type { Meeting } from '../../../domain/model.js';
import { lookupActor } from '../lookups.js';
import { ActorRef, EventRef, MeetingRef, ParticipationRef, PlaceRef, StatementRef, VoteRef } from '../type-refs.js';
import { MeetingStatusEnum } from './enums.js';
import { isEventOfKind } from './event.js';

ParticipationRef.implement({
  description: "An actor's part in a meeting.",
  fields: (t) => ({
    actor: t.field({ type: ActorRef, description: 'The participant.', resolve: (p, _args, ctx) => lookupActor(ctx, p.actorId) }),
    role: t.exposeString('role', { nullable: true, description: "The actor's part, e.g. host, delegation, organiser, invitee." }),
  }),
});

MeetingRef.implement({
  description: 'Talks, a conference or a session of a body, held or planned.',
  interfaces: [EventRef],
  isTypeOf: isEventOfKind('MEETING'),
  fields: (t) => ({
    status: t.field({ type: MeetingStatusEnum, description: 'Whether it took place.', resolve: (m) => m.status }),
    location: t.field({ type: PlaceRef, nullable: true, description: 'Where it takes place, if the sources say.', resolve: (m) => m.location ?? null }),
    participants: t.field({
      type: [ParticipationRef],
      description: 'Who takes part, and in what role.',
      resolve: (m) => m.participants,
    }),
    statements: t.loadableList({
      type: StatementRef,
      description: 'Statements made at or about this meeting, in time order.',
      load: (ids: string[], ctx) => ctx.store.statementsConcerning(ids),
      resolve: (m: Meeting) => m.id,
    }),
    votes: t.loadableList({
      type: VoteRef,
      description: 'Votes taken at this meeting, in time order.',
      load: (ids: string[], ctx) => ctx.store.votesAt(ids),
      resolve: (m: Meeting) => m.id,
    }),
  }),
});
