// Who an actor stands for when a filter includes members: itself, its members, theirs, and so on
// (Russia → Russian Foreign Ministry → Sergei Lavrov), each once, whatever cycles the data have.
//
// A seat on a council (a membership with `seat`) is not followed: a state holds the seat, but
// the state's ministers are not the council, and "the Security Council, members included" would
// otherwise return everything every member state's officials said. The council's own votes
// already carry each member's ballot. Terms (from, until) are not applied either: a filter asks
// about an actor's people, not about the day each of them held the post.
import type { Actor, Membership } from './model.js';

/** Whether a membership makes the member stand in for the body under includeMembers. */
export function followsMembership(membership: Membership): boolean {
  return membership.seat === undefined;
}

/** Each body's direct members that includeMembers follows, by body id. */
export function followedMembers(actors: Iterable<Actor>): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const actor of actors) {
    for (const membership of actor.memberships) {
      if (!followsMembership(membership)) continue;
      const list = members.get(membership.of);
      if (list) list.push(actor.id);
      else members.set(membership.of, [actor.id]);
    }
  }
  return members;
}

/** The actor and everyone it stands for, breadth first from the actor; each id once. */
export function memberClosure(actorId: string, members: ReadonlyMap<string, readonly string[]>): string[] {
  const seen = new Set([actorId]);
  const order = [actorId];
  for (let i = 0; i < order.length; i++) {
    for (const member of members.get(order[i]!) ?? []) {
      if (seen.has(member)) continue;
      seen.add(member);
      order.push(member);
    }
  }
  return order;
}
