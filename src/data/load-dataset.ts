// Reads the data directory, validates it and builds the dataset the store serves.
// Layout: data/actors.yaml (shared actors) and, per source, data/sources/<id>.yaml or <id>.json
// (metadata and the events drawn from it) beside data/sources/<id>.txt (the text, word for word).
// Every problem is collected and reported together, naming file, entity and field.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { DateTime } from 'luxon';
import { parseDocument } from 'yaml';
import type { ZodType } from 'zod';
import type { Actor, Citation, Dataset, Meeting, Place, Source, Statement, TimelineEvent, TimeSpan, Vote } from '../model.js';
import { EVENT_KINDS } from '../model.js';
import { TimeSpecResolver, type TimeSpec } from '../time/time-spec.js';
import { canonicalZone } from '../time/zones.js';
import {
  actorSchema,
  actorsFileSchema,
  EVENT_SCHEMAS,
  sourceFileSchema,
  sourceSchema,
  type ActorEntry,
  type CitationEntry,
  type EventEntry,
  type PlaceEntry,
  type SourceEntry,
} from './file-schemas.js';
import { DataError, formatPath, quoted, type DataProblem } from './problems.js';
import { buildVote, votingRuleOf, type Member, type VoteContext } from './votes.js';
import { zodMessage } from './zod-messages.js';

const READ_CONCURRENCY = 16;

/** Maps items through an async function with at most `limit` calls at a time; results keep the items' order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

interface SourceInput {
  id: string;
  /** The text file's SHA-256, as computed for the data version. */
  textSha256: string;
  file: string;
  text: string;
  /** The `source:` block; undefined when it is invalid (reported), and the events are still checked. */
  source: SourceEntry | undefined;
  events: unknown[];
}

interface EventInput {
  file: string;
  sourceId: string;
  entry: EventEntry;
}

/** Loads the data directory, or throws a DataError listing every problem: what the server starts with. */
export async function loadDataset(dataDir: string): Promise<Dataset> {
  const { dataset, problems } = await checkDataset(dataDir);
  if (!dataset) throw new DataError(problems);
  return dataset;
}

/**
 * Runs every check on the data directory in one pass (`npm run check-data` and loadDataset):
 * the dataset when there is no problem, else every problem found.
 */
export async function checkDataset(dataDir: string): Promise<{ dataset?: Dataset; problems: DataProblem[] }> {
  const problems: DataProblem[] = [];
  const actorsFile = join(dataDir, 'actors.yaml');
  const digests: FileDigests = new Map();
  const actors = await readActors(actorsFile, problems, digests);
  const sources = await readSources(join(dataDir, 'sources'), problems, digests);
  // Without the actors file, every reference to an actor would be a problem of its own.
  if (!actors) return { problems };

  const builder = new DatasetBuilder(problems, { actorIds: actors.declaredIds, sourceIds: sources.declaredIds, actorsValid: actors.allValid });
  builder.addActors(actorsFile, actors.entries);
  for (const source of sources.inputs) builder.addSource(source);
  const dataset = builder.build();
  if (problems.length > 0) return { problems };
  return { dataset: { ...dataset, version: versionOf(dataDir, digests) }, problems };
}

/** Each data file's SHA-256, by path. */
type FileDigests = Map<string, string>;

/** Reads a data file and notes its digest for the data version. */
async function readDataFile(file: string, digests: FileDigests): Promise<string> {
  const raw = await readFile(file, 'utf8');
  digests.set(file, createHash('sha256').update(raw, 'utf8').digest('hex'));
  return raw;
}

/** One digest over every file's name (relative to the data directory) and digest, in name order. */
function versionOf(dataDir: string, digests: FileDigests): string {
  const hash = createHash('sha256');
  for (const file of [...digests.keys()].sort()) hash.update(`${relative(dataDir, file)}\0${digests.get(file)}\n`);
  return hash.digest('hex');
}

function displayPath(file: string): string {
  return relative(process.cwd(), file) || file;
}

function isMetadata(name: string): boolean {
  return name.endsWith('.yaml') || name.endsWith('.json');
}

function sourceIdOf(name: string): string {
  return name.endsWith('.json') ? basename(name, '.json') : basename(name, '.yaml');
}

