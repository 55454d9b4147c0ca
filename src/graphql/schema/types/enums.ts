// The schema's enums, with a description for every value.
import { builder } from '../builder.js';

export const ActorKindEnum = builder.enumType('ActorKind', {
  description: 'What sort of actor this is.',
  values: {
    PERSON: { description: 'A person, e.g. a minister or an envoy.' },
    STATE: { description: 'A sovereign state.' },
    GOVERNMENT_BODY: { description: "A part of a state's government, e.g. a ministry." },
    ORGANIZATION: { description: 'A non-governmental organisation, e.g. an opposition group.' },
    INTERNATIONAL_ORGANIZATION: { description: 'An international body, e.g. the UN or its Security Council.' },
    MEDIA: { description: 'A news outlet or agency.' },
  },
});

export const EventKindEnum = builder.enumType('EventKind', {
  description: 'The kinds of event on the timeline.',
  values: {
    MEETING: { description: 'A meeting, talks or conference, held or planned.' },
    STATEMENT: { description: 'Something an actor said (or declined to say).' },
    VOTE: { description: 'A vote of a body, with its ballots.' },
  },
});

export const TimePrecisionEnum = builder.enumType('TimePrecision', {
  description: 'How precisely the sources fix a time.',
  values: {
    YEAR: { description: 'Known to the year.' },
    MONTH: { description: 'Known to the month (the span may be part of a month, e.g. "earlier this month").' },
    DAY: { description: "Known to the day (or a range of whole days): all-day spans in the event's zone." },
    PART_OF_DAY: { description: 'A named part of a day, e.g. "Thursday evening"; the windows are documented in the README.' },
    HOUR: { description: 'Known to the hour.' },
    MINUTE: { description: 'Known to the minute.' },
  },
});

export const MeetingStatusEnum = builder.enumType('MeetingStatus', {
  description: 'Whether a meeting took place.',
  values: {
    HELD: { description: 'It took place.' },
    PLANNED: { description: 'It is planned by its organisers.' },
    PROPOSED: { description: 'It has been proposed but not agreed.' },
    CANCELLED: { description: 'It was planned and then called off.' },
  },
});

export const StatementFormEnum = builder.enumType('StatementForm', {
  description: 'How the source renders a statement.',
  values: {
    DIRECT_QUOTE: { description: "The speaker's own words, in quotation marks in the source." },
    PARAPHRASE: { description: "The source's summary of what the speaker said." },
    NO_COMMENT: { description: 'The actor declined to comment or could not be reached: a reported silence.' },
  },
});

export const BallotChoiceEnum = builder.enumType('BallotChoice', {
  description: "A member's ballot.",
  values: {
    YES: { description: 'In favour.' },
    NO: { description: 'Against.' },
    ABSTAIN: { description: 'Abstained.' },
    ABSENT: { description: 'Did not vote.' },
  },
});

export const VoteOutcomeEnum = builder.enumType('VoteOutcome', {
  description: "A vote's result, derived from its tally, its rule and the permanent members' ballots.",
  values: {
    ADOPTED: { description: 'Enough votes in favour under the rule, and no veto.' },
    REJECTED: { description: 'Too few votes in favour under the rule.' },
    VETOED: { description: 'Enough votes in favour, but a permanent member voted against.' },
  },
});

export const MajorityRuleEnum = builder.enumType('MajorityRule', {
  description: 'How a vote is decided.',
  values: {
    FIXED: { description: "A fixed number of votes in favour, e.g. nine of the Security Council's fifteen." },
    SIMPLE_MAJORITY: { description: 'More in favour than against, of the members present and voting.' },
    TWO_THIRDS: { description: 'Two thirds of the members present and voting.' },
  },
});

export const SourceKindEnum = builder.enumType('SourceKind', {
  description: 'What sort of document a source is.',
  values: {
    ARTICLE: { description: 'A news article.' },
    OFFICIAL_RECORD: { description: "An official record, e.g. a body's meeting records and press releases." },
  },
});

export const SeatEnum = builder.enumType('Seat', {
  description: 'The kind of seat a member holds on a council.',
  values: {
    PERMANENT: { description: 'A permanent seat: a No from it is a veto.' },
    ELECTED: { description: 'An elected seat for a fixed term.' },
  },
});
