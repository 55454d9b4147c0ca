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
import type {
  Actor,
  Ballot,
  BallotChoice,
  Citation,
  Dataset,
  Meeting,
  Place,
  Source,
  Statement,
  TimelineEvent,
  TimeSpan,
  Vote,
} from '../model.js';
import { EVENT_KINDS } from '../model.js';
import { TimeSpecResolver, type TimeSpec } from '../time/time-spec.js';
import { canonicalZone } from '../time/zones.js';
import {
  actorSchema,
  actorsFileSchema,
  EVENT_SCHEMAS,
  sourceFileSchema,
  type CitationEntry,
  type EventEntry,
  type PlaceEntry,
  type SourceFile,
  type VoteEntry,
} from './file-schemas.js';
import { DataError, formatPath, type DataProblem } from './problems.js';
import { deriveOutcome } from './vote-outcome.js';

const QUOTE_PREVIEW = 120;
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
  parsed: SourceFile;
}

interface EventInput {
  file: string;
  sourceId: string;
  entry: EventEntry;
}

export async function loadDataset(dataDir: string): Promise<Dataset> {
  const problems: DataProblem[] = [];
  const actorsFile = join(dataDir, 'actors.yaml');
  const digests: FileDigests = new Map();
  const actorEntries = await readActors(actorsFile, problems, digests);
  const sourceInputs = await readSources(join(dataDir, 'sources'), problems, digests);
  if (problems.length > 0) throw new DataError(problems);

  const builder = new DatasetBuilder(problems);
  builder.addActors(actorsFile, actorEntries);
  for (const source of sourceInputs) builder.addSource(source);
  const dataset = builder.build();
  if (problems.length > 0) throw new DataError(problems);
  return { ...dataset, version: versionOf(dataDir, digests) };
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
    for (const error of doc.errors) problems.push({ file: displayPath(file), message: `invalid YAML: ${error.message}` });
    return UNREADABLE;
  }
  return doc.toJS();
}

/** Validates `value` and reports each issue under the file, entity and field it concerns. */
function validate<T>(schema: ZodType<T>, value: unknown, problem: Omit<DataProblem, 'message' | 'field'>, problems: DataProblem[]): T | undefined {
  if (value === UNREADABLE) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const field = formatPath(issue.path);
    problems.push({ ...problem, ...(field ? { field } : {}), message: issue.message });
  }
  return undefined;
}

function entityName(kind: string, value: unknown, index: number): string {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? `${kind} "${id}"` : `${kind} #${index + 1}`;
}

async function readActors(file: string, problems: DataProblem[], digests: FileDigests) {
  const parsed = validate(actorsFileSchema, await readMetadata(file, problems, digests), { file: displayPath(file) }, problems);
  if (!parsed) return [];
  return parsed.actors.flatMap((raw, index) => {
    const actor = validate(actorSchema, raw, { file: displayPath(file), entity: entityName('actor', raw, index) }, problems);
    return actor ? [actor] : [];
  });
}

async function readSources(dir: string, problems: DataProblem[], digests: FileDigests): Promise<SourceInput[]> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch (error) {
    problems.push({ file: displayPath(dir), message: `cannot read the sources directory: ${(error as Error).message}` });
    return [];
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
    const parsed = validate(sourceFileSchema, metadata, { file: displayPath(file), entity: `source "${id}"` }, found);
    const textSha256 = digests.get(textFile);
    if (text === undefined || textSha256 === undefined) found.push({ file: displayPath(textFile), entity: `source "${id}"`, message: `missing: the text of source "${id}" must be stored beside ${name}` });
    return { found, input: parsed && text !== undefined && textSha256 !== undefined ? { id, file: displayPath(file), text, textSha256, parsed } : undefined };
  });
  const inputs: SourceInput[] = [];
  for (const { found, input } of read) {
    problems.push(...found);
    if (input) inputs.push(input);
  }
  return inputs;
}

