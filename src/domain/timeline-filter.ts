// What a timeline filter means, as one predicate: the memory store checks its candidates with it,
// subscriptions decide with it which changed events a subscriber sees, and tests compare every
// store's answers with a scan through it. A store may find the matches another way (an index, SQL),
// but never give another answer.
import type { EventKind, MeetingStatus, TimelineEvent } from './model.js';
import { containsAllWords, searchableText, searchedText } from './text.js';

/** Which events a timeline shows; every condition given must hold. */
export interface TimelineFilter {
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
  /** Only events whose title, content or cited quotes contain every word, as domain/text.ts folds them. */
  words?: readonly string[];
}

/** What a predicate needs to know besides the event: who an actor stands for. */
export interface FilterContext {
  /** The actor and, with includeMembers, everyone it stands for (memberClosure over the data's memberships). */
  standsFor(actorId: string, includeMembers: boolean): readonly string[];
  /** Whether the event's text has every search word; a store with an index passes its own, with the same answers. */
  hasAllWords?(event: TimelineEvent, words: readonly string[]): boolean;
}

/** The actor sets a filter's actor conditions resolve to: the event must involve one actor of each. */
export interface ActorConditions {
  /** One set per actor of `actorIds`: all must hold. */
  allOf: ReadonlySet<string>[];
  anyOf?: ReadonlySet<string>;
  speakers?: ReadonlySet<string>;
}

export function actorConditions(filter: TimelineFilter, context: FilterContext): ActorConditions {
  const includeMembers = filter.includeMembers === true;
  const union = (ids: readonly string[] | undefined) =>
    ids && ids.length > 0 ? new Set(ids.flatMap((id) => context.standsFor(id, includeMembers))) : undefined;
  const conditions: ActorConditions = { allOf: (filter.actorIds ?? []).map((id) => new Set(context.standsFor(id, includeMembers))) };
  const anyOf = union(filter.anyActorIds);
  if (anyOf) conditions.anyOf = anyOf;
  const speakers = union(filter.speakerIds);
  if (speakers) conditions.speakers = speakers;
  return conditions;
}

function textHasAllWords(event: TimelineEvent, words: readonly string[]): boolean {
  return containsAllWords(searchableText(searchedText(event)), words);
}

/** The filter as a predicate; the actor sets and lookups are built once, for every event it is asked about. */
export function eventMatcher(filter: TimelineFilter, context: FilterContext, actors = actorConditions(filter, context)): (event: TimelineEvent) => boolean {
  const { from = -Infinity, to = Infinity, sourceIds = [], words = [] } = filter;
  const kinds = filter.kinds && filter.kinds.length > 0 ? new Set(filter.kinds) : undefined;
  const statuses = filter.meetingStatuses && filter.meetingStatuses.length > 0 ? new Set(filter.meetingStatuses) : undefined;
  const sources = sourceIds.length > 0 ? new Set(sourceIds) : undefined;
  const hasAllWords = context.hasAllWords ?? textHasAllWords;
  const { allOf, anyOf, speakers } = actors;
  const involvesOneOf = (event: TimelineEvent, set: ReadonlySet<string>) => event.actorIds.some((id) => set.has(id));
  return (event) =>
    event.time.startMs < to &&
    event.time.endMs > from &&
    (!kinds || kinds.has(event.kind)) &&
    (!statuses || event.kind !== 'MEETING' || statuses.has(event.status)) &&
    allOf.every((set) => involvesOneOf(event, set)) &&
    (!anyOf || involvesOneOf(event, anyOf)) &&
    (!speakers || (event.kind === 'STATEMENT' && speakers.has(event.speakerId))) &&
    (!sources || event.citations.some((citation) => sources.has(citation.sourceId))) &&
    (words.length === 0 || hasAllWords(event, words));
}

/** Whether one event matches a filter. */
export function matches(filter: TimelineFilter, event: TimelineEvent, context: FilterContext): boolean {
  return eventMatcher(filter, context)(event);
}
