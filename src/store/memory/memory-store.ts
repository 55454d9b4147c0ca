import type { Actor, Dataset, Source, Statement, TimelineEvent, Vote } from '../../domain/model.js';
import { compareEvents, compareEventToKey } from '../../domain/event-order.js';
import { IntervalIndex } from './interval-index.js';
import { followedMembers, memberClosure } from '../../domain/member-closure.js';
import { paginate, type Page } from '../paging.js';
import type { ActorQuery, ImmediateLookups, Store, TimelineQuery } from '../store.js';
import { containsAllWords, searchableText, searchedText, type SearchableText } from '../../domain/text.js';
import { WordIndex } from './word-index.js';

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Serves a dataset from memory, with the indexes built once at start-up. */
export class MemoryStore implements Store {
  private readonly actors = new Map<string, Actor>();
  private readonly actorsSorted: Actor[];
  private readonly actorSearchText = new Map<string, SearchableText[]>();
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
  /** Each source's events in timeline order. */
  private readonly eventsBySource = new Map<string, TimelineEvent[]>();
  /** The members includeMembers follows, by body, and each actor's closure once asked for. */
  private readonly followedMembers: Map<string, string[]>;
  private readonly closures = new Map<string, readonly string[]>();

  constructor(dataset: Dataset) {
    for (const source of dataset.sources) this.sources.set(source.id, source);
    for (const actor of dataset.actors) {
      this.actors.set(actor.id, actor);
      this.actorSearchText.set(actor.id, [actor.name, ...actor.aliases].map(searchableText));
      for (const membership of actor.memberships) pushTo(this.members, membership.of, actor);
    }
    this.followedMembers = followedMembers(dataset.actors);
    this.actorsSorted = [...dataset.actors].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    this.eventsSorted = [...dataset.events].sort(compareEvents);
    this.eventsSorted.forEach((event, position) => {
      this.eventPositions.set(event.id, position);
      for (const actorId of event.actorIds) pushTo(this.eventsByActor, actorId, event);
      for (const sourceId of new Set(event.citations.map((c) => c.sourceId))) pushTo(this.eventsBySource, sourceId, event);
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

  async timelines(queries: readonly TimelineQuery[], options: { checkDeadline?: () => void } = {}) {
    return queries.map((query) => {
      options.checkDeadline?.();
      return paginate(this.matchingEvents(query), compareEventToKey, query.page);
    });
  }

  private actorEventCount(actorId: string): number {
    return this.eventsByActor.get(actorId)?.length ?? 0;
  }

  /** The actor and, with includeMembers, everyone it stands for (member-closure.ts). */
  private standsFor(actorId: string, includeMembers: boolean): readonly string[] {
    if (!includeMembers) return [actorId];
    let closure = this.closures.get(actorId);
    if (!closure) {
      closure = memberClosure(actorId, this.followedMembers);
      // Only known actors are remembered: ids from outside cannot grow the map.
      if (this.actors.has(actorId)) this.closures.set(actorId, closure);
    }
    return closure;
  }

  /** The events of any of these actors overlapping the window, in timeline order. */
  private eventsOfActors(actorIds: readonly string[], from: number, to: number, windowed: boolean): readonly TimelineEvent[] {
    if (actorIds.length === 1) {
      const [actorId] = actorIds as [string];
      if (!windowed) return this.eventsByActor.get(actorId) ?? [];
      return this.intervalsByActor.get(actorId)?.overlapping(from, to).sort(compareEvents) ?? [];
    }
    const found = new Set<TimelineEvent>();
    for (const actorId of actorIds) for (const event of this.eventsOfActors([actorId], from, to, windowed)) found.add(event);
    return [...found].sort(compareEvents);
  }

  /** The events citing any of these sources, in timeline order. */
  private eventsOfSources(sourceIds: readonly string[]): readonly TimelineEvent[] {
    if (sourceIds.length === 1) return this.eventsBySource.get(sourceIds[0]!) ?? [];
    const found = new Set<TimelineEvent>();
    for (const sourceId of sourceIds) for (const event of this.eventsBySource.get(sourceId) ?? []) found.add(event);
    return [...found].sort(compareEvents);
  }

  /** The events matching a query's filters, in timeline order. */
  private matchingEvents(query: TimelineQuery): readonly TimelineEvent[] {
    const { from = -Infinity, to = Infinity, actorIds = [], anyActorIds = [], speakerIds = [], sourceIds = [], kinds, meetingStatuses, words = [] } = query;
    const includeMembers = query.includeMembers === true;
    const windowed = from !== -Infinity || to !== Infinity;

    // Each actor condition is a set of actors of which the event must involve one: one set per
    // actor of `actors` (all must hold), one for `anyActors`, one for `speakers`.
    const allOf = actorIds.map((id) => new Set(this.standsFor(id, includeMembers)));
    const anyOf = anyActorIds.length > 0 ? new Set(anyActorIds.flatMap((id) => this.standsFor(id, includeMembers))) : undefined;
    const speakers = speakerIds.length > 0 ? new Set(speakerIds.flatMap((id) => this.standsFor(id, includeMembers))) : undefined;
    const sources = sourceIds.length > 0 ? new Set(sourceIds) : undefined;

    // Start from the narrowest index: the actor set with the fewest events, the sources, the
    // window (through an interval index: no scan), or everything. The rest is checked one by one.
    const actorSets = [...allOf, ...(anyOf ? [anyOf] : []), ...(speakers ? [speakers] : [])];
    const sizeOf = (ids: Iterable<string>) => {
      let size = 0;
      for (const id of ids) size += this.actorEventCount(id);
      return size;
    };
    let candidates: readonly TimelineEvent[];
    let narrowest: Set<string> | undefined;
    for (const set of actorSets) if (!narrowest || sizeOf(set) < sizeOf(narrowest)) narrowest = set;
    const sourcesSize = sources ? [...sources].reduce((size, id) => size + (this.eventsBySource.get(id)?.length ?? 0), 0) : Infinity;
    // Whether the candidates are exactly the matches when no other condition is given.
    let exact: boolean;
    if (narrowest && sizeOf(narrowest) <= sourcesSize) {
      candidates = this.eventsOfActors([...narrowest], from, to, windowed);
      exact = actorSets.length === 1 && narrowest !== speakers && !sources;
    } else if (sources) {
      candidates = this.eventsOfSources([...sources]);
      exact = actorSets.length === 0 && !windowed;
    } else {
      candidates = windowed ? this.intervals.overlapping(from, to).sort(compareEvents) : this.eventsSorted;
      exact = actorSets.length === 0;
    }

    const kindSet = kinds && kinds.length > 0 ? new Set(kinds) : undefined;
    const statusSet = meetingStatuses && meetingStatuses.length > 0 ? new Set(meetingStatuses) : undefined;
    if (exact && !kindSet && !statusSet && words.length === 0) return candidates;
    const withWords = words.length > 0 ? this.eventWords.matching(words) : undefined;
    const involvesOneOf = (event: TimelineEvent, set: ReadonlySet<string>) => event.actorIds.some((id) => set.has(id));
    return candidates.filter(
      (event) =>
        event.time.startMs < to &&
        event.time.endMs > from &&
        (!kindSet || kindSet.has(event.kind)) &&
        (!statusSet || event.kind !== 'MEETING' || statusSet.has(event.status)) &&
        allOf.every((set) => involvesOneOf(event, set)) &&
        (!anyOf || involvesOneOf(event, anyOf)) &&
        (!speakers || (event.kind === 'STATEMENT' && speakers.has(event.speakerId))) &&
        (!sources || event.citations.some((citation) => sources.has(citation.sourceId))) &&
        (!withWords || withWords(this.eventPositions.get(event.id)!)),
    );
  }
}
