// What a reference field (an event's actors, a citation's source) resolves to: the object, looked
// up through the request's Lookups (store/store.ts). Whatever the backend, this is the one path: a
// store in memory answers at once, so graphql-js completes a nested page without a promise per
// reference; a database batches the ids of one tick into one call.
import type { Actor, EventKind, TimelineEvent } from '../../domain/model.js';
import type { SourceMetadata } from '../../store/store.js';
import { thenMaybe, type MaybePromise } from '../../support/maybe-promise.js';
import type { Context } from './context.js';

/**
 * The data are validated before they are served, so a reference always has its object; one that
 * does not is a defect, which fails its field as an unexpected error (masked, and logged).
 */
function required<T>(found: MaybePromise<T | undefined>, type: string, id: string): MaybePromise<T> {
  const check = (value: T | undefined) => {
    if (value === undefined) throw new Error(`${type} "${id}" is referred to but missing from the store`);
    return value;
  };
  return found instanceof Promise
    ? found.then(check)
    : found === undefined
      ? Promise.reject(new Error(`${type} "${id}" is referred to but missing from the store`))
      : found;
}

export function lookupActor(ctx: Context, id: string): MaybePromise<Actor> {
  return required(ctx.lookups.actor(id), 'Actor', id);
}

export function lookupActors(ctx: Context, ids: readonly string[]): MaybePromise<Actor>[] {
  return ids.map((id) => lookupActor(ctx, id));
}

export function lookupSource(ctx: Context, id: string): MaybePromise<SourceMetadata> {
  return required(ctx.lookups.source(id), 'Source', id);
}

export function lookupSourceText(ctx: Context, id: string): MaybePromise<string> {
  return required(ctx.lookups.sourceText(id), 'The text of source', id);
}

type EventOfKind<K extends EventKind> = Extract<TimelineEvent, { kind: K }>;

/** An event of one kind: the id of a Statement must not resolve to a Meeting. */
export function lookupEvent<K extends EventKind>(ctx: Context, id: string, kind: K): MaybePromise<EventOfKind<K>> {
  const found = thenMaybe(ctx.lookups.event(id), (event) => (event?.kind === kind ? (event as EventOfKind<K>) : undefined));
  return required(found, kind === 'MEETING' ? 'Meeting' : kind === 'STATEMENT' ? 'Statement' : 'Vote', id);
}

export function lookupEvents<K extends EventKind>(ctx: Context, ids: readonly string[], kind: K): MaybePromise<EventOfKind<K>>[] {
  return ids.map((id) => lookupEvent(ctx, id, kind));
}