/** Marks a file that could not be read or parsed (already reported): there is nothing to validate. */
const UNREADABLE = Symbol('unreadable');

/** A YAML file, or a JSON one (JSON is YAML too; JSON.parse is about 50 times faster than the yaml package). */
async function readMetadata(file: string, problems: DataProblem[], digests: FileDigests): Promise<unknown> {
  let raw: string;
  try {
    raw = await readDataFile(file, digests);
  } catch (error) {
    problems.push({ file: displayPath(file), message: `cannot read: ${(error as Error).message}` });
    return UNREADABLE;
  }
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(raw) as unknown;
    } catch (error) {
      problems.push({ file: displayPath(file), message: `invalid JSON: ${(error as Error).message}` });
      return UNREADABLE;
    }
  }
  const doc = parseDocument(raw, { prettyErrors: true });
  if (doc.errors.length > 0) {
    // The first line says what and where ("… at line 3, column 5"); the code frame below it would break the one-line report.
    for (const error of doc.errors) problems.push({ file: displayPath(file), message: `invalid YAML: ${error.message.split('\n')[0]!.replace(/:$/, '')}` });
    return UNREADABLE;
  }
  return doc.toJS();
}

/** Where a value being validated is: its file and entity, and the path of its fields in the entity, if any. */
type Location = Omit<DataProblem, 'message' | 'field'> & { under?: string };

/**
 * Validates `value` and reports each issue under the file, entity and field it concerns.
 * Unknown keys are reported and then dropped, so that a misspelt key does not hide the
 * entity's other problems: the entity is checked further without them.
 */
function validate<T>(schema: ZodType<T>, value: unknown, { under, ...problem }: Location, problems: DataProblem[]): T | undefined {
  if (value === UNREADABLE) return undefined;
  const result = schema.safeParse(value, { error: zodMessage });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const field = formatPath(under === undefined ? issue.path : [under, ...issue.path]);
    problems.push({ ...problem, ...(field ? { field } : {}), message: issue.message });
  }
  const unknownKeys = result.error.issues.filter((issue) => issue.code === 'unrecognized_keys');
  if (unknownKeys.length < result.error.issues.length) return undefined;
  const retried = schema.safeParse(withoutKeys(value, unknownKeys));
  return retried.success ? retried.data : undefined;
}

/** A copy of `value` without the keys named by unrecognized-key issues. */
function withoutKeys(value: unknown, issues: readonly { path: readonly PropertyKey[]; keys: readonly string[] }[]): unknown {
  const copy: unknown = structuredClone(value);
  for (const { path, keys } of issues) {
    let target = copy as Record<PropertyKey, unknown>;
    for (const key of path) target = target[key] as Record<PropertyKey, unknown>;
    for (const key of keys) delete target[key];
  }
  return copy;
}

function entityName(kind: string, value: unknown, index: number): string {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? `${kind} "${id}"` : `${kind} #${index + 1}`;
}

