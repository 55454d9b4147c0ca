// References to the schema's object types, declared before they are implemented so that
// types which refer to each other (Actor -> Event -> Actor) can be defined in separate modules.
// The loadable refs batch every lookup by id through a per-request DataLoader.
import type {
  Actor,
  Ballot,
  Citation,
  EventKind,
  Meeting,
  Membership,
  Participation,
  Place,
  Statement,
  TimelineEvent,
  TimeSpan,
  Vote,
} from '../../domain/model.js';
import type { SourceMetadata } from '../../store/store.js';
import { builder } from './builder.js';
import type { Context } from './context.js';

/** Loads events of one kind: an ID of a Meeting must not resolve to a Statement. */
function loadEventsOfKind<K extends EventKind>(kind: K) {
  return async (ids: string[], ctx: Context) =>
    (await ctx.store.getEvents(ids)).map((event) => (event?.kind === kind ? (event as Extract<TimelineEvent, { kind: K }>) : null));
}

export const ActorRef = builder.loadableNodeRef('Actor', {
  id: { resolve: (actor: Actor) => actor.id },
  load: async (ids: string[], ctx: Context) => (await ctx.store.getActors(ids)).map((actor) => actor ?? null),
});

export const SourceRef = builder.loadableNodeRef('Source', {
  id: { resolve: (source: SourceMetadata) => source.id },
  load: async (ids: string[], ctx: Context) => (await ctx.store.getSources(ids)).map((source) => source ?? null),
});

export const MeetingRef = builder.loadableNodeRef('Meeting', {
  id: { resolve: (meeting: Meeting) => meeting.id },
  load: loadEventsOfKind('MEETING'),
});

export const StatementRef = builder.loadableNodeRef('Statement', {
  id: { resolve: (statement: Statement) => statement.id },
  load: loadEventsOfKind('STATEMENT'),
});

export const VoteRef = builder.loadableNodeRef('Vote', {
  id: { resolve: (vote: Vote) => vote.id },
  load: loadEventsOfKind('VOTE'),
});

export const EventRef = builder.interfaceRef<TimelineEvent>('Event');
export const TimeSpanRef = builder.objectRef<TimeSpan>('TimeSpan');
export const CitationRef = builder.objectRef<Citation>('Citation');
export const PlaceRef = builder.objectRef<Place>('Place');
export const ParticipationRef = builder.objectRef<Participation>('Participation');
export const BallotRef = builder.objectRef<Ballot>('Ballot');
export const MembershipRef = builder.objectRef<Membership>('Membership');
