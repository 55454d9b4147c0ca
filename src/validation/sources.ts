// A source's files: its metadata file's shape and `source:` block, its text beside it, and the
// source as the model holds it, with the checksum that ties the metadata to the text.
import type { Source } from '../domain/model.js';
import type { TimeSpecResolver } from '../time/time-spec.js';
import { contentsOf, type SourceFiles } from './data-files.js';
import { sourceFileSchema, sourceSchema, type SourceEntry } from './file-schemas.js';
import { quoted, type DataProblem } from './problems.js';
import { checkActorRefs, type Declared } from './references.js';
import { itemsOf, validate, validateFields, type Checked } from './schema-check.js';
import { buildPlace, buildTime, zoneOf } from './time-and-place.js';

/** A source whose metadata file has its shape and whose text is there: its events can be checked. */
export interface SourceInput {
  id: string;
  /** The text file's SHA-256. */
  textSha256: string;
  /** The metadata file, as problems name it. */
  file: string;
  text: string;
  /** The `source:` block, field by field; undefined when it is not there (reported). The events are checked either way. */
  source: Checked<SourceEntry> | undefined;
  events: unknown[];
}

/** The last segment of a file's path. */
function nameOf(file: string): string {
  return /[^\\/]*$/.exec(file)![0];
}

/** Checks what a source's files hold on their own; undefined when its events cannot be checked (reported). */
export function checkSourceFiles({ id, metadata, textFile, text }: SourceFiles, problems: DataProblem[]): SourceInput | undefined {
  const at = { file: metadata.file, entity: `source "${id}"` };
  const contents = contentsOf(metadata, problems);
  const parsed = contents && validate(sourceFileSchema, contents.value, at, problems);
  const source = parsed && validateFields<SourceEntry>(sourceSchema, parsed.source, { ...at, under: 'source' }, problems);
  if (text === undefined)
    problems.push({ file: textFile, entity: at.entity, message: `missing: the text of source "${id}" must be stored beside ${nameOf(metadata.file)}` });
  return parsed && text !== undefined ? { id, file: metadata.file, text: text.content, textSha256: text.sha256, source, events: parsed.events } : undefined;
}

/** The source, when its `source:` block is valid throughout; its problems are reported either way. */
export function buildSource(
  input: SourceInput,
  checked: Checked<SourceEntry>,
  declared: Pick<Declared, 'actorIds'>,
  times: TimeSpecResolver,
  problems: DataProblem[],
): Source | undefined {
  const { fields: source, failed, complete } = checked;
  const report = (field: string, message: string) => problems.push({ file: input.file, entity: `source "${input.id}"`, field: `source.${field}`, message });
  const sha256 = input.textSha256;
  // The checksum catches an edit of the stored text, which would move every citation's offsets.
  if (failed.has('sha256')) {
    // Reported by the schema.
  } else if (source.sha256 === undefined) report('sha256', `is required: set source.sha256 to ${sha256} (the SHA-256 of ${input.id}.txt)`);
  else if (source.sha256 !== sha256) {
    report(
      'sha256',
      `set source.sha256 to ${sha256} if ${input.id}.txt is meant to read as it does (found ${quoted(source.sha256)}: the text was changed, or the checksum is wrong)`,
    );
  }
  checkActorRefs(itemsOf(checked, 'creditedTo'), 'creditedTo', declared, report);
  const published = source.published ? buildTime(times, source.published, 'published', report) : undefined;
  const place = buildPlace(source.place, zoneOf(source.published, failed.has('published')), 'place', report);
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