/** An id written on an entry, valid or not. */
function writtenId(value: unknown): string | undefined {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The valid actor entries, and the ids of every entry, valid or not: a reference to an invalid
 * entry is not reported again as unknown. Undefined when the file cannot be read.
 */
async function readActors(file: string, problems: DataProblem[], digests: FileDigests) {
  const parsed = validate(actorsFileSchema, await readMetadata(file, problems, digests), { file: displayPath(file) }, problems);
  if (!parsed) return undefined;
  const declaredIds = new Set(parsed.actors.map(writtenId).filter((id) => id !== undefined));
  const entries = parsed.actors.flatMap((raw, index) => {
    const actor = validate(actorSchema, raw, { file: displayPath(file), entity: entityName('actor', raw, index) }, problems);
    return actor ? [actor] : [];
  });
  return { entries, declaredIds, allValid: entries.length === parsed.actors.length };
}

/** The sources that can be checked, and the id of every source file, readable or not. */
async function readSources(dir: string, problems: DataProblem[], digests: FileDigests): Promise<{ inputs: SourceInput[]; declaredIds: Set<string> }> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch (error) {
    problems.push({ file: displayPath(dir), message: `cannot read the sources directory: ${(error as Error).message}` });
    return { inputs: [], declaredIds: new Set() };
  }
  // Metadata is YAML, or JSON for large generated sets.
  const names = files.filter(isMetadata).sort();
  if (names.length === 0) problems.push({ file: displayPath(dir), message: 'no sources (*.yaml or *.json) found' });
  const metadataIds = new Set<string>();
  for (const name of names) {
    const id = sourceIdOf(name);
    if (metadataIds.has(id)) problems.push({ file: displayPath(join(dir, name)), entity: `source "${id}"`, message: `source "${id}" has both a .yaml and a .json file: keep one` });
    metadataIds.add(id);
  }
  // Nothing in the directory may be silently ignored: a .yml or a text without metadata is a mistake.
  for (const name of files) {
    if (isMetadata(name)) continue;
    const expected = name.endsWith('.txt') && metadataIds.has(basename(name, '.txt'));
    if (!expected) {
      problems.push({
        file: displayPath(join(dir, name)),
        message: name.endsWith('.txt')
          ? `a source text needs its metadata beside it: ${basename(name, '.txt')}.yaml`
          : 'unexpected file: a source is <id>.yaml or <id>.json (metadata and events) with <id>.txt (its text)',
      });
    }
  }
  // Files are read a few at a time (a large set has thousands); problems keep the files' order.
  const read = await mapConcurrently(names, READ_CONCURRENCY, async (name) => {
    const found: DataProblem[] = [];
    const file = join(dir, name);
    const id = sourceIdOf(name);
    const textFile = join(dir, `${id}.txt`);
    const [metadata, text] = await Promise.all([readMetadata(file, found, digests), readDataFile(textFile, digests).catch(() => undefined)]);
    const at = { file: displayPath(file), entity: `source "${id}"` };
    const parsed = validate(sourceFileSchema, metadata, at, found);
    const source = parsed && validate(sourceSchema, parsed.source, { ...at, under: 'source' }, found);
    const textSha256 = digests.get(textFile);
    if (text === undefined || textSha256 === undefined) found.push({ file: displayPath(textFile), entity: `source "${id}"`, message: `missing: the text of source "${id}" must be stored beside ${name}` });
    return { found, input: parsed && text !== undefined && textSha256 !== undefined ? { id, file: displayPath(file), text, textSha256, source, events: parsed.events } : undefined };
  });
  const inputs: SourceInput[] = [];
  for (const { found, input } of read) {
    problems.push(...found);
    if (input) inputs.push(input);
  }
  return { inputs, declaredIds: metadataIds };
}

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

interface Declared {
  /** Every actor entry's id, valid or not. */
  actorIds: ReadonlySet<string>;
  /** Every source file's id, readable or not. */
  sourceIds: ReadonlySet<string>;
  /** Whether every actor entry is valid: if not, some memberships are unknown. */
  actorsValid: boolean;
}

/** Cross-checks validated entries and turns them into the model. */
class DatasetBuilder {
  private readonly actors = new Map<string, Actor>();
  private readonly actorFile = new Map<string, string>();
  private readonly sources = new Map<string, SourceInput>();
  private readonly events: EventInput[] = [];
  /** Ids of every meeting entry, valid or not, so that one bad meeting does not also break the statements that refer to it. */
  private readonly meetingIds = new Set<string>();
  private readonly times = new TimeSpecResolver();

  /** What a vote's checks need of the actors (src/data/votes.ts). */
  private readonly voteContext: VoteContext;

  constructor(
    private readonly problems: DataProblem[],
    /** What the files declare, valid or not: references to a broken entry are not reported again. */
    private readonly declared: Declared,
  ) {
    this.voteContext = {
      actors: this.actors,
      isDeclared: (actorId) => declared.actorIds.has(actorId),
      membersOn: (bodyId, date) => this.membersOn(bodyId, date),
      membershipsKnown: declared.actorsValid,
    };
  }

