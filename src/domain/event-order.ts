import type { TimelineEvent } from './model.js';

/** Where an event sits on the timeline: ordered by start, then end, then id. */
export interface EventSortKey {
  startMs: number;
  endMs: number;
  id: string;
}

export function eventSortKey(event: TimelineEvent): EventSortKey {
  return { startMs: event.time.startMs, endMs: event.time.endMs, id: event.id };
}

/** Orders an event against a sort key; ids compare by code unit, never by locale. */
export function compareEventToKey(event: TimelineEvent, key: EventSortKey): number {
  return event.time.startMs - key.startMs || event.time.endMs - key.endMs || (event.id < key.id ? -1 : event.id > key.id ? 1 : 0);
}

export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  return compareEventToKey(a, eventSortKey(b));
}
