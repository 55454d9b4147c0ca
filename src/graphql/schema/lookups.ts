// What a reference field (an event's actors, a citation's source) resolves to: the object, looked
// up through the request's Lookups (store/store.ts). Whatever the backend, this is the one path: a
// store in memory answers at once, so graphql-js completes a nested page without a promise per
// reference; a database batches the ids of one tick into one call.
import type { Actor, EventKind, TimelineEvent } from '../../domain/model.js';
import type { SourceMetadata } from '../../store/store.js';
import type { MaybePromise } from '../../support/maybe-promise.js';
import type { Context } from './context.js';

function missing(type: string, id: string): Error {
  return new Error(`${type} "${id}" is referred to but missing from the store`);
}

/**
 * The data are validated before they are served, so a reference always has its object; one that
 * does not is a defect, which fails its field as an unexpected error (masked, and logged). An
 * object found at once is returned as it is: a nested page resolves hundreds of references, and
 * makes no closure or promise for any of them.
 */
function required<T>(found: MaybePromise<T | undefined>, type: string, id: string): MaybePromise<T> {
  if (found instanceof Promise) {
    return found.then((value) => {
      if (value === undefined) throw missing(type, id);
      return value;
    });
  }
  return found === undefined ? Promise.reject(missing(type, id)) : found;
}

export function lookupActor(ctx: Context, id: string): MaybePromise<Actor> {
  return required(ctx.lookups.actor(id), 'Actor', id);
}

export function lookupActors(ctx: Context, ids: readonly string[]): MaybePromise<Actor>[] {
  const found = new Array<MaybePromise<Actor>>(ids.length);
  for (let i = 0; i < ids.length; i++) found[i] = required(ctx.lookups.actor(ids[i]!), 'Actor', ids[i]!);
  return found;
}

export function lookupSource(ctx: Context, id: string): MaybePromise<SourceMetadata> {
  return required(ctx.lookups.source(id), 'Source', id);
}

export function lookupSourceText(ctx: Context, id: string): MaybePromise<string> {
  return required(ctx.lookups.sourceText(id), 'The text of source', id);
}

type EventOfKind<K extends EventKind> = Extract<TimelineEvent, { kind: K }>;

const TYPE_NAME = { MEETING: 'Meeting', STATEMENT: 'Statement', VOTE: 'Vote' } as const;

function ofKind<K extends EventKind>(event: TimelineEvent | undefined, kind: K): EventOfKind<K> | undefined {
  return event?.kind === kind ? (event as EventOfKind<K>) : undefined;
}

/** An event of one kind: the id of a Statement must not resolve to a Meeting. */
export function lookupEvent<K extends EventKind>(ctx: Context, id: string, kind: K): MaybePromise<EventOfKind<K>> {
  const found = ctx.lookups.event(id);
  return required(found instanceof Promise ? found.then((event) => ofKind(event, kind)) : ofKind(found, kind), TYPE_NAME[kind], id);
}

export function lookupEvents<K extends EventKind>(ctx: Context, ids: readonly string[], kind: K): MaybePromise<EventOfKind<K>>[] {
  return ids.map((id) => lookupEvent(ctx, id, kind));
}