  addActors(file: string, entries: ActorEntry[]): void {
    for (const entry of entries) {
      const at = { file: displayPath(file), entity: `actor "${entry.id}"` };
      if (this.actors.has(entry.id)) {
        this.problems.push({ ...at, field: 'id', message: 'duplicate actor id' });
        continue;
      }
      const rule = entry.voting && votingRuleOf(entry.voting, 'voting.', (field, message) => this.problems.push({ ...at, field, message }));
      const actor: Actor = {
        id: entry.id,
        name: entry.name,
        aliases: entry.aliases,
        kind: entry.kind,
        memberships: entry.memberOf.map((m) => ({
          of: m.actor,
          ...(m.role !== undefined && { role: m.role }),
          ...(m.seat !== undefined && { seat: m.seat }),
          ...(m.from !== undefined && { from: m.from }),
          ...(m.until !== undefined && { until: m.until }),
        })),
      };
      if (entry.description !== undefined) actor.description = entry.description;
      if (entry.voting && rule) actor.voting = { rule, members: entry.voting.members };
      this.actors.set(entry.id, actor);
      this.actorFile.set(entry.id, displayPath(file));
    }
  }

  addSource(input: SourceInput): void {
    this.sources.set(input.id, input);
    input.events.forEach((raw, index) => {
      const entity = entityName('event', raw, index);
      const { kind, id } = (raw ?? {}) as { kind?: unknown; id?: unknown };
      if (kind === 'MEETING' && typeof id === 'string') this.meetingIds.add(id);
      if (typeof kind !== 'string' || !(kind in EVENT_SCHEMAS)) {
        const message = kind === undefined ? 'is required' : `must be one of ${EVENT_KINDS.join(', ')} (found ${quoted(kind)})`;
        this.problems.push({ file: input.file, entity, field: 'kind', message });
        return;
      }
      const schema: ZodType<EventEntry> = EVENT_SCHEMAS[kind as keyof typeof EVENT_SCHEMAS];
      const entry = validate(schema, raw, { file: input.file, entity }, this.problems);
      if (entry) this.events.push({ file: input.file, sourceId: input.id, entry });
    });
  }

  build(): Omit<Dataset, 'version'> {
    this.checkMemberships();
    const sources = [...this.sources.values()].flatMap((input) => (input.source ? [this.buildSource(input, input.source)] : []));
    const seen = new Map<string, string>();
    const events: TimelineEvent[] = [];
    for (const input of this.events) {
      const { id } = input.entry;
      const other = seen.get(id);
      if (other !== undefined) {
        this.report(input, 'id', `duplicate event id (also in ${other})`);
        continue;
      }
      seen.set(id, input.file);
      const event = this.buildEvent(input, this.meetingIds);
      if (event) events.push(event);
    }
    return { actors: [...this.actors.values()], sources, events };
  }

  /** The actor's own id string for a reference: a million events then share a few thousand strings rather than each holding copies. */
  private actorRef(id: string): string {
    return this.actors.get(id)?.id ?? id;
  }

  private report(input: EventInput, field: string, message: string): void {
    this.problems.push({ file: input.file, entity: `event "${input.entry.id}"`, field, message });
  }

  private checkMemberships(): void {
    for (const actor of this.actors.values()) {
      actor.memberships.forEach((m, i) => {
        const at = { file: this.actorFile.get(actor.id) ?? 'actors', entity: `actor "${actor.id}"` };
        if (!this.declared.actorIds.has(m.of)) this.problems.push({ ...at, field: `memberOf[${i}].actor`, message: `unknown actor "${m.of}"` });
        if (m.of === actor.id) this.problems.push({ ...at, field: `memberOf[${i}].actor`, message: 'an actor cannot be a member of itself' });
        if (m.from !== undefined && m.until !== undefined && m.until <= m.from) {
          this.problems.push({ ...at, field: `memberOf[${i}].until`, message: `must be later than from, ${m.from} (found ${quoted(m.until)})` });
        }
      });
    }
  }

  /** Reports ids of no actor entry; an invalid entry's problems are reported on their own. */
  private checkActors(ids: readonly string[], field: string, report: (field: string, message: string) => void): void {
    ids.forEach((id, i) => {
      if (!this.declared.actorIds.has(id)) report(ids.length === 1 && !field.endsWith(']') ? field : `${field}[${i}]`, `unknown actor "${id}"`);
    });
  }

