// The store contract: what every backend serves, for one revision of the data. It knows nothing
// of GraphQL or HTTP. Every method is batched (one call answers many ids or queries) and
// asynchronous; what a backend answers is specified by the conformance suite that every backend
// runs (tests/store-conformance.ts), against a scan through the domain's own rules.
import DataLoader from 'dataloader';
import type { BucketCount } from '../domain/calendar-buckets.js';
import type { EventSortKey } from '../domain/event-order.js';
import type { Interaction, InteractionKind } from '../domain/interactions.js';
import type { Actor, ActorKind, Source, Statement, TimelineEvent, Vote } from '../domain/model.js';
import type { TimelineFilter } from '../domain/timeline-filter.js';
import type { Page, PageRequest } from './paging.js';

export type { TimelineFilter } from '../domain/timeline-filter.js';

/** A source without its text: what titles, links and citations need. The text is read on its own. */
export type SourceMetadata = Omit<Source, 'text'>;

export interface TimelineQuery extends TimelineFilter {
  page: PageRequest<EventSortKey>;
}

export interface ActorQuery {
  kind?: ActorKind;
  /** Folded search words (domain/text.ts) that must all occur in the actor's name or one alias. */
  words?: readonly string[];
  /** Actors are ordered by id; the keys are ids. */
  page: PageRequest<string>;
}

/** How much data one revision holds. */
export interface DatasetCounts {
  eventCount: number;
  actorCount: number;
  sourceCount: number;
}

/** Lets a long call stop between its parts: throws once the request is out of time. */
export interface WorkOptions {
  checkDeadline?: () => void;
}

/**
 * Lookups by id for one request: what reference fields (an event's actors, a citation's source)
 * resolve through. A value or a promise of one: a store holding everything in memory answers at
 * once, a database batches the ids asked for in the same tick (see batchedLookups).
 */
export interface Lookups {
  actor(id: string): Actor | undefined | Promise<Actor | undefined>;
  source(id: string): SourceMetadata | undefined | Promise<SourceMetadata | undefined>;
  event(id: string): TimelineEvent | undefined | Promise<TimelineEvent | undefined>;
  /** A source's text: read only where a query asks for it. */
  sourceText(id: string): string | undefined | Promise<string | undefined>;
}

export interface Store {
  /** Names the data this store serves: equal revisions, equal answers. */
  readonly revision: string;
  counts(): Promise<DatasetCounts>;
  /** Per-request lookups by id, batched or immediate (the schema resolves every reference through them). */
  lookups(): Lookups;

  /** Batch gets by id; undefined where there is none. */
  getActors(ids: readonly string[]): Promise<(Actor | undefined)[]>;
  getEvents(ids: readonly string[]): Promise<(TimelineEvent | undefined)[]>;
  getSources(ids: readonly string[]): Promise<(SourceMetadata | undefined)[]>;
  getSourceTexts(ids: readonly string[]): Promise<(string | undefined)[]>;

  /** Sources ordered by id; the keys are ids. */
  findSources(page: PageRequest<string>): Promise<Page<SourceMetadata>>;
  findActors(query: ActorQuery): Promise<Page<Actor>>;
  /** For each id, the actors that are members of it (the inverse of memberships), ordered by id. */
  membersOf(actorIds: readonly string[]): Promise<Actor[][]>;
  /** For each meeting id, the statements made at or about it, in timeline order. */
  statementsConcerning(meetingIds: readonly string[]): Promise<Statement[][]>;
  /** For each meeting id, the votes taken at it, in timeline order. */
  votesAt(meetingIds: readonly string[]): Promise<Vote[][]>;

  /** One page of the timeline (domain/event-order.ts) per query. */
  timelines(queries: readonly TimelineQuery[], options?: WorkOptions): Promise<Page<TimelineEvent>[]>;
  /** From the earliest start to the latest end of the matching events; undefined when none match. */
  span(filter: TimelineFilter, options?: WorkOptions): Promise<{ from: number; to: number } | undefined>;
  /**
   * Per bucket [edges[i], edges[i + 1]), the matching events overlapping it, by kind: an event
   * counts in every bucket it overlaps. Edges ascend; the domain computes them (calendar-buckets.ts).
   */
  histogram(filter: TimelineFilter, edges: readonly number[], options?: WorkOptions): Promise<BucketCount[]>;
  /** Actor pairs linked by the matching events (domain/interactions.ts), most shared events first; `via` keeps those kinds of link. */
  interactions(filter: TimelineFilter, via: ReadonlySet<InteractionKind> | undefined, options?: WorkOptions): Promise<Interaction[]>;
}

/**
 * Lookups through the store's batch gets, one call per kind and tick, each id asked for once per
 * request: what a backend without its data in memory offers (the conformance suite runs it too).
 */
export function batchedLookups(store: Pick<Store, 'getActors' | 'getSources' | 'getEvents' | 'getSourceTexts'>): Lookups {
  const actors = new DataLoader((ids: readonly string[]) => store.getActors(ids));
  const sources = new DataLoader((ids: readonly string[]) => store.getSources(ids));
  const events = new DataLoader((ids: readonly string[]) => store.getEvents(ids));
  const texts = new DataLoader((ids: readonly string[]) => store.getSourceTexts(ids));
  return {
    actor: (id) => actors.load(id),
    source: (id) => sources.load(id),
    event: (id) => events.load(id),
    sourceText: (id) => texts.load(id),
  };
}
