import type { Actor, Dataset, Source, Statement, TimelineEvent, Vote } from '../model.js';
import { compareEvents, compareEventToKey } from './event-order.js';
import { IntervalIndex } from './interval-index.js';
import { paginate, type Page } from './paging.js';
import type { ActorQuery, ImmediateLookups, Store, TimelineQuery } from './store.js';
import { containsAllWords, searchableText, WordIndex } from './text-search.js';

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** What a search looks in: an event's title, its content (a statement's words, a vote's motion) and its quotes. */
function searchedText(event: TimelineEvent): string {
  const content = event.kind === 'STATEMENT' ? event.content : event.kind === 'VOTE' ? event.motion : '';
  return [event.title, content, ...event.citations.map((c) => c.quote)].join('\n');
}

/** Serves a dataset from memory, with the indexes built once at start-up. */
export class MemoryStore implements Store {
  private readonly actors = new Map<string, Actor>();
  private readonly actorsSorted: Actor[];
  private readonly actorSearchText = new Map<string, string[]>();
  private readonly members = new Map<string, Actor[]>();
  private readonly sources = new Map<string, Source>();
  /** All events in timeline order. */
  private readonly eventsSorted: TimelineEvent[];
  /** Each event's position in eventsSorted, by id. */
  private readonly eventPositions = new Map<string, number>();
  /** Each actor's events in timeline order. */
  private readonly eventsByActor = new Map<string, TimelineEvent[]>();
  /** Each actor's events, indexed for window queries. */
  private readonly intervalsByActor = new Map<string, IntervalIndex<TimelineEvent>>();
  /** The words of each event's title, content and quotes, by position in eventsSorted. */
  private readonly eventWords: WordIndex;
  private readonly statementsByMeeting = new Map<string, Statement[]>();
  private readonly votesByMeeting = new Map<string, Vote[]>();
  private readonly intervals: IntervalIndex<TimelineEvent>;

  constructor(dataset: Dataset) {
    for (const source of dataset.sources) this.sources.set(source.id, source);
    for (const actor of dataset.actors) {
      this.actors.set(actor.id, actor);
      this.actorSearchText.set(actor.id, [actor.name, ...actor.aliases].map(searchableText));
      for (const membership of actor.memberships) pushTo(this.members, membership.of, actor);
    }
    this.actorsSorted = [...dataset.actors].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    this.eventsSorted = [...dataset.events].sort(compareEvents);
    this.eventsSorted.forEach((event, position) => {
      this.eventPositions.set(event.id, position);
      for (const actorId of event.actorIds) pushTo(this.eventsByActor, actorId, event);
      if (event.kind === 'STATEMENT') {
        const meetings = new Set([...(event.meetingId ? [event.meetingId] : []), ...event.regardingIds]);
        for (const meetingId of meetings) pushTo(this.statementsByMeeting, meetingId, event);
      }
      if (event.kind === 'VOTE' && event.meetingId) pushTo(this.votesByMeeting, event.meetingId, event);
    });
    this.eventWords = new WordIndex(this.eventsSorted.map(searchedText));
    this.intervals = new IntervalIndex(this.eventsSorted);
    for (const [actorId, events] of this.eventsByActor) this.intervalsByActor.set(actorId, new IntervalIndex(events));
  }

  readonly immediate: ImmediateLookups = {
    actor: (id) => this.actors.get(id),
    source: (id) => this.sources.get(id),
    event: (id) => this.eventAt(this.eventPositions.get(id)),
  };

  async getActors(ids: readonly string[]) {
    return ids.map((id) => this.actors.get(id));
  }

  async getEvents(ids: readonly string[]) {
    return ids.map((id) => this.eventAt(this.eventPositions.get(id)));
  }

  private eventAt(position: number | undefined): TimelineEvent | undefined {
    return position === undefined ? undefined : this.eventsSorted[position];
  }

  async getSources(ids: readonly string[]) {
    return ids.map((id) => this.sources.get(id));
  }

  async listSources() {
    return [...this.sources.values()];
  }

  async findActors(query: ActorQuery): Promise<Page<Actor>> {
    const { kind, words = [] } = query;
    const matches =
      kind === undefined && words.length === 0
        ? this.actorsSorted
        : this.actorsSorted.filter(
            (actor) =>
              (kind === undefined || actor.kind === kind) &&
              (this.actorSearchText.get(actor.id) ?? []).some((name) => containsAllWords(name, words)),
          );
    return paginate(matches, (actor, id) => (actor.id < id ? -1 : actor.id > id ? 1 : 0), query.page);
  }

  async membersOf(actorIds: readonly string[]) {
    return actorIds.map((id) => this.members.get(id) ?? []);
  }

  async statementsConcerning(meetingIds: readonly string[]) {
    return meetingIds.map((id) => this.statementsByMeeting.get(id) ?? []);
  }

  async votesAt(meetingIds: readonly string[]) {
    return meetingIds.map((id) => this.votesByMeeting.get(id) ?? []);
  }

  async timelines(queries: readonly TimelineQuery[]) {
    return queries.map((query) => paginate(this.matchingEvents(query), compareEventToKey, query.page));
  }

  private actorEventCount(actorId: string): number {
    return this.eventsByActor.get(actorId)?.length ?? 0;
  }

  /** The events matching a query's filters, in timeline order. */
  private matchingEvents(query: TimelineQuery): readonly TimelineEvent[] {
    const { from = -Infinity, to = Infinity, actorIds = [], kinds, meetingStatuses, words = [] } = query;
    const windowed = from !== -Infinity || to !== Infinity;

    // Start from the narrowest index: the least active actor's events, the window (through
    // an interval index: no scan), or everything. Only the other filters are checked one by one.
    let candidates: readonly TimelineEvent[];
    if (actorIds.length > 0) {
      const narrowest = actorIds.reduce((best, id) => (this.actorEventCount(id) < this.actorEventCount(best) ? id : best));
      const intervals = this.intervalsByActor.get(narrowest);
      if (!intervals) return [];
      candidates = windowed ? intervals.overlapping(from, to).sort(compareEvents) : (this.eventsByActor.get(narrowest) ?? []);
    } else {
      candidates = windowed ? this.intervals.overlapping(from, to).sort(compareEvents) : this.eventsSorted;
    }

    const kindSet = kinds && kinds.length > 0 ? new Set(kinds) : undefined;
    const statusSet = meetingStatuses && meetingStatuses.length > 0 ? new Set(meetingStatuses) : undefined;
    if (!kindSet && !statusSet && words.length === 0 && actorIds.length <= 1) return candidates;
    const withWords = words.length > 0 ? this.eventWords.matching(words) : undefined;
    return candidates.filter(
      (event) =>
        (!kindSet || kindSet.has(event.kind)) &&
        (!statusSet || event.kind !== 'MEETING' || statusSet.has(event.status)) &&
        actorIds.every((id) => event.actorIds.includes(id)) &&
        (!withWords || withWords(this.eventPositions.get(event.id)!)),
    );
  }
}
