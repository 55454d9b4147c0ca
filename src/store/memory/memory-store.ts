// The embedded store: one immutable snapshot of a dataset, indexed in memory when it is built.
import { countByBucket, type BucketCount } from '../../domain/calendar-buckets.js';
import { compareEvents, compareEventToKey } from '../../domain/event-order.js';
import { interactions, type InteractionKind } from '../../domain/interactions.js';
import { followedMembers, memberClosure } from '../../domain/member-closure.js';
import type { Actor, Dataset, Source, Statement, TimelineEvent, Vote } from '../../domain/model.js';
import { containsAllWords, searchableText, searchedText, type SearchableText } from '../../domain/text.js';
import { actorConditions, eventMatcher, type FilterContext, type TimelineFilter } from '../../domain/timeline-filter.js';
import { type Page, type PageRequest } from '../paging.js';
import type { ActorQuery, DatasetCounts, Lookups, SourceMetadata, Store, TimelineQuery, WorkOptions } from '../store.js';
import { IntervalIndex } from './interval-index.js';
import { paginate } from './paginate.js';
import { WordIndex } from './word-index.js';

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const byId = (a: { id: string }, id: string) => (a.id < id ? -1 : a.id > id ? 1 : 0);

/** Serves one dataset from memory, with its indexes built once; a new revision is a new store. */
export class MemoryStore implements Store {
  readonly revision: string;
  private readonly actors = new Map<string, Actor>();
  private readonly actorsSorted: Actor[];
  private readonly actorSearchText = new Map<string, SearchableText[]>();
  private readonly members = new Map<string, Actor[]>();
  private readonly sources = new Map<string, SourceMetadata>();
  private readonly sourcesSorted: SourceMetadata[];
  private readonly sourceTexts = new Map<string, string>();
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
    this.revision = dataset.version;
    for (const source of dataset.sources) {
      const { text, ...metadata } = source satisfies Source;
      this.sources.set(source.id, metadata);
      this.sourceTexts.set(source.id, text);
    }
    this.sourcesSorted = [...this.sources.values()].sort((a, b) => byId(a, b.id));
    for (const actor of dataset.actors) {
      this.actors.set(actor.id, actor);
      this.actorSearchText.set(actor.id, [actor.name, ...actor.aliases].map(searchableText));
      for (const membership of actor.memberships) pushTo(this.members, membership.of, actor);
    }
    this.followedMembers = followedMembers(dataset.actors);
    this.actorsSorted = [...dataset.actors].sort((a, b) => byId(a, b.id));
    for (const list of this.members.values()) list.sort((a, b) => byId(a, b.id));

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

  /** Answered at once: a nested page makes no promise per reference. The same for every request, as the snapshot never changes. */
  private readonly immediateLookups: Lookups = {
    actor: (id) => this.actors.get(id),
    source: (id) => this.sources.get(id),
    event: (id) => this.eventAt(this.eventPositions.get(id)),
    sourceText: (id) => this.sourceTexts.get(id),
  };

  lookups(): Lookups {
    return this.immediateLookups;
  }

  async counts(): Promise<DatasetCounts> {
    return { eventCount: this.eventsSorted.length, actorCount: this.actors.size, sourceCount: this.sources.size };
  }

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

  async getSourceTexts(ids: readonly string[]) {
    return ids.map((id) => this.sourceTexts.get(id));
  }

  async findSources(page: PageRequest<string>): Promise<Page<SourceMetadata>> {
    return paginate(this.sourcesSorted, byId, page);
  }

  async findActors(query: ActorQuery): Promise<Page<Actor>> {
    const { kind, words = [] } = query;
    const matches =
      kind === undefined && words.length === 0
        ? this.actorsSorted
        : this.actorsSorted.filter(
            (actor) => (kind === undefined || actor.kind === kind) && (this.actorSearchText.get(actor.id) ?? []).some((name) => containsAllWords(name, words)),
          );
    return paginate(matches, byId, query.page);
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

  async timelines(queries: readonly TimelineQuery[], options: WorkOptions = {}) {
    return queries.map((query) => {
      options.checkDeadline?.();
      return paginate(this.matchingEvents(query), compareEventToKey, query.page);
    });
  }

  async span(filter: TimelineFilter, options: WorkOptions = {}) {
    options.checkDeadline?.();
    let from = Infinity;
    let to = -Infinity;
    // Loops, not Math.min(...spread): a spread of a million arguments overflows the stack.
    for (const event of this.matchingEvents(filter)) {
      if (event.time.startMs < from) from = event.time.startMs;
      if (event.time.endMs > to) to = event.time.endMs;
    }
    return from < to ? { from, to } : undefined;
  }

  async histogram(filter: TimelineFilter, edges: readonly number[], options: WorkOptions = {}): Promise<BucketCount[]> {
    if (edges.length < 2) return [];
    options.checkDeadline?.();
    const events = this.matchingEvents({ ...filter, from: Math.max(filter.from ?? -Infinity, edges[0]!), to: Math.min(filter.to ?? Infinity, edges.at(-1)!) });
    return countByBucket(edges, events, options.checkDeadline);
  }

  async interactions(filter: TimelineFilter, via: ReadonlySet<InteractionKind> | undefined, options: WorkOptions = {}) {
    options.checkDeadline?.();
    return interactions(this.matchingEvents(filter), via, options.checkDeadline);
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

  /** Who a filter's actors stand for: the domain predicate's lookup here (words go through the index, per filter, below). */
  private readonly filterContext: FilterContext = {
    standsFor: (actorId, includeMembers) => this.standsFor(actorId, includeMembers),
  };

  /** The events matching a filter, in timeline order. */
  private matchingEvents(filter: TimelineFilter): readonly TimelineEvent[] {
    const { from = -Infinity, to = Infinity, sourceIds = [], kinds, meetingStatuses, words = [] } = filter;
    const windowed = from !== -Infinity || to !== Infinity;
    const actors = actorConditions(filter, this.filterContext);
    const { allOf, anyOf, speakers } = actors;
    const sources = sourceIds.length > 0 ? new Set(sourceIds) : undefined;

    // Start from the narrowest index: the actor set with the fewest events, the sources, the
    // window (through an interval index: no scan), or everything. The domain's predicate then
    // checks each candidate.
    const actorSets = [...allOf, ...(anyOf ? [anyOf] : []), ...(speakers ? [speakers] : [])];
    const sizeOf = (ids: Iterable<string>) => {
      let size = 0;
      for (const id of ids) size += this.actorEventCount(id);
      return size;
    };
    let candidates: readonly TimelineEvent[];
    let narrowest: ReadonlySet<string> | undefined;
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
    if (exact && !kinds?.length && !meetingStatuses?.length && words.length === 0) return candidates;
    // The word index is read once per filter, not once per candidate.
    const withWords = words.length > 0 ? this.eventWords.matching(words) : undefined;
    const context: FilterContext = withWords
      ? { ...this.filterContext, hasAllWords: (event) => withWords(this.eventPositions.get(event.id)!) }
      : this.filterContext;
    return candidates.filter(eventMatcher(filter, context, actors));
  }
}
