// The data files as the validation takes them: already read and parsed, so that whoever has
// them (the loader reading DATA_DIR, a watcher reloading one change, a write API holding a
// request's body) runs the very same checks. File names are only how problems name the files.
import type { DataProblem } from './problems.js';

/**
 * A data file's parsed contents (YAML or JSON), or why there are none. A file that could not be
 * read or parsed keeps its place among the others, so that its problems are reported in file
 * order with the rest, and the ids it would declare are not reported as unknown elsewhere.
 */
export type ParsedFile = { file: string; value: unknown } | { file: string; unreadable: readonly DataProblem[] };

/** One source: its metadata (the `source:` block and the events drawn from it) and its text. */
export interface SourceFiles {
  /** The id the source's files are named by: `<id>.yaml` (or `.json`) beside `<id>.txt`. */
  id: string;
  metadata: ParsedFile;
  /** How problems name the text file, even a missing one. */
  textFile: string;
  /** The text word for word, and its SHA-256 (hex); absent when the text file is missing or cannot be read. */
  text?: { content: string; sha256: string };
}

export interface DataFiles {
  /** The shared actors (data/actors.yaml). */
  actors: ParsedFile;
  /**
   * Problems of the sources' files as a set (the folder unreadable or empty, a stray file, a
   * source written twice), found by whoever listed them; reported after the actors file's.
   */
  layout?: readonly DataProblem[];
  /** In the order their problems are to be reported. */
  sources: readonly SourceFiles[];
  /** The version the dataset is to carry (see Dataset.version): it is the files' digest, which only their reader has. */
  version: string;
}

/** The file's value, once the problems of an unreadable one are reported: undefined when there is nothing to check. */
export function contentsOf(file: ParsedFile, problems: DataProblem[]): { value: unknown } | undefined {
  if ('unreadable' in file) {
    problems.push(...file.unreadable);
    return undefined;
  }
  return { value: file.value };
}
