// The shapes of the data files (data/actors.yaml, data/sources/*.yaml), checked with zod.
// Objects are strict, so a misspelt key is reported rather than silently ignored (the validation
// reports it and checks the rest of the entity without it; a field with a bad value is reported
// and the entity's valid fields are still cross-checked). Messages come from zod-messages.ts.
// Cross-references (ids, quotes, ballots, rules) are checked afterwards (validate-dataset.ts).
import { z } from 'zod';
import { ACTOR_KINDS, BALLOT_CHOICES, MAJORITY_RULES, MEETING_STATUSES, MEMBER_LISTS, SOURCE_KINDS, STATEMENT_FORMS } from '../domain/model.js';
import { isCalendarDate } from '../time/local-days.js';
import { PART_OF_DAY_NAMES, type PartOfDay } from '../time/time-spec.js';
import { quoted } from './problems.js';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lowercase slug such as sergei-lavrov');
const text = z.string().trim().min(1, 'must not be empty');
/** A calendar date that exists: 2012-02-30 and 2012-13-01 are not dates. Worded as the time specs word it. */
const localDate = z.string().refine(isCalendarDate, { error: (issue) => `must be a calendar date YYYY-MM-DD (found ${quoted(issue.input)})` });
const slugList = z.array(slug).default([]);

export const membershipSchema = z.strictObject({
  actor: slug,
  role: text.optional(),
  seat: z.enum(['PERMANENT', 'ELECTED']).optional(),
  from: localDate.optional(),
  until: localDate.optional(),
});

const majorityRule = z.enum(MAJORITY_RULES);
/** Votes in favour a FIXED rule needs; votes.ts checks that it goes with FIXED, and only with it. */
const votesRequired = z.number().int().min(1);

/** How a body votes: on its actor entry. */
export const votingSchema = z.strictObject({
  rule: majorityRule,
  required: votesRequired.optional(),
  members: z.enum(MEMBER_LISTS).default('LISTED'),
});

export const actorSchema = z.strictObject({
  id: slug,
  name: text,
  aliases: z.array(text).default([]),
  kind: z.enum(ACTOR_KINDS),
  description: text.optional(),
  memberOf: z.array(membershipSchema).default([]),
  voting: votingSchema.optional(),
});

export const actorsFileSchema = z.strictObject({
  actors: z.array(z.unknown()).min(1, 'must list at least one actor'),
});

/** Time as the source says it; resolveTimeSpec checks how the keys combine. */
export const timeSpecSchema = z.strictObject({
  zone: text,
  text: text.optional(),
  readIn: text.optional(),
  year: z.number().int().optional(),
  month: z.string().optional(),
  until: z.string().optional(),
  date: z.string().optional(),
  through: z.string().optional(),
  partOfDay: z.enum(PART_OF_DAY_NAMES as [PartOfDay, ...PartOfDay[]]).optional(),
  at: z.string().optional(),
  precision: z.enum(['HOUR', 'MINUTE']).optional(),
});

const placeSchema = z.strictObject({
  name: text,
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as RU')
    .optional(),
  /** Defaults to the event's (or source's) zone. */
  zone: text.optional(),
});

export const citationSchema = z.strictObject({
  /** Another source's id; by default the file's own source. */
  source: slug.optional(),
  quote: z.string().min(1, 'must not be empty'),
});

const eventBase = {
  id: slug,
  title: text,
  note: text.optional(),
  time: timeSpecSchema,
  citations: z.array(citationSchema).min(1, 'every event needs at least one citation'),
};

export const meetingSchema = z.strictObject({
  ...eventBase,
  kind: z.literal('MEETING'),
  status: z.enum(MEETING_STATUSES),
  location: placeSchema.optional(),
  participants: z.array(z.strictObject({ actor: slug, role: text.optional() })).min(1, 'a meeting needs at least one participant'),
});

export const statementSchema = z.strictObject({
  ...eventBase,
  kind: z.literal('STATEMENT'),
  speaker: slug,
  form: z.enum(STATEMENT_FORMS),
  content: text,
  reportedBy: slugList,
  about: slugList,
  meeting: slug.optional(),
  regarding: slugList,
});

const count = z.number().int().min(0);
export const voteSchema = z.strictObject({
  ...eventBase,
  kind: z.literal('VOTE'),
  body: slug,
  motion: text,
  meeting: slug.optional(),
  /** Only when the record says this vote followed another rule than its body's (a GA "important question"). */
  rule: majorityRule.optional(),
  required: votesRequired.optional(),
  /** The numbers as the source states them; the listed ballots are checked against them. */
  tally: z.strictObject({ yes: count, no: count, abstain: count, absent: count.optional() }),
  /** All, some or none of the members' ballots. */
  ballots: z
    .strictObject(
      Object.fromEntries(BALLOT_CHOICES.map((choice) => [choice.toLowerCase(), slugList])) as Record<
        Lowercase<(typeof BALLOT_CHOICES)[number]>,
        typeof slugList
      >,
    )
    .prefault({}),
});

/** The keys every kind of event has: checked even when an event's kind is wrong. */
export const eventBaseSchema = z.object(eventBase);

export const EVENT_SCHEMAS = { MEETING: meetingSchema, STATEMENT: statementSchema, VOTE: voteSchema } as const;

/** A source file's `source:` block. */
export const sourceSchema = z.strictObject({
  kind: z.enum(SOURCE_KINDS),
  title: text,
  note: text.optional(),
  creditedTo: slugList,
  published: timeSpecSchema.optional(),
  place: placeSchema.optional(),
  url: z.url().optional(),
  references: z.array(text).default([]),
  /**
   * SHA-256 of the text file, to catch accidental edits of a stored source. Required, but
   * checked by sources.ts, which can then say which value to set.
   */
  sha256: z.string().optional(),
});

/**
 * A source file. Its `source:` block (sourceSchema) and each event are checked on their own,
 * so that a mistake in one does not hide the others' problems.
 */
export const sourceFileSchema = z.strictObject({
  source: z.record(z.string(), z.unknown()),
  events: z.array(z.unknown()).default([]),
});

export type ActorEntry = z.infer<typeof actorSchema>;
export type MeetingEntry = z.infer<typeof meetingSchema>;
export type StatementEntry = z.infer<typeof statementSchema>;
export type VoteEntry = z.infer<typeof voteSchema>;
export type VotingEntry = z.infer<typeof votingSchema>;
export type EventEntry = MeetingEntry | StatementEntry | VoteEntry;
export type SourceEntry = z.infer<typeof sourceSchema>;
export type CitationEntry = z.infer<typeof citationSchema>;
export type PlaceEntry = z.infer<typeof placeSchema>;
