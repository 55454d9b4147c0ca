// The data-access interface the schema talks to. It knows nothing of GraphQL, and every
// method is batched and asynchronous, so that a database could stand in for the in-memory store.
import type { Actor, ActorKind, EventKind, MeetingStatus, Source, Statement, TimelineEvent, Vote } from '../domain/model.js';
import type { EventSortKey } from '../domain/event-order.js';
import type { Page, PageRequest } from './paging.js';

export interface TimelineQuery {
  /** Only events overlapping [from, to): start < to and end > from (epoch milliseconds). */
  from?: number;
  to?: number;
  /** Only events involving every one of these actors. */
  actorIds?: readonly string[];
  /** Only events involving at least one of these actors. */
  anyActorIds?: readonly string[];
  /** Only statements made by one of these actors (events of other kinds are left out). */
  speakerIds?: readonly string[];
  /**
   * Whether each actor in actorIds, anyActorIds and speakerIds also stands for its members, and
   * theirs, as member-closure.ts defines them (a seat on a council is not followed).
   */
  includeMembers?: boolean;
  /** Only events citing at least one of these sources. */
  sourceIds?: readonly string[];
  /** Only events of these kinds. */
  kinds?: readonly EventKind[];
  /** Meetings must have one of these statuses; other kinds are not affected. */
  meetingStatuses?: readonly MeetingStatus[];
  /** Only events whose title, content or cited quotes contain every word (normalised, see text-search). */
  words?: readonly string[];
  page: PageRequest<EventSortKey>;
}

/** A timeline query without paging: which events, not which page of them. */
export type TimelineFilter = Omit<TimelineQuery, 'page'>;

export interface ActorQuery {
  kind?: ActorKind;
  /** Words that must all occur in the actor's name or one alias. */
  words?: readonly string[];
  /** Actors are ordered by id; the keys are ids. */
  page: PageRequest<string>;
}

/**
 * Lookups by id answered at once, without a promise: offered by stores that hold everything in
 * memory. Resolvers use them to hand graphql-js the object itself, so a nested page makes no
 * promise per reference; a store without them (a database) is batched through DataLoaders.
 */
export interface ImmediateLookups {
  actor(id: string): Actor | undefined;
  source(id: string): Source | undefined;
  event(id: string): TimelineEvent | undefined;
}

export interface Store {
  /** Present when the store can answer lookups by id synchronously (see ImmediateLookups). */
  readonly immediate?: ImmediateLookups;
  /** Batch get by id; undefined where there is no such actor. */
  getActors(ids: readonly string[]): Promise<(Actor | undefined)[]>;
  getEvents(ids: readonly string[]): Promise<(TimelineEvent | undefined)[]>;
  getSources(ids: readonly string[]): Promise<(Source | undefined)[]>;
  listSources(): Promise<Source[]>;
  findActors(query: ActorQuery): Promise<Page<Actor>>;
  /** For each id, the actors that are members of it (the inverse of memberships). */
  membersOf(actorIds: readonly string[]): Promise<Actor[][]>;
  /** For each meeting id, the statements made at or about it, in time order. */
  statementsConcerning(meetingIds: readonly string[]): Promise<Statement[][]>;
  /** For each meeting id, the votes taken at it, in time order. */
  votesAt(meetingIds: readonly string[]): Promise<Vote[][]>;
  /** One page of the time-ordered timeline per query; `checkDeadline` (which throws once the request is out of time) is called before each. */
  timelines(queries: readonly TimelineQuery[], options?: { checkDeadline?: () => void }): Promise<Page<TimelineEvent>[]>;
}

/** Every event matching a filter, in timeline order: a page without a size is the whole list. */
export async function allMatchingEvents(store: Store, filter: TimelineFilter): Promise<TimelineEvent[]> {
  const [page] = await store.timelines([{ ...filter, page: {} }]);
  return page?.items ?? [];
}
