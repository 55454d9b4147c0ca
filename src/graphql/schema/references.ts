// What a reference field (an event's actors, a citation's source) resolves to. With a store
// that answers lookups at once, the object itself: graphql-js then completes it synchronously.
// Otherwise, or when the id is unknown, the id: the DataLoader plugin batches it into one store
// call per level and reports a missing object as it always has.
import type { Actor, EventKind, Source, TimelineEvent } from '../../domain/model.js';
import type { Context } from './context.js';

export function actorRef(ctx: Context, id: string): Actor | string {
  return ctx.store.immediate?.actor(id) ?? id;
}

export function actorRefs(ctx: Context, ids: readonly string[]): (Actor | string)[] {
  const immediate = ctx.store.immediate;
  return immediate ? ids.map((id) => immediate.actor(id) ?? id) : [...ids];
}

export function sourceRef(ctx: Context, id: string): Source | string {
  return ctx.store.immediate?.source(id) ?? id;
}

/** An event of one kind: the id of a Statement must not resolve to a Meeting. */
export function eventRef<K extends EventKind>(ctx: Context, id: string, kind: K): Extract<TimelineEvent, { kind: K }> | string {
  const event = ctx.store.immediate?.event(id);
  return event?.kind === kind ? (event as Extract<TimelineEvent, { kind: K }>) : id;
}

export function eventRefs<K extends EventKind>(ctx: Context, ids: readonly string[], kind: K): (Extract<TimelineEvent, { kind: K }> | string)[] {
  return ids.map((id) => eventRef(ctx, id, kind));
}
