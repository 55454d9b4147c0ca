// Reads the data directory, validates it and builds the dataset the store serves.
// Layout: data/actors.yaml (shared actors) and, per source, data/sources/<id>.yaml or <id>.json
// (metadata and the events drawn from it) beside data/sources/<id>.txt (the text, word for word).
// Every problem is collected and reported together, naming file, entity and field.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { DateTime } from 'luxon';
import { parseDocument } from 'yaml';
import { ZodArray, ZodDefault, ZodOptional, ZodPrefault, type ZodObject, type ZodType } from 'zod';
import type { Actor, Citation, Dataset, Meeting, Place, Source, Statement, TimelineEvent, TimeSpan, Vote } from '../domain/model.js';
import { EVENT_KINDS } from '../domain/model.js';
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
  eventBaseSchema,
  type EventEntry,
  type MeetingEntry,
  type PlaceEntry,
  type StatementEntry,
  type VoteEntry,
  type SourceEntry,
} from './file-schemas.js';
import { DataError, formatPath, quoted, type DataProblem } from './problems.js';
import { buildVote, checkBallots, votingRuleOf, type Member, type VoteContext } from './votes.js';
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
  /** The `source:` block, field by field; undefined when it is not there (reported). The events are checked either way. */
  source: Checked<SourceEntry> | undefined;
  events: unknown[];
}

/** An actor entry, field by field. */
type ActorInput = Checked<ActorEntry> & { entity: string };

/** An event entry of any kind, field by field. */
type EventFields = Partial<MeetingEntry> | Partial<StatementEntry> | Partial<VoteEntry>;

interface EventInput extends Checked<EventEntry> {
  fields: EventFields;
  file: string;
  sourceId: string;
  /** Its position in the file's events. */
  index: number;
  /** How problems name it: `event "<id>"`, or `event #<n>` without an id. */
  entity: string;
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
  reportIssues(result.error.issues, { under, ...problem }, problems);
  const unknownKeys = result.error.issues.filter((issue) => issue.code === 'unrecognized_keys');
  if (unknownKeys.length < result.error.issues.length) return undefined;
  const retried = schema.safeParse(withoutKeys(value, unknownKeys));
  return retried.success ? retried.data : undefined;
}

/**
 * An entity checked field by field: the fields that are valid, and the keys of those that are
 * not (reported). The loader's own checks then run on the valid fields, so that a bad value in
 * one field does not hide the entity's other problems, and skip the invalid ones, which are
 * reported already: no problem is reported twice, or follows from another.
 */
export interface Checked<T> {
  fields: Partial<T>;
  /** Top-level keys whose value is invalid; empty when the entity is complete. */
  failed: ReadonlySet<string>;
  /** Whether every field is valid: the entity can be built from `fields`. */
  complete: boolean;
  /** Of a list field that is invalid, its valid items, at their indices (undefined at the invalid ones). */
  items?: Items<T>;
}

type Items<T> = { [K in keyof T]?: NonNullable<T[K]> extends readonly (infer E)[] ? (E | undefined)[] : never };

/** The schema of a list's items, when `schema` is a list (with a default or not). */
function itemSchema(schema: ZodType): ZodType | undefined {
  let inner: ZodType = schema;
  while (inner instanceof ZodDefault || inner instanceof ZodOptional || inner instanceof ZodPrefault) inner = inner.unwrap() as ZodType;
  return inner instanceof ZodArray ? (inner.element as ZodType) : undefined;
}

/** A list field's items to check: all of them when it is valid, else its valid ones (see Checked.items). */
function itemsOf<T, K extends keyof T>(checked: { fields: Partial<T>; items?: Items<T> | undefined }, key: K): readonly (ItemOf<T[K]> | undefined)[] {
  return ((checked.fields[key] as readonly ItemOf<T[K]>[] | undefined) ?? checked.items?.[key] ?? []) as readonly (ItemOf<T[K]> | undefined)[];
}
type ItemOf<V> = NonNullable<V> extends readonly (infer E)[] ? E : never;