function preview(quote: string): string {
  const oneLine = JSON.stringify(quote);
  return oneLine.length > QUOTE_PREVIEW ? `${oneLine.slice(0, QUOTE_PREVIEW)}…"` : oneLine;
}

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
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

  constructor(private readonly problems: DataProblem[]) {}

  addActors(file: string, entries: ReturnType<typeof actorSchema.parse>[]): void {
    for (const entry of entries) {
      if (this.actors.has(entry.id)) {
        this.problems.push({ file: displayPath(file), entity: `actor "${entry.id}"`, field: 'id', message: 'duplicate actor id' });
        continue;
      }
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
      this.actors.set(entry.id, actor);
      this.actorFile.set(entry.id, displayPath(file));
    }
  }

  addSource(input: SourceInput): void {
    this.sources.set(input.id, input);
    input.parsed.events.forEach((raw, index) => {
      const entity = entityName('event', raw, index);
      const { kind, id } = (raw ?? {}) as { kind?: unknown; id?: unknown };
      if (kind === 'MEETING' && typeof id === 'string') this.meetingIds.add(id);
      if (typeof kind !== 'string' || !(kind in EVENT_SCHEMAS)) {
        this.problems.push({ file: input.file, entity, field: 'kind', message: `must be one of ${EVENT_KINDS.join(', ')}` });
        return;
      }
      const schema: ZodType<EventEntry> = EVENT_SCHEMAS[kind as keyof typeof EVENT_SCHEMAS];
      const entry = validate(schema, raw, { file: input.file, entity }, this.problems);
      if (entry) this.events.push({ file: input.file, sourceId: input.id, entry });
    });
  }

  build(): Omit<Dataset, 'version'> {
    this.checkMemberships();
    const sources = [...this.sources.values()].map((input) => this.buildSource(input));
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
        if (!this.actors.has(m.of)) this.problems.push({ ...at, field: `memberOf[${i}].actor`, message: `unknown actor "${m.of}"` });
        if (m.of === actor.id) this.problems.push({ ...at, field: `memberOf[${i}].actor`, message: 'an actor cannot be a member of itself' });
        if (m.from !== undefined && m.until !== undefined && m.until <= m.from) {
          this.problems.push({ ...at, field: `memberOf[${i}].until`, message: `must be after "from" (${m.from})` });
        }
      });
    }
  }

  private checkActors(ids: readonly string[], field: string, report: (field: string, message: string) => void): void {
    ids.forEach((id, i) => {
      if (!this.actors.has(id)) report(ids.length === 1 && !field.endsWith(']') ? field : `${field}[${i}]`, `unknown actor "${id}"`);
    });
  }

  private buildPlace(entry: PlaceEntry | undefined, defaultZone: string | undefined, field: string, report: (field: string, message: string) => void): Place | undefined {
    if (!entry) return undefined;
    const written = entry.zone ?? defaultZone;
    const zone = written === undefined ? undefined : canonicalZone(written);
    if (zone === undefined) {
      report(`${field}.zone`, written === undefined ? 'a place needs a zone' : `unknown time zone "${written}"`);
      return undefined;
    }
    return { name: entry.name, zone, ...(entry.country !== undefined && { country: entry.country }) };
  }

  private buildTime(spec: TimeSpec, field: string, report: (field: string, message: string) => void): TimeSpan | undefined {
    const result = this.times.resolve(spec);
    for (const problem of result.problems ?? []) report(`${field}.${problem.field}`, problem.message);
    return result.span;
  }

  private buildSource(input: SourceInput): Source {
    const { source } = input.parsed;
    const report = (field: string, message: string) =>
      this.problems.push({ file: input.file, entity: `source "${input.id}"`, field: `source.${field}`, message });
    const sha256 = input.textSha256;
    if (source.sha256 !== undefined && source.sha256 !== sha256) {
      report('sha256', `the text file's SHA-256 is ${sha256}: the stored text was changed, or the checksum is wrong`);
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
        this.report(input, `citations[${i}].source`, `unknown source "${sourceId}"`);
        return;
      }
      const start = source.text.indexOf(entry.quote);
      if (start < 0) {
        this.report(input, `citations[${i}].quote`, `quote not found in source "${sourceId}": ${preview(entry.quote)}`);
        return;
      }
      if (source.text.indexOf(entry.quote, start + 1) >= 0) {
        this.report(input, `citations[${i}].quote`, `quote appears more than once in source "${sourceId}"; quote a longer passage: ${preview(entry.quote)}`);
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
      const ballots = this.buildBallots(entry, time, report);
      const vote = { ...base, kind: 'VOTE' as const, bodyId: this.actorRef(entry.body), motion: entry.motion, ballots };
      if (time && ballots) {
        const permanent = new Set(this.membersOf(entry.body, undefined).filter((m) => m.seat === 'PERMANENT').map((m) => m.actorId));
        event = {
          ...vote,
          time,
          ballots,
          actorIds: unique([this.actorRef(entry.body), ...ballots.map((b) => b.actorId)]),
          ...deriveOutcome(ballots, permanent, entry.required),
          ...(entry.meeting !== undefined && { meetingId: entry.meeting }),
        } satisfies Vote;
      }
    }
    return this.problems.length === before ? event : undefined;
  }

  /** Members of `bodyId` on a local date (all members, whatever the date, when `date` is undefined). */
  private membersOf(bodyId: string, date: string | undefined) {
    const members: { actorId: string; seat?: string }[] = [];
    for (const { actorId, m } of this.membershipsOf().get(bodyId) ?? []) {
      if (date !== undefined && ((m.from !== undefined && date < m.from) || (m.until !== undefined && date >= m.until))) continue;
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

  private buildBallots(entry: VoteEntry, time: TimeSpan | undefined, report: (field: string, message: string) => void): Ballot[] | undefined {
    const ballots: Ballot[] = [];
    const seen = new Set<string>();
    const before = this.problems.length;
    for (const [key, actorIds] of Object.entries(entry.ballots)) {
      const choice = key.toUpperCase() as BallotChoice;
      actorIds.forEach((actorId, i) => {
        if (!this.actors.has(actorId)) report(`ballots.${key}[${i}]`, `unknown actor "${actorId}"`);
        else if (seen.has(actorId)) report(`ballots.${key}[${i}]`, `"${actorId}" has more than one ballot`);
        seen.add(actorId);
        ballots.push({ actorId: this.actorRef(actorId), choice });
      });
    }
    for (const key of ['yes', 'no', 'abstain', 'absent'] as const) {
      const stated = entry.tally[key];
      const counted = entry.ballots[key].length;
      if (stated !== undefined && stated !== counted) report(`tally.${key}`, `the source states ${stated}, but ${counted} ballots are listed`);
    }
    if (time && this.actors.has(entry.body)) {
      // The members on the day of the vote, in the body's own zone.
      const date = DateTime.fromMillis(time.startMs, { zone: time.zone }).toISODate() ?? '';
      const members = new Set(this.membersOf(entry.body, date).map((m) => m.actorId));
      for (const ballot of ballots) {
        if (this.actors.has(ballot.actorId) && !members.has(ballot.actorId)) {
          report('ballots', `"${ballot.actorId}" was not a member of "${entry.body}" on ${date}`);
        }
      }
      const missing = [...members].filter((id) => !seen.has(id));
      if (missing.length > 0) report('ballots', `no ballot for ${missing.map((id) => `"${id}"`).join(', ')}, members of "${entry.body}" on ${date} (list them as absent if they did not vote)`);
    }
    return this.problems.length === before ? ballots : undefined;
  }
}
