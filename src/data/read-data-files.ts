// Reads the data directory into what the validation takes (src/validation/data-files.ts).
// Layout: data/actors.yaml (shared actors) and, per source, data/sources/<id>.yaml or <id>.json
// (metadata and the events drawn from it) beside data/sources/<id>.txt (the text, word for word).
// A file that cannot be read or parsed, or that the layout has no place for, is reported here;
// everything about what the files say is the validation's.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import type { DataFiles, ParsedFile, SourceFiles } from '../validation/data-files.js';
import type { DataProblem } from '../validation/problems.js';
import { isIgnoredDataFile } from './ignored-files.js';

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

/** Each data file's SHA-256, by path. */
type FileDigests = Map<string, string>;

/**
 * Reads and parses every data file under `dataDir`. Problems name files relative to the
 * working directory, as the startup message and `npm run check-data` show them.
 */
export async function readDataFiles(dataDir: string): Promise<DataFiles> {
  const digests: FileDigests = new Map();
  const actors = await readMetadata(join(dataDir, 'actors.yaml'), digests);
  const { layout, sources } = await readSources(join(dataDir, 'sources'), digests);
  return { actors, layout, sources, version: versionOf(dataDir, digests) };
}

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

/** A YAML file, or a JSON one (JSON is YAML too, but JSON.parse is much faster than the yaml package). */
async function readMetadata(path: string, digests: FileDigests): Promise<ParsedFile> {
  const file = displayPath(path);
  const unreadable = (...messages: string[]): ParsedFile => ({ file, unreadable: messages.map((message) => ({ file, message })) });
  let raw: string;
  try {
    raw = await readDataFile(path, digests);
  } catch (error) {
    return unreadable(`cannot read: ${(error as Error).message}`);
  }
  if (path.endsWith('.json')) {
    try {
      return { file, value: JSON.parse(raw) as unknown };
    } catch (error) {
      return unreadable(`invalid JSON: ${(error as Error).message}`);
    }
  }
  const doc = parseDocument(raw, { prettyErrors: true });
  if (doc.errors.length > 0) {
    // The first line says what and where ("… at line 3, column 5"); the code frame below it would break the one-line report.
    return unreadable(...doc.errors.map((error) => `invalid YAML: ${error.message.split('\n')[0]!.replace(/:$/, '')}`));
  }
  try {
    return { file, value: doc.toJS() };
  } catch (error) {
    // An alias whose anchor was deleted parses, but cannot be resolved.
    return unreadable(`invalid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Every source with metadata, readable or not, and what the directory holds that no source explains. */
async function readSources(dir: string, digests: FileDigests): Promise<{ layout: DataProblem[]; sources: SourceFiles[] }> {
  const layout: DataProblem[] = [];
  let files: string[];
  try {
    files = (await readdir(dir)).filter((name) => !isIgnoredDataFile(name));
  } catch (error) {
    layout.push({ file: displayPath(dir), message: `cannot read the sources directory: ${(error as Error).message}` });
    return { layout, sources: [] };
  }
  // Metadata is YAML, or JSON for large generated sets.
  const names = files.filter(isMetadata).sort();
  if (names.length === 0) layout.push({ file: displayPath(dir), message: 'no sources (*.yaml or *.json) found' });
  const metadataIds = new Set<string>();
  for (const name of names) {
    const id = sourceIdOf(name);
    if (metadataIds.has(id)) layout.push({ file: displayPath(join(dir, name)), entity: `source "${id}"`, message: `source "${id}" has both a .yaml and a .json file: keep one` });
    metadataIds.add(id);
  }
  // Nothing else in the directory may be silently ignored (but for editors' files, ignored-files.ts):
  // a .yml or a text without metadata is a mistake.
  for (const name of files) {
    if (isMetadata(name)) continue;
    const expected = name.endsWith('.txt') && metadataIds.has(basename(name, '.txt'));
    if (!expected) {
      layout.push({
        file: displayPath(join(dir, name)),
        message: name.endsWith('.txt')
          ? `a source text needs its metadata beside it: ${basename(name, '.txt')}.yaml`
          : 'unexpected file: a source is <id>.yaml or <id>.json (metadata and events) with <id>.txt (its text)',
      });
    }
  }
  // A large set has thousands of files: a few are read at a time, and the sources keep the names' order.
  const sources = await mapConcurrently(names, READ_CONCURRENCY, async (name): Promise<SourceFiles> => {
    const id = sourceIdOf(name);
    const textPath = join(dir, `${id}.txt`);
    const [metadata, text] = await Promise.all([readMetadata(join(dir, name), digests), readDataFile(textPath, digests).catch(() => undefined)]);
    const sha256 = digests.get(textPath);
    return { id, metadata, textFile: displayPath(textPath), ...(text !== undefined && sha256 !== undefined && { text: { content: text, sha256 } }) };
  });
  return { layout, sources };
}