/** Marks an entity that is not a mapping at all: no field of it can be checked. */
const NOT_AN_OBJECT = '';

/**
 * Validates an entity with an object schema, reporting each issue as `validate` does (unknown
 * keys are reported and dropped), and parses each of its fields on its own: the valid fields
 * are kept even when others are not.
 */
function validateFields<T extends Record<string, unknown>>(schema: ZodObject, value: unknown, location: Location, problems: DataProblem[]): Checked<T> {
  const result = schema.safeParse(value, { error: zodMessage });
  if (result.success) return { fields: result.data as Partial<T>, failed: new Set(), complete: true };
  reportIssues(result.error.issues, location, problems);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { fields: {}, failed: new Set([NOT_AN_OBJECT]), complete: false };
  const unknownKeys = result.error.issues.filter((issue) => issue.code === 'unrecognized_keys');
  const cleaned = withoutKeys(value, unknownKeys) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  const items: Record<string, unknown[]> = {};
  const failed = new Set<string>();
  for (const [key, field] of Object.entries(schema.shape as Record<string, ZodType>)) {
    const written = cleaned[key];
    const parsed = field.safeParse(written);
    if (parsed.success) {
      if (parsed.data !== undefined || key in cleaned) fields[key] = parsed.data;
      continue;
    }
    failed.add(key);
    // A list with one bad item: the others are still checked, at their own indices.
    const item = itemSchema(field);
    if (item && Array.isArray(written)) items[key] = written.map((value) => item.safeParse(value).data);
  }
  return { fields: fields as Partial<T>, failed, complete: failed.size === 0, items: items as Items<T> };
}

function reportIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[], { under, ...problem }: Location, problems: DataProblem[]): void {
  for (const issue of issues) {
    const field = formatPath(under === undefined ? issue.path : [under, ...issue.path]);
    problems.push({ ...problem, ...(field ? { field } : {}), message: issue.message });
  }
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
  const entries = parsed.actors.map((raw, index) => ({
    entity: entityName('actor', raw, index),
    ...validateFields<ActorEntry>(actorSchema, raw, { file: displayPath(file), entity: entityName('actor', raw, index) }, problems),
  }));
  return { entries, declaredIds, allValid: entries.every((entry) => entry.complete) };
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
    const source = parsed && validateFields<SourceEntry>(sourceSchema, parsed.source, { ...at, under: 'source' }, found);
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
  /** Every actor entry's memberships that are valid, with where to report their problems. */
  private readonly memberships: { at: { file: string; entity: string }; id: string | undefined; memberOf: readonly (ActorEntry['memberOf'][number] | undefined)[] }[] = [];
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

  addActors(file: string, entries: readonly ActorInput[]): void {
    const seen = new Map<string, number>();
    entries.forEach((checked, index) => {
      const { entity, fields: entry, failed, complete } = checked;
      const at = { file: displayPath(file), entity };
      // Every check runs on the fields that are valid, so that a bad value does not hide the others' problems.
      if (entry.id !== undefined) {
        if (seen.has(entry.id)) {
          this.problems.push({ ...at, field: 'id', message: 'duplicate actor id' });
          return;
        }
        seen.set(entry.id, index);
      }
      const rule = entry.voting && votingRuleOf(entry.voting, 'voting.', (field, message) => this.problems.push({ ...at, field, message }));
      this.memberships.push({ at, id: failed.has('id') ? undefined : entry.id, memberOf: itemsOf(checked, 'memberOf') });
      if (!complete) return;
      const valid = entry as ActorEntry;
      const actor: Actor = {
        id: valid.id,
        name: valid.name,
        aliases: valid.aliases,
        kind: valid.kind,
        memberships: valid.memberOf.map((m) => ({
          of: m.actor,
          ...(m.role !== undefined && { role: m.role }),
          ...(m.seat !== undefined && { seat: m.seat }),
          ...(m.from !== undefined && { from: m.from }),
          ...(m.until !== undefined && { until: m.until }),
        })),
      };
      if (valid.description !== undefined) actor.description = valid.description;
      if (valid.voting && rule) actor.voting = { rule, members: valid.voting.members };
      this.actors.set(valid.id, actor);
    });
  }

  addSource(input: SourceInput): void {
    this.sources.set(input.id, input);
    input.events.forEach((raw, index) => {
      const entity = entityName('event', raw, index);
      const at = { file: input.file, entity };
      const { kind, id } = (raw ?? {}) as { kind?: unknown; id?: unknown };
      const knownKind = typeof kind === 'string' && kind in EVENT_SCHEMAS;
      // An event whose kind is wrong may be a meeting: the statements that refer to it are not reported for it.
      if ((kind === 'MEETING' || !knownKind) && typeof id === 'string') this.meetingIds.add(id);
      const event = { file: input.file, sourceId: input.id, index, entity };
      if (!knownKind) {
        const message = kind === undefined ? 'is required' : `must be one of ${EVENT_KINDS.join(', ')} (found ${quoted(kind)})`;
        this.problems.push({ ...at, field: 'kind', message });
        // What every kind of event has (id, title, time, citations) is still checked.
        if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
        const base = validateFields<EventEntry>(eventBaseSchema, raw, at, this.problems);
        this.events.push({ ...event, ...base, complete: false });
        return;
      }
      const schema = EVENT_SCHEMAS[kind as keyof typeof EVENT_SCHEMAS];
      this.events.push({ ...event, ...validateFields<EventEntry>(schema, raw, at, this.problems) });
    });
  }

  build(): Omit<Dataset, 'version'> {
    this.checkMemberships();
    const sources = [...this.sources.values()].flatMap((input) => {
      const source = input.source && this.buildSource(input, input.source);
      return source ? [source] : [];
    });
    const seen = new Map<string, EventInput>();
    const events: TimelineEvent[] = [];
    for (const input of this.events) {
      const { id } = input.fields;
      const other = id === undefined ? undefined : seen.get(id);
      if (other !== undefined) {
        const where = other.file === input.file ? 'this file' : other.file;
        this.report(input, 'id', `duplicate event id (also events[${other.index}] of ${where})`);
        continue;
      }
      if (id !== undefined) seen.set(id, input);
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
    this.problems.push({ file: input.file, entity: input.entity, field, message });
  }

  private checkMemberships(): void {
    for (const { at, id, memberOf } of this.memberships) {
      memberOf.forEach((m, i) => {
        if (!m) return; // invalid: reported by the schema
        if (!this.declared.actorIds.has(m.actor)) this.problems.push({ ...at, field: `memberOf[${i}].actor`, message: `unknown actor "${m.actor}"` });
        if (m.actor === id) this.problems.push({ ...at, field: `memberOf[${i}].actor`, message: 'an actor cannot be a member of itself' });
        if (m.from !== undefined && m.until !== undefined && m.until <= m.from) {
          this.problems.push({ ...at, field: `memberOf[${i}].until`, message: `must be later than from, ${m.from} (found ${quoted(m.until)})` });
        }
      });
    }
  }

  /** Reports ids of no actor entry; an invalid entry's problems are reported on their own. */
  private checkActors(ids: readonly (string | undefined)[], field: string, report: (field: string, message: string) => void): void {
    ids.forEach((id, i) => {
      if (id !== undefined && !this.declared.actorIds.has(id)) report(ids.length === 1 && !field.endsWith(']') ? field : `${field}[${i}]`, `unknown actor "${id}"`);
    });
  }

  /**
   * A place, its zone defaulting to its time's: `defaultZone` is that zone, undefined when there
   * is no time, or null when the time's zone is wrong or cannot be read (reported already).
   */
  private buildPlace(entry: PlaceEntry | undefined, defaultZone: string | null | undefined, field: string, report: (field: string, message: string) => void): Place | undefined {
    if (!entry) return undefined;
    if (entry.zone === undefined && defaultZone === null) return undefined;
    const written = entry.zone ?? defaultZone ?? undefined;
    const zone = written === undefined ? undefined : canonicalZone(written);
    if (zone === undefined) {
      report(`${field}.zone`, written === undefined ? 'is required (there is no time to take the zone from)' : `unknown time zone "${written}"`);
      return undefined;
    }
    return { name: entry.name, zone, ...(entry.country !== undefined && { country: entry.country }) };
  }

  /** The zone a time spec gives a place: see buildPlace. */
  private zoneOf(spec: TimeSpec | undefined, failed: boolean): string | null | undefined {
    if (failed) return null;
    return spec === undefined ? undefined : (canonicalZone(spec.zone) ?? null);
  }

  private buildTime(spec: TimeSpec, field: string, report: (field: string, message: string) => void): TimeSpan | undefined {
    const result = this.times.resolve(spec);
    for (const problem of result.problems ?? []) report(`${field}.${problem.field}`, problem.message);
    return result.span;
  }

  private buildSource(input: SourceInput, checked: Checked<SourceEntry>): Source | undefined {
    const { fields: source, failed, complete } = checked;
    const report = (field: string, message: string) =>
      this.problems.push({ file: input.file, entity: `source "${input.id}"`, field: `source.${field}`, message });
    const sha256 = input.textSha256;
    // The checksum catches an edit of the stored text, which would move every citation's offsets.
    if (failed.has('sha256')) {
      // Reported by the schema.
    } else if (source.sha256 === undefined) report('sha256', `is required: set source.sha256 to ${sha256} (the SHA-256 of ${input.id}.txt)`);
    else if (source.sha256 !== sha256) {
      report('sha256', `set source.sha256 to ${sha256} if ${input.id}.txt is meant to read as it does (found ${quoted(source.sha256)}: the text was changed, or the checksum is wrong)`);
    }
    this.checkActors(itemsOf(checked, 'creditedTo'), 'creditedTo', report);
    const published = source.published ? this.buildTime(source.published, 'published', report) : undefined;
    const place = this.buildPlace(source.place, this.zoneOf(source.published, failed.has('published')), 'place', report);
    if (!complete) return undefined;
    const valid = source as SourceEntry;
    return {
      id: input.id,
      kind: valid.kind,
      title: valid.title,
      creditedToIds: valid.creditedTo,
      references: valid.references,
      text: input.text,
      sha256,
      ...(published && { published }),
      ...(place && { place }),
      ...(valid.url !== undefined && { url: valid.url }),
      ...(valid.note !== undefined && { note: valid.note }),
    };
  }

  private buildCitations(input: EventInput, entries: readonly (CitationEntry | undefined)[]): Citation[] {
    const citations: Citation[] = [];
    entries.forEach((entry, i) => {
      if (!entry) return; // invalid: reported by the schema
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

  /**
   * Checks an event's references, time and citations, on the fields that are valid (the
   * others are reported already), and builds the event when it is valid throughout.
   */
  private buildEvent(input: EventInput, meetingIds: ReadonlySet<string>): TimelineEvent | undefined {
    const { fields: entry, failed } = input;
    const report = (field: string, message: string) => this.report(input, field, message);
    const checkMeetings = (ids: readonly (string | undefined)[], field: string) =>
      ids.forEach((id, i) => {
        if (id !== undefined && !meetingIds.has(id)) report(ids.length === 1 && field === 'meeting' ? field : `${field}[${i}]`, `unknown meeting "${id}"`);
      });
    const before = this.problems.length;
    const time = entry.time && this.buildTime(entry.time, 'time', report);
    const citations = this.buildCitations(input, itemsOf(input as Checked<EventEntry>, 'citations'));
    // The time's words are checked against every citation, once each is valid and found.
    if (time?.text !== undefined && citations.length === entry.citations?.length) this.checkTimeText(time.text, citations, report);
    // Without a valid time there is no zone to default to; the time's problem is reported already.
    const timeZone = this.zoneOf(entry.time, failed.has('time'));

    let event: TimelineEvent | undefined;
    if (entry.kind === 'MEETING') {
      itemsOf(input as Checked<MeetingEntry>, 'participants').forEach((p, i) => p && this.checkActors([p.actor], `participants[${i}].actor`, report));
      const location = this.buildPlace(entry.location, timeZone, 'location', report);
      if (input.complete && time) {
        const valid = entry as MeetingEntry;
        event = {
          ...this.eventBase(valid, citations),
          kind: 'MEETING',
          status: valid.status,
          participants: valid.participants.map((p) => ({ actorId: this.actorRef(p.actor), ...(p.role !== undefined && { role: p.role }) })),
          actorIds: unique(valid.participants.map((p) => this.actorRef(p.actor))),
          ...(location && { location }),
          time,
        } satisfies Meeting;
      }
    } else if (entry.kind === 'STATEMENT') {
      if (entry.speaker !== undefined) this.checkActors([entry.speaker], 'speaker', report);
      const statement = input as Checked<StatementEntry>;
      this.checkActors(itemsOf(statement, 'reportedBy'), 'reportedBy', report);
      this.checkActors(itemsOf(statement, 'about'), 'about', report);
      if (entry.meeting !== undefined) checkMeetings([entry.meeting], 'meeting');
      checkMeetings(itemsOf(statement, 'regarding'), 'regarding');
      if (input.complete && time) {
        const valid = entry as StatementEntry;
        event = {
          ...this.eventBase(valid, citations),
          kind: 'STATEMENT',
          speakerId: this.actorRef(valid.speaker),
          content: valid.content,
          form: valid.form,
          reportedByIds: valid.reportedBy.map((id) => this.actorRef(id)),
          aboutIds: valid.about.map((id) => this.actorRef(id)),
          regardingIds: valid.regarding,
          actorIds: unique([valid.speaker, ...valid.reportedBy, ...valid.about].map((id) => this.actorRef(id))),
          ...(valid.meeting !== undefined && { meetingId: valid.meeting }),
          time,
        } satisfies Statement;
      }
    } else if (entry.kind === 'VOTE') {
      if (entry.body !== undefined) this.checkActors([entry.body], 'body', report);
      if (entry.meeting !== undefined) checkMeetings([entry.meeting], 'meeting');
      // A vote's own checks need its body, rule, tally and ballots; without them, its ballots' actors are still checked.
      const checkable = !['body', 'rule', 'required', 'tally', 'ballots'].some((key) => failed.has(key));
      // The members on the day of the vote, in the vote's own zone.
      const date = time ? (DateTime.fromMillis(time.startMs, { zone: time.zone }).toISODate() ?? undefined) : undefined;
      if (checkable) {
        const valid = entry as VoteEntry;
        const fields = buildVote(valid, date, this.voteContext, report);
        if (input.complete && time && fields) {
          event = {
            ...this.eventBase(valid, citations),
            kind: 'VOTE',
            bodyId: this.actorRef(valid.body),
            motion: valid.motion,
            time,
            ...fields,
            actorIds: unique([this.actorRef(valid.body), ...fields.ballots.map((b) => b.actorId)]),
            ...(valid.meeting !== undefined && { meetingId: valid.meeting }),
          } satisfies Vote;
        }
      } else if (entry.ballots) {
        checkBallots(entry.ballots, this.voteContext, report);
      }
    }
    return this.problems.length === before ? event : undefined;
  }

  /** What every kind of event has, of a valid entry. */
  private eventBase(entry: EventEntry, citations: Citation[]) {
    return { id: entry.id, title: entry.title, citations, ...(entry.note !== undefined && { note: entry.note }) };
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
