// A source file's events: each entry checked field by field for its kind, then cross-checked
// (ids, references, time, citations, ballots) and built into the model when valid throughout.
import type { Actor, Citation, Meeting, Statement, TimelineEvent, Vote } from '../domain/model.js';
import { EVENT_KINDS } from '../domain/model.js';
import type { TimeSpecResolver } from '../time/time-spec.js';
import { buildCitations, checkTimeText, type CitedText } from './citations.js';
import { EVENT_SCHEMAS, eventBaseSchema, type EventEntry, type MeetingEntry, type StatementEntry, type VoteEntry } from './file-schemas.js';
import { quoted, type DataProblem } from './problems.js';
import { actorRef, checkActorRefs, checkMeetingRefs, type Declared } from './references.js';
import { entityName, itemsOf, validateFields, type Checked } from './schema-check.js';
import type { SourceInput } from './sources.js';
import { buildPlace, buildTime, zoneOf } from './time-and-place.js';
import { buildVote, checkBallots, type VoteContext } from './votes.js';
import { localDate } from '../time/local-days.js';

/** An event entry of any kind, field by field. */
type EventFields = Partial<MeetingEntry> | Partial<StatementEntry> | Partial<VoteEntry>;

export interface EventInput extends Checked<EventEntry> {
  fields: EventFields;
  file: string;
  sourceId: string;
  /** Its position in the file's events. */
  index: number;
  /** How problems name it: `event "<id>"`, or `event #<n>` without an id. */
  entity: string;
}

/** What an event's cross-checks need of the rest of the data. */
export interface EventContext {
  declared: Declared;
  /** The valid actors, by id. */
  actors: ReadonlyMap<string, Actor>;
  /** The sources whose text is there, by id. */
  texts: ReadonlyMap<string, CitedText>;
  times: TimeSpecResolver;
  votes: VoteContext;
}

/**
 * Checks a source file's event entries for their kind, and notes in `meetingIds` the id of
 * every entry that is, or may be, a meeting.
 */
export function checkEventEntries(input: SourceInput, meetingIds: Set<string>, problems: DataProblem[]): EventInput[] {
  const events: EventInput[] = [];
  input.events.forEach((raw, index) => {
    const entity = entityName('event', raw, index);
    const at = { file: input.file, entity };
    const { kind, id } = (raw ?? {}) as { kind?: unknown; id?: unknown };
    const knownKind = typeof kind === 'string' && Object.hasOwn(EVENT_SCHEMAS, kind);
    // An event whose kind is wrong may be a meeting: the statements that refer to it are not reported for it.
    if ((kind === 'MEETING' || !knownKind) && typeof id === 'string') meetingIds.add(id);
    const event = { file: input.file, sourceId: input.id, index, entity };
    if (!knownKind) {
      const message = kind === undefined ? 'is required' : `must be one of ${EVENT_KINDS.join(', ')} (found ${quoted(kind)})`;
      problems.push({ ...at, field: 'kind', message });
      // What every kind of event has (id, title, time, citations) is still checked.
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
      const base = validateFields<EventEntry>(eventBaseSchema, raw, at, problems);
      events.push({ ...event, ...base, complete: false });
      return;
    }
    const schema = EVENT_SCHEMAS[kind as keyof typeof EVENT_SCHEMAS];
    events.push({ ...event, ...validateFields<EventEntry>(schema, raw, at, problems) });
  });
  return events;
}

/** The events valid throughout, in file order; every other's problems are reported. Ids are unique across files. */
export function buildEvents(inputs: readonly EventInput[], context: EventContext, problems: DataProblem[]): TimelineEvent[] {
  const seen = new Map<string, EventInput>();
  const events: TimelineEvent[] = [];
  for (const input of inputs) {
    const { id } = input.fields;
    const other = id === undefined ? undefined : seen.get(id);
    if (other !== undefined) {
      const where = other.file === input.file ? 'this file' : other.file;
      problems.push({ file: input.file, entity: input.entity, field: 'id', message: `duplicate event id (also events[${other.index}] of ${where})` });
      continue;
    }
    if (id !== undefined) seen.set(id, input);
    const event = buildEvent(input, context, problems);
    if (event) events.push(event);
  }
  return events;
}

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** What every kind of event has, of a valid entry. */
function eventBase(entry: EventEntry, citations: Citation[]) {
  return { id: entry.id, title: entry.title, citations, ...(entry.note !== undefined && { note: entry.note }) };
}

