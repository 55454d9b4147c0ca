// Who met whom: pairs of actors that share events, the edges of a network graph.
import type { TimelineEvent } from '../model.js';

export interface Interaction {
  /** The pair, ordered by id so that each pair appears once. */
  sourceId: string;
  targetId: string;
  /** The shared events, in the order given (timeline order). */
  events: TimelineEvent[];
}

/** Every pair of actors involved in the same events, most shared events first, then by ids. */
export function interactions(events: readonly TimelineEvent[]): Interaction[] {
  const pairs = new Map<string, Interaction>();
  for (const event of events) {
    const actors = [...new Set(event.actorIds)].sort();
    for (let i = 0; i < actors.length; i++) {
      for (let j = i + 1; j < actors.length; j++) {
        const sourceId = actors[i] as string;
        const targetId = actors[j] as string;
        const key = `${sourceId}\u0000${targetId}`;
        const pair = pairs.get(key);
        if (pair) pair.events.push(event);
        else pairs.set(key, { sourceId, targetId, events: [event] });
      }
    }
  }
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...pairs.values()].sort(
    (a, b) => b.events.length - a.events.length || byId(a.sourceId, b.sourceId) || byId(a.targetId, b.targetId),
  );
}
