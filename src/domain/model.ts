// The domain model: what the loader produces and the store serves.
// Plain data with no GraphQL in it, so that any store (in memory or a database) can hold it.

export const ACTOR_KINDS = ['PERSON', 'STATE', 'GOVERNMENT_BODY', 'ORGANIZATION', 'INTERNATIONAL_ORGANIZATION', 'MEDIA'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const EVENT_KINDS = ['MEETING', 'STATEMENT', 'VOTE'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const TIME_PRECISIONS = ['YEAR', 'MONTH', 'DAY', 'PART_OF_DAY', 'HOUR', 'MINUTE'] as const;
export type TimePrecision = (typeof TIME_PRECISIONS)[number];

export const MEETING_STATUSES = ['HELD', 'PLANNED', 'PROPOSED', 'CANCELLED'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const STATEMENT_FORMS = ['DIRECT_QUOTE', 'PARAPHRASE', 'NO_COMMENT'] as const;
export type StatementForm = (typeof STATEMENT_FORMS)[number];

export const BALLOT_CHOICES = ['YES', 'NO', 'ABSTAIN', 'ABSENT'] as const;
export type BallotChoice = (typeof BALLOT_CHOICES)[number];

export const VOTE_OUTCOMES = ['ADOPTED', 'REJECTED', 'VETOED'] as const;
export type VoteOutcome = (typeof VOTE_OUTCOMES)[number];

export const MAJORITY_RULES = ['FIXED', 'SIMPLE_MAJORITY', 'TWO_THIRDS'] as const;
export type MajorityRule = (typeof MAJORITY_RULES)[number];

/** How the data knows a voting body's members. */
export const MEMBER_LISTS = ['LISTED', 'STATES'] as const;
export type MemberList = (typeof MEMBER_LISTS)[number];

export const SOURCE_KINDS = ['ARTICLE', 'OFFICIAL_RECORD'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * A half-open interval [startMs, endMs) of instants (milliseconds since the epoch),
 * with the IANA zone it belongs to. Offsets are never stored: Luxon derives them
 * from the zone at each instant.
 */
export interface TimeSpan {
  startMs: number;
  endMs: number;
  zone: string;
  precision: TimePrecision;
  /** The source's own words, e.g. "late Thursday". */
  text?: string;
  /** The zone the words were read in, when it differs from `zone`. */
  textZone?: string;
}

export interface Membership {
  /** Id of the body the actor belongs to or represents. */
  of: string;
  role?: string;
  /** For seats on a council: permanent members can veto. */
  seat?: 'PERMANENT' | 'ELECTED';
  /** Local dates (YYYY-MM-DD), start inclusive, end exclusive, when the sources bound the membership. */
  from?: string;
  until?: string;
}

/**
 * How a motion passes: FIXED needs `required` votes in favour (9 in the Security Council);
 * SIMPLE_MAJORITY more in favour than against; TWO_THIRDS two thirds of those in favour or
 * against. Abstentions and absences count for neither.
 */
export type VotingRule = { rule: 'FIXED'; required: number } | { rule: 'SIMPLE_MAJORITY' | 'TWO_THIRDS' };

/** How a body votes, for actors that are voting bodies. */
export interface Voting {
  /** The rule a vote follows unless its record states another. */
  rule: VotingRule;
  /**
   * LISTED: the members are the actors whose memberships name the body (on the day of a vote).
   * STATES: the members are not listed one by one (193 in the General Assembly): any STATE may hold a ballot.
   */
  members: MemberList;
}

export interface Actor {
  /** Also the public slug, e.g. sergei-lavrov. */
  id: string;
  name: string;
  aliases: string[];
  kind: ActorKind;
  description?: string;
  memberships: Membership[];
  /** Set on bodies that vote, e.g. the UN Security Council. */
  voting?: Voting;
}

export interface Place {
  name: string;
  country?: string;
  zone: string;
}

export interface Source {
  id: string;
  kind: SourceKind;
  title: string;
  /** Editorial remarks: how the text was compiled, whether the title is the original. */
  note?: string;
  /** Actors (news agencies, bodies) the text or its facts are credited to. */
  creditedToIds: string[];
  /** When it was published, at the precision known. */
  published?: TimeSpan;
  place?: Place;
  url?: string;
  /** Identifiers of the underlying documents, e.g. UN press release numbers. */
  references: string[];
  text: string;
  sha256: string;
}

/** A passage of a source: text.slice(start, end) === quote, offsets in UTF-16 code units. */
export interface Citation {
  sourceId: string;
  quote: string;
  start: number;
  end: number;
}

interface EventBase {
  id: string;
  title: string;
  /** Editorial context that the cited passages do not state. */
  note?: string;
  time: TimeSpan;
  /** Every actor involved, each once, in a stable order. */
  actorIds: string[];
  citations: Citation[];
}

export interface Participation {
  actorId: string;
  role?: string;
}

export interface Meeting extends EventBase {
  kind: 'MEETING';
  status: MeetingStatus;
  location?: Place;
  participants: Participation[];
}

export interface Statement extends EventBase {
  kind: 'STATEMENT';
  speakerId: string;
  content: string;
  form: StatementForm;
  reportedByIds: string[];
  aboutIds: string[];
  /** The meeting at or after which it was made. */
  meetingId?: string;
  /** Meetings the statement is about (e.g. a planned conference). */
  regardingIds: string[];
}

export interface Ballot {
  actorId: string;
  choice: BallotChoice;
}

/** The numbers of a vote as its source states them. */
export interface Tally {
  yes: number;
  no: number;
  abstain: number;
  /** Members that did not vote: as stated, or counted when every member's ballot is listed. */
  absent?: number;
}

export interface Vote extends EventBase {
  kind: 'VOTE';
  bodyId: string;
  motion: string;
  meetingId?: string;
  /** The rule this vote followed: the body's, or the one its record states. */
  rule: VotingRule;
  tally: Tally;
  /** The ballots the sources list: all, some or none of the members'. */
  ballots: Ballot[];
  /** Whether every member on the day has a listed ballot. */
  ballotsComplete: boolean;
  /** Derived from the tally, the rule and the permanent members' listed No ballots. */
  outcome: VoteOutcome;
  vetoedByIds: string[];
}

export type TimelineEvent = Meeting | Statement | Vote;

/** Everything the loader read: the input of a store. */
export interface Dataset {
  actors: Actor[];
  sources: Source[];
  events: TimelineEvent[];
  /** SHA-256 over every data file's name and bytes: the same files, the same version. */
  version: string;
}
