// Who met whom: pairs of actors that share events, the edges of a network graph.
// A pair shares an event when they met (participants of one meeting), when one spoke about
// the other (speaker and subject of a statement), or when they voted in the same ballot.
// Reporting agencies are not counted: reporting a statement is not meeting its speaker.
import type { TimelineEvent } from '../model.js';

export interface Interaction {
  /** The pair, ordered by id so that each pair appears once. */
  sourceId: string;
  targetId: string;
  /** The shared events, in the order given (timeline order). */
  events: TimelineEvent[];
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
      return allPairs(event.participants.map((p) => p.actorId));
    case 'STATEMENT':
      return [...new Set(event.aboutIds)].filter((id) => id !== event.speakerId).map((id) => ordered(event.speakerId, id));
    case 'VOTE':
      return allPairs(event.ballots.map((b) => b.actorId));
  }
}

/** Every pair of actors connected by the events, most shared events first, then by ids; `check` is called for each event. */
export function interactions(events: readonly TimelineEvent[], check: () => void = () => undefined): Interaction[] {
  const pairs = new Map<string, Interaction>();
  for (const event of events) {
    check();
    for (const [sourceId, targetId] of eventPairs(event)) {
      const key = `${sourceId}\u0000${targetId}`;
      const pair = pairs.get(key);
      if (pair) pair.events.push(event);
      else pairs.set(key, { sourceId, targetId, events: [event] });
    }
  }
  return [...pairs.values()].sort(
    (a, b) => b.events.length - a.events.length || byId(a.sourceId, b.sourceId) || byId(a.targetId, b.targetId),
  );
}