/**
 * Checks an event's references, time and citations, on the fields that are valid (the
 * others are reported already), and builds the event when it is valid throughout.
 */
function buildEvent(input: EventInput, context: EventContext, problems: DataProblem[]): TimelineEvent | undefined {
  const { declared, actors, times } = context;
  const { fields: entry, failed } = input;
  const report = (field: string, message: string) => problems.push({ file: input.file, entity: input.entity, field, message });
  const ref = (id: string) => actorRef(actors, id);
  const before = problems.length;
  const time = entry.time && buildTime(times, entry.time, 'time', report);
  const citations = buildCitations(itemsOf(input as Checked<EventEntry>, 'citations'), input.sourceId, context.texts, declared, report);
  // The time's words are checked against every citation, once each is valid and found.
  if (time?.text !== undefined && citations.length === entry.citations?.length) checkTimeText(time.text, citations, report);
  // Without a valid time there is no zone to default to; the time's problem is reported already.
  const timeZone = zoneOf(entry.time, failed.has('time'));

  let event: TimelineEvent | undefined;
  if (entry.kind === 'MEETING') {
    itemsOf(input as Checked<MeetingEntry>, 'participants').forEach((p, i) => p && checkActorRefs([p.actor], `participants[${i}].actor`, declared, report));
    const location = buildPlace(entry.location, timeZone, 'location', report);
    if (input.complete && time) {
      const valid = entry as MeetingEntry;
      event = {
        ...eventBase(valid, citations),
        kind: 'MEETING',
        status: valid.status,
        participants: valid.participants.map((p) => ({ actorId: ref(p.actor), ...(p.role !== undefined && { role: p.role }) })),
        actorIds: unique(valid.participants.map((p) => ref(p.actor))),
        ...(location && { location }),
        time,
      } satisfies Meeting;
    }
  } else if (entry.kind === 'STATEMENT') {
    if (entry.speaker !== undefined) checkActorRefs([entry.speaker], 'speaker', declared, report);
    const statement = input as Checked<StatementEntry>;
    checkActorRefs(itemsOf(statement, 'reportedBy'), 'reportedBy', declared, report);
    checkActorRefs(itemsOf(statement, 'about'), 'about', declared, report);
    if (entry.meeting !== undefined) checkMeetingRefs([entry.meeting], 'meeting', declared, report);
    checkMeetingRefs(itemsOf(statement, 'regarding'), 'regarding', declared, report);
    if (input.complete && time) {
      const valid = entry as StatementEntry;
      event = {
        ...eventBase(valid, citations),
        kind: 'STATEMENT',
        speakerId: ref(valid.speaker),
        content: valid.content,
        form: valid.form,
        reportedByIds: valid.reportedBy.map(ref),
        aboutIds: valid.about.map(ref),
        regardingIds: valid.regarding,
        actorIds: unique([valid.speaker, ...valid.reportedBy, ...valid.about].map(ref)),
        ...(valid.meeting !== undefined && { meetingId: valid.meeting }),
        time,
      } satisfies Statement;
    }
  } else if (entry.kind === 'VOTE') {
    if (entry.body !== undefined) checkActorRefs([entry.body], 'body', declared, report);
    if (entry.meeting !== undefined) checkMeetingRefs([entry.meeting], 'meeting', declared, report);
    // A vote's own checks need its body, rule, tally and ballots; without them, its ballots' actors are still checked.
    const checkable = !['body', 'rule', 'required', 'tally', 'ballots'].some((key) => failed.has(key));
    // The members on the day of the vote, in the vote's own zone.
    const date = time ? localDate(time.startMs, time.zone) : undefined;
    if (checkable) {
      const valid = entry as VoteEntry;
      const fields = buildVote(valid, date, context.votes, report);
      if (input.complete && time && fields) {
        event = {
          ...eventBase(valid, citations),
          kind: 'VOTE',
          bodyId: ref(valid.body),
          motion: valid.motion,
          time,
          ...fields,
          actorIds: unique([ref(valid.body), ...fields.ballots.map((b) => b.actorId)]),
          ...(valid.meeting !== undefined && { meetingId: valid.meeting }),
        } satisfies Vote;
      }
    } else if (entry.ballots) {
      checkBallots(entry.ballots, context.votes, report);
    }
  }
  return problems.length === before ? event : undefined;
}
