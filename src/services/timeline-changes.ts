// What changed from one revision to the next, and which of it a subscriber's filter sees. The
// difference of two snapshots is worked out once per swap, whoever listens; each subscriber then
// asks the domain's predicate about the changed events only, against each snapshot's actors.
import { followedMembers, memberClosure } from '../domain/member-closure.js';
import type { Actor, TimelineEvent } from '../domain/model.js';
import { eventMatcher, type FilterContext, type TimelineFilter } from '../domain/timeline-filter.js';
import { ALL } from '../store/paging.js';
import type { RevisionChange, Revisions } from '../store/revisions.js';
import type { Store } from '../store/store.js';

/** The events that differ between two revisions: as they were, and as they are. */
export interface RevisionDiff {
  /** By id, the event in the previous revision (absent: it was added). */
  before: ReadonlyMap<string, TimelineEvent>;
  /** By id, the event in the current revision (absent: it was removed). */
  after: ReadonlyMap<string, TimelineEvent>;
  /** Whether any actor changed: who an actor stands for (includeMembers) may differ, even for an unchanged event. */
  actorsChanged: boolean;
  /** Who each actor stands for, before and after, as each snapshot's filters read it. */
  filterContexts: [FilterContext, FilterContext];
}

/** How the events a filter matches changed: what a subscriber is sent. */
export interface FilteredChange {
  revision: string;
  previousRevision: string;
  upserted: TimelineEvent[];
  /** As they were in the previous revision (their kind names their global ID). */
  removed: TimelineEvent[];
}

async function allEvents(store: Store): Promise<TimelineEvent[]> {
  const [page] = await store.timelines([{ page: ALL }]);
  return page?.items ?? [];
}

async function allActors(store: Store): Promise<Actor[]> {
  return (await store.findActors({ page: ALL })).items;
}

/** Serialised for comparing: snapshots are rebuilt from the files, so an unchanged event is an equal object, not the same one. */
const fingerprint = (value: unknown) => JSON.stringify(value);

/** Ids whose records differ between two lists (added, removed or changed). */
function changedIds<T extends { id: string }>(before: readonly T[], after: readonly T[]): Set<string> {
  const old = new Map(before.map((item) => [item.id, fingerprint(item)]));
  const changed = new Set<string>();
  for (const item of after) {
    if (old.get(item.id) !== fingerprint(item)) changed.add(item.id);
    old.delete(item.id);
  }
  for (const id of old.keys()) changed.add(id);
  return changed;
}

/** Whether an event's answer can show something of these actors, sources or events (its actors, citations' sources, meetings). */
function refersTo(event: TimelineEvent, actors: ReadonlySet<string>, sources: ReadonlySet<string>, events: ReadonlySet<string>): boolean {
  if (event.actorIds.some((id) => actors.has(id)) || event.citations.some((c) => sources.has(c.sourceId))) return true;
  if (event.kind === 'STATEMENT') return (event.meetingId !== undefined && events.has(event.meetingId)) || event.regardingIds.some((id) => events.has(id));
  return event.kind === 'VOTE' && event.meetingId !== undefined && events.has(event.meetingId);
}

/**
 * The events whose answers may differ: those changed themselves, and those that show an actor,
 * source or meeting that changed (a renamed actor changes every answer that names it; a new
 * membership changes the body's members as well as the member).
 */
export async function diffRevisions(previous: Store, current: Store): Promise<RevisionDiff> {
  const [beforeEvents, afterEvents, beforeActors, afterActors, beforeSources, afterSources] = await Promise.all([
    allEvents(previous),
    allEvents(current),
    allActors(previous),
    allActors(current),
    previous.findSources(ALL).then((page) => page.items),
    current.findSources(ALL).then((page) => page.items),
  ]);
  const changed = changedIds(beforeActors, afterActors);
  // A body's members list shows its direct members: a changed member changes the body's answer too
  // (one level up, whatever order the actors come in; deeper nestings are not followed).
  const actors = new Set(changed);
  for (const actor of [...beforeActors, ...afterActors]) {
    if (changed.has(actor.id)) for (const membership of actor.memberships) actors.add(membership.of);
  }
  const sources = changedIds(beforeSources, afterSources);
  const events = changedIds(beforeEvents, afterEvents);
  const old = new Map(beforeEvents.map((event) => [event.id, event]));
  const before = new Map<string, TimelineEvent>();
  const after = new Map<string, TimelineEvent>();
  for (const event of afterEvents) {
    const was = old.get(event.id);
    old.delete(event.id);
    if (!events.has(event.id) && !refersTo(event, actors, sources, events)) continue;
    if (was) before.set(event.id, was);
    after.set(event.id, event);
  }
  for (const [id, event] of old) before.set(id, event);
  return { before, after, actorsChanged: actors.size > 0, filterContexts: [filterContextOf(beforeActors), filterContextOf(afterActors)] };
}