  private buildPlace(entry: PlaceEntry | undefined, defaultZone: string | undefined, field: string, report: (field: string, message: string) => void): Place | undefined {
    if (!entry) return undefined;
    const written = entry.zone ?? defaultZone;
    const zone = written === undefined ? undefined : canonicalZone(written);
    if (zone === undefined) {
      report(`${field}.zone`, written === undefined ? 'is required (there is no time to take the zone from)' : `unknown time zone "${written}"`);
      return undefined;
    }
    return { name: entry.name, zone, ...(entry.country !== undefined && { country: entry.country }) };
  }

  private buildTime(spec: TimeSpec, field: string, report: (field: string, message: string) => void): TimeSpan | undefined {
    const result = this.times.resolve(spec);
    for (const problem of result.problems ?? []) report(`${field}.${problem.field}`, problem.message);
    return result.span;
  }

  private buildSource(input: SourceInput, source: SourceEntry): Source {
    const report = (field: string, message: string) =>
      this.problems.push({ file: input.file, entity: `source "${input.id}"`, field: `source.${field}`, message });
    const sha256 = input.textSha256;
    // The checksum catches an edit of the stored text, which would move every citation's offsets.
    if (source.sha256 === undefined) report('sha256', `is required: set source.sha256 to ${sha256} (the SHA-256 of ${input.id}.txt)`);
    else if (source.sha256 !== sha256) {
      report('sha256', `set source.sha256 to ${sha256} if ${input.id}.txt is meant to read as it does (found ${quoted(source.sha256)}: the text was changed, or the checksum is wrong)`);
    }
    this.checkActors(source.creditedTo, 'creditedTo', report);
    const published = source.published ? this.buildTime(source.published, 'published', report) : undefined;
    const place = this.buildPlace(source.place, published?.zone, 'place', report);
    return {
      id: input.id,
      kind: source.kind,
      title: source.title,
      creditedToIds: source.creditedTo,
      references: source.references,
      text: input.text,
      sha256,
      ...(published && { published }),
      ...(place && { place }),
      ...(source.url !== undefined && { url: source.url }),
      ...(source.note !== undefined && { note: source.note }),
    };
  }

  private buildCitations(input: EventInput, entries: CitationEntry[]): Citation[] {
    const citations: Citation[] = [];
    entries.forEach((entry, i) => {
      const sourceId = entry.source ?? input.sourceId;
      const source = this.sources.get(sourceId);
      if (!source) {
        // A source whose files are broken is reported on its own.
        if (!this.declared.sourceIds.has(sourceId)) this.report(input, `citations[${i}].source`, `unknown source "${sourceId}"`);
        return;
      }
      const start = source.text.indexOf(entry.quote);
      if (start < 0) {
        this.report(input, `citations[${i}].quote`, `quote not found in source "${sourceId}": ${quoted(entry.quote)}`);
        return;
      }
      if (source.text.indexOf(entry.quote, start + 1) >= 0) {
        this.report(input, `citations[${i}].quote`, `quote appears more than once in source "${sourceId}"; quote a longer passage: ${quoted(entry.quote)}`);
        return;
      }
      // A slice of the source's text shares its characters: no second copy of every quote.
      citations.push({ sourceId: source.id, quote: source.text.slice(start, start + entry.quote.length), start, end: start + entry.quote.length });
    });
    return citations;
  }

