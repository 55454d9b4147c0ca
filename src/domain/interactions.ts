// Who met whom: pairs of actors that share events, the edges of a network graph.
// A pair shares an event when they met (participants of a meeting that was held: a planned
// conference is no meeting yet), when one spoke about the other (speaker and subject of a
// statement), or when they voted together (the same ballot in the same vote: a veto and the
// votes it blocked are not "together"; members absent did not vote).
// Reporting agencies are not counted: reporting a statement is not meeting its speaker.
import type { EventKind, TimelineEvent } from './model.js';

/** How two actors are linked by an event: each kind of event makes one kind of link. */
export const INTERACTION_KINDS = ['MET', 'SPOKE_ABOUT', 'VOTED_TOGETHER'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const INTERACTION_OF_EVENT: Record<EventKind, InteractionKind> = { MEETING: 'MET', STATEMENT: 'SPOKE_ABOUT', VOTE: 'VOTED_TOGETHER' };

export interface Interaction {
  /** The pair, ordered by id so that each pair appears once. */
  sourceId: string;
  targetId: string;
  /** The shared events, in the order given (timeline order). */
  events: TimelineEvent[];
  /** The kinds of link among the events, in INTERACTION_KINDS order. */
  kinds: InteractionKind[];
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The pairs of actors an event connects, each as [smaller id, larger id]. */
export function eventPairs(event: TimelineEvent): [string, string][] {
  const ordered = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);
  const allPairs = (ids: string[]) => {
    const unique = [...new Set(ids)].sort(byId);
    return unique.flatMap((a, i) => unique.slice(i + 1).map((b) => ordered(a, b)));
  };
  switch (event.kind) {
    case 'MEETING':
      return event.status === 'HELD' ? allPairs(event.participants.map((p) => p.actorId)) : [];
    case 'STATEMENT':
      return [...new Set(event.aboutIds)].filter((id) => id !== event.speakerId).map((id) => ordered(event.speakerId, id));
    case 'VOTE': {
      const choices = ['YES', 'NO', 'ABSTAIN'] as const;
      return choices.flatMap((choice) => allPairs(event.ballots.filter((b) => b.choice === choice).map((b) => b.actorId)));
    }
  }
}

/**
 * Every pair of actors connected by the events through links of the kinds in `via` (all kinds
 * when undefined), most shared events first, then by ids; `check` is called for each event.
 */
export function interactions(events: readonly TimelineEvent[], via?: ReadonlySet<InteractionKind>, check: () => void = () => undefined): Interaction[] {
  const pairs = new Map<string, Interaction>();
  for (const event of events) {
    check();
    const kind = INTERACTION_OF_EVENT[event.kind];
    if (via && !via.has(kind)) continue;
    for (const [sourceId, targetId] of eventPairs(event)) {
      const key = `${sourceId}\u0000${targetId}`;
      const pair = pairs.get(key);
      if (!pair) pairs.set(key, { sourceId, targetId, events: [event], kinds: [kind] });
      else {
        pair.events.push(event);
        if (!pair.kinds.includes(kind)) pair.kinds = INTERACTION_KINDS.filter((k) => k === kind || pair.kinds.includes(k));
      }
    }
  }
  return [...pairs.values()].sort((a, b) => b.events.length - a.events.length || byId(a.sourceId, b.sourceId) || byId(a.targetId, b.targetId));
}
