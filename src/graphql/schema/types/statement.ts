import { lookupActor, lookupActors, lookupEvent, lookupEvents } from '../lookups.js';
import { ActorRef, EventRef, MeetingRef, StatementRef } from '../type-refs.js';
import { StatementFormEnum } from './enums.js';
import { isEventOfKind } from './event.js';

StatementRef.implement({
  description: 'Something an actor said, as a source reports it, or a reported silence.',
  interfaces: [EventRef],
  isTypeOf: isEventOfKind('STATEMENT'),
  fields: (t) => ({
    speaker: t.field({ type: ActorRef, description: 'Who made the statement.', resolve: (s, _args, ctx) => lookupActor(ctx, s.speakerId) }),
    content: t.exposeString('content', {
      description: "The words themselves when quoted is true, otherwise the source's paraphrase.",
    }),
    quoted: t.boolean({
      description: "Whether content is the speaker's own words (a direct quote).",
      resolve: (s) => s.form === 'DIRECT_QUOTE',
    }),
    form: t.field({ type: StatementFormEnum, description: 'Direct quote, paraphrase, or no comment.', resolve: (s) => s.form }),
    reportedBy: t.field({
      type: [ActorRef],
      description: 'News outlets that reported the statement.',
      resolve: (s, _args, ctx) => lookupActors(ctx, s.reportedByIds),
    }),
    about: t.field({
      type: [ActorRef],
      description: 'Actors the statement is about or addressed to.',
      resolve: (s, _args, ctx) => lookupActors(ctx, s.aboutIds),
    }),
    meeting: t.field({
      type: MeetingRef,
      nullable: true,
      description: 'The meeting at or after which it was made, if any.',
      resolve: (s, _args, ctx) => (s.meetingId ? lookupEvent(ctx, s.meetingId, 'MEETING') : null),
    }),
    regarding: t.field({
      type: [MeetingRef],
      description: 'Meetings the statement is about, e.g. a planned conference.',
      resolve: (s, _args, ctx) => lookupEvents(ctx, s.regardingIds, 'MEETING'),
    }),
  }),
});