/** Who each actor stands for in one snapshot, as its store's filters read it. */
function filterContextOf(actors: readonly Actor[]): FilterContext {
  const members = followedMembers(actors);
  return { standsFor: (actorId, includeMembers) => (includeMembers ? memberClosure(actorId, members) : [actorId]) };
}

/** Of one swap: the diff and each snapshot's filter context, computed once for every subscriber. */
class SwapFacts {
  private diff?: Promise<RevisionDiff>;

  constructor(readonly change: RevisionChange) {}

  /** One swap standing for two in a row (A → B, then B → C, as A → C): what a subscriber that fell behind is sent. */
  static merge(first: SwapFacts, next: SwapFacts): SwapFacts {
    return new SwapFacts({ previous: first.change.previous, current: next.change.current });
  }

  difference(): Promise<RevisionDiff> {
    return (this.diff ??= diffRevisions(this.change.previous.store, this.change.current.store));
  }
}

/** The change as a filter sees it: the changed events it matches now, and those it matched and no longer does. */
export async function filteredChange(facts: SwapFacts, filter: TimelineFilter): Promise<FilteredChange> {
  const { change } = facts;
  const diff = await facts.difference();
  const [beforeContext, afterContext] = diff.filterContexts;
  const matchedBefore = eventMatcher(filter, beforeContext);
  const matchesNow = eventMatcher(filter, afterContext);
  const upserted: TimelineEvent[] = [];
  const removed: TimelineEvent[] = [];
  const consider = (was: TimelineEvent | undefined, is: TimelineEvent | undefined) => {
    if (is && matchesNow(is)) upserted.push(is);
    else if (was && matchedBefore(was)) removed.push(was);
  };
  if (diff.actorsChanged && filter.includeMembers) {
    // Every event may now stand for other actors: compare the two snapshots' whole answers.
    const [before, after] = await Promise.all(
      [change.previous.store, change.current.store].map(async (store) => {
        const [page] = await store.timelines([{ ...filter, page: ALL }]);
        return new Map((page?.items ?? []).map((event) => [event.id, event]));
      }),
    );
    for (const [id, event] of after!) if (!before!.has(id) || diff.after.has(id)) upserted.push(event);
    for (const [id, event] of before!) if (!after!.has(id)) removed.push(event);
  } else {
    for (const id of new Set([...diff.before.keys(), ...diff.after.keys()])) consider(diff.before.get(id), diff.after.get(id));
  }
  return { revision: change.current.store.revision, previousRevision: change.previous.store.revision, upserted, removed };
}

/**
 * The swaps of the revisions, for subscribers: each gets every swap after it subscribed, in order.
 * Closing ends every subscription (on shutdown, before connections are drained).
 */
export class ChangeFeed {
  private readonly subscribers = new Set<{ push: (facts: SwapFacts) => void; end: () => void }>();
  private closed = false;

  constructor(revisions: Revisions) {
    revisions.onChange((change) => {
      const facts = new SwapFacts(change);
      for (const subscriber of this.subscribers) subscriber.push(facts);
    });
  }

  /** How many subscriptions are open. */
  get size(): number {
    return this.subscribers.size;
  }

  /**
   * The swaps from now on, until the consumer returns, the signal aborts or the feed closes. An
   * iterator rather than a generator: a generator waiting for the next swap could not be ended
   * from outside, and a client that goes away must stop its subscription at once.
   */
  swaps(signal?: AbortSignal): AsyncIterableIterator<SwapFacts> {
    const queue: SwapFacts[] = [];
    let waiting: ((result: IteratorResult<SwapFacts>) => void) | undefined;
    let ended = this.closed;
    const done = (): IteratorResult<SwapFacts> => ({ done: true, value: undefined });
    const subscriber = {
      push: (facts: SwapFacts) => {
        if (waiting) {
          const resolve = waiting;
          waiting = undefined;
          resolve({ done: false, value: facts });
        } else if (queue[0]) {
          // A subscriber that has not read its last change gets one change for both: it holds two
          // snapshots at most, however many revisions go by while it lags.
          queue[0] = SwapFacts.merge(queue[0], facts);
        } else queue.push(facts);
      },
      end: () => {
        ended = true;
        this.subscribers.delete(subscriber);
        signal?.removeEventListener('abort', subscriber.end);
        queue.length = 0;
        const resolve = waiting;
        waiting = undefined;
        resolve?.(done());
      },
    };
    if (!ended) {
      this.subscribers.add(subscriber);
      signal?.addEventListener('abort', subscriber.end);
      if (signal?.aborted) subscriber.end();
    }
    const iterator: AsyncIterableIterator<SwapFacts> = {
      next: () => {
        const facts = queue.shift();
        if (facts) return Promise.resolve({ done: false, value: facts });
        if (ended) return Promise.resolve(done());
        return new Promise((resolve) => (waiting = resolve));
      },
      return: () => {
        subscriber.end();
        return Promise.resolve(done());
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** Ends every subscription, and refuses new ones. */
  close(): void {
    this.closed = true;
    for (const subscriber of this.subscribers) subscriber.end();
  }
}

export type { SwapFacts };
