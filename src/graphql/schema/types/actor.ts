import { lookupActor, lookupActors } from '../lookups.js';
import { ActorRef, MembershipRef } from '../type-refs.js';
import { ActorKindEnum, SeatEnum } from './enums.js';
import { checkedTimelineQuery } from '../timeline-filter.js';
import { EventConnectionRef, timelineArgs, timelinePages } from './timeline.js';

MembershipRef.implement({
  description: 'A body an actor belongs to or represents, with the role and term where the sources give them.',
  fields: (t) => ({
    organization: t.field({ type: ActorRef, description: 'The body.', resolve: (m, _args, ctx) => lookupActor(ctx, m.of) }),
    role: t.exposeString('role', { nullable: true, description: 'The role in it, e.g. "Foreign Minister" or "permanent member".' }),
    seat: t.field({ type: SeatEnum, nullable: true, description: 'For council seats: permanent or elected.', resolve: (m) => m.seat ?? null }),
    from: t.exposeString('from', { nullable: true, description: 'First day of the membership (local date YYYY-MM-DD), where known.' }),
    until: t.exposeString('until', { nullable: true, description: 'Day the membership ended (local date YYYY-MM-DD, exclusive), where known.' }),
  }),
});

ActorRef.implement({
  description: 'A person, state, government body, organisation or news outlet that takes part in events.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'memberships' in value,
  fields: (t) => ({
    slug: t.string({ description: 'Stable human-readable key, e.g. sergei-lavrov.', resolve: (actor) => actor.id }),
    name: t.exposeString('name', { description: 'The name the sources use most.' }),
    aliases: t.exposeStringList('aliases', { description: 'Other names used for the same actor, e.g. acronyms.' }),
    kind: t.field({ type: ActorKindEnum, description: 'What sort of actor this is.', resolve: (actor) => actor.kind }),
    description: t.exposeString('description', { nullable: true, description: 'Role or description as the sources give it.' }),
    memberOf: t.field({
      type: [ActorRef],
      description: "Bodies this actor belongs to or represents (a minister's ministry, a ministry's state, a state's council seat).",
      resolve: (actor, _args, ctx) => lookupActors(ctx, [...new Set(actor.memberships.map((m) => m.of))]),
    }),
    memberships: t.field({
      type: [MembershipRef],
      description: 'The memberships behind memberOf, with roles, seats and terms.',
      resolve: (actor) => actor.memberships,
    }),
    members: t.loadableList({
      type: ActorRef,
      description: 'The inverse of memberOf.',
      load: (ids: string[], ctx) => ctx.store.membersOf(ids),
      resolve: (actor) => actor.id,
    }),
    timeline: t.field({
      type: EventConnectionRef,
      description: "This actor's events, in time order; the filter narrows them further (with includeMembers, the actor also stands for its members).",
      args: timelineArgs,
      resolve: (actor, args, ctx) => checkedTimelineQuery(ctx, args, actor.id).then((query) => timelinePages(ctx).load(query)),
    }),
  }),
});