  private buildEvent(input: EventInput, meetingIds: ReadonlySet<string>): TimelineEvent | undefined {
    const { entry } = input;
    const report = (field: string, message: string) => this.report(input, field, message);
    const checkMeetings = (ids: readonly string[], field: string) =>
      ids.forEach((id, i) => {
        if (!meetingIds.has(id)) report(ids.length === 1 && field === 'meeting' ? field : `${field}[${i}]`, `unknown meeting "${id}"`);
      });
    const before = this.problems.length;
    const time = this.buildTime(entry.time, 'time', report);
    const citations = this.buildCitations(input, entry.citations);
    if (time?.text !== undefined && citations.length === entry.citations.length) this.checkTimeText(time.text, citations, report);
    const base = {
      id: entry.id,
      title: entry.title,
      citations,
      ...(entry.note !== undefined && { note: entry.note }),
    };

    let event: TimelineEvent | undefined;
    if (entry.kind === 'MEETING') {
      entry.participants.forEach((p, i) => this.checkActors([p.actor], `participants[${i}].actor`, report));
      // Without a valid time there is no zone to default to; the time's problem is reported already.
      const location = time ? this.buildPlace(entry.location, time.zone, 'location', report) : undefined;
      const meeting: Omit<Meeting, 'time'> = {
        ...base,
        kind: 'MEETING',
        status: entry.status,
        participants: entry.participants.map((p) => ({ actorId: this.actorRef(p.actor), ...(p.role !== undefined && { role: p.role }) })),
        actorIds: unique(entry.participants.map((p) => this.actorRef(p.actor))),
        ...(location && { location }),
      };
      if (time) event = { ...meeting, time };
    } else if (entry.kind === 'STATEMENT') {
      this.checkActors([entry.speaker], 'speaker', report);
      this.checkActors(entry.reportedBy, 'reportedBy', report);
      this.checkActors(entry.about, 'about', report);
      if (entry.meeting !== undefined) checkMeetings([entry.meeting], 'meeting');
      checkMeetings(entry.regarding, 'regarding');
      const statement: Omit<Statement, 'time'> = {
        ...base,
        kind: 'STATEMENT',
        speakerId: this.actorRef(entry.speaker),
        content: entry.content,
        form: entry.form,
        reportedByIds: entry.reportedBy.map((id) => this.actorRef(id)),
        aboutIds: entry.about.map((id) => this.actorRef(id)),
        regardingIds: entry.regarding,
        actorIds: unique([entry.speaker, ...entry.reportedBy, ...entry.about].map((id) => this.actorRef(id))),
        ...(entry.meeting !== undefined && { meetingId: entry.meeting }),
      };
      if (time) event = { ...statement, time };
    } else {
      this.checkActors([entry.body], 'body', report);
      if (entry.meeting !== undefined) checkMeetings([entry.meeting], 'meeting');
      // The members on the day of the vote, in the vote's own zone.
      const date = time ? (DateTime.fromMillis(time.startMs, { zone: time.zone }).toISODate() ?? undefined) : undefined;
      const fields = buildVote(entry, date, this.voteContext, report);
      if (time && fields) {
        event = {
          ...base,
          kind: 'VOTE',
          bodyId: this.actorRef(entry.body),
          motion: entry.motion,
          time,
          ...fields,
          actorIds: unique([this.actorRef(entry.body), ...fields.ballots.map((b) => b.actorId)]),
          ...(entry.meeting !== undefined && { meetingId: entry.meeting }),
        } satisfies Vote;
      }
    }
    return this.problems.length === before ? event : undefined;
  }

  /** The source's own words for the time must be in what the event cites: they are checked, not just copied. */
  private checkTimeText(text: string, citations: readonly Citation[], report: (field: string, message: string) => void): void {
    const words = text.toLowerCase();
    if (citations.some((c) => c.quote.toLowerCase().includes(words))) return;
    report('time.text', `must occur in one of the event's cited passages, as the source's own words (found ${quoted(text)})`);
  }

  /** Members of `bodyId` on a local date YYYY-MM-DD. */
  private membersOn(bodyId: string, date: string): Member[] {
    const members: Member[] = [];
    for (const { actorId, m } of this.membershipsOf().get(bodyId) ?? []) {
      if ((m.from !== undefined && date < m.from) || (m.until !== undefined && date >= m.until)) continue;
      members.push({ actorId, ...(m.seat !== undefined && { seat: m.seat }) });
    }
    return members;
  }

  private bodies?: Map<string, { actorId: string; m: Actor['memberships'][number] }[]>;

  /** Memberships by body, built once all actors are in: every vote asks for its body's members. */
  private membershipsOf() {
    if (this.bodies) return this.bodies;
    this.bodies = new Map();
    for (const actor of this.actors.values()) {
      for (const m of actor.memberships) {
        const list = this.bodies.get(m.of) ?? [];
        list.push({ actorId: actor.id, m });
        this.bodies.set(m.of, list);
      }
    }
    return this.bodies;
  }
}
