// One thing wrong with the data files, and how every check words it.
//
// The message style, for the validation's own checks, zod's issues (src/validation/zod-messages.ts) and
// the time specs (src/time/time-spec.ts) alike: a lowercase phrase with no full stop that says
// what the field must be ("must be one of HELD, PLANNED", "is required") or what is wrong with
// it ("unknown actor \"x\""). Values taken from the files are quoted as JSON (`found "HLED"`);
// lists of allowed values are written bare, comma-separated.

/** One thing wrong with the data files, located as precisely as we can. */
export interface DataProblem {
  /** Path of the file, relative to the working directory. */
  file: string;
  /** The entity, e.g. `event "ncc-talks"` or `actor "russia"`. */
  entity?: string;
  /** Dotted path of the field inside the entity, e.g. `citations[0].quote`. */
  field?: string;
  message: string;
}

/** One line: file, entity, field and message, joined by ": ". */
export function formatProblem(problem: DataProblem): string {
  return [problem.file, problem.entity, problem.field].filter(Boolean).join(': ') + ': ' + problem.message;
}

/** Reports a problem of the entity being checked: its field, and what is wrong with it. */
export type Report = (field: string, message: string) => void;

/** Thrown when the data files cannot be served: lists every problem found, not just the first. */
export class DataError extends Error {
  constructor(readonly problems: DataProblem[]) {
    super(`The data files have ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` + problems.map((p) => `  - ${formatProblem(p)}`).join('\n'));
    this.name = 'DataError';
  }
}

/** Formats a zod-style path such as ['citations', 0, 'quote'] as citations[0].quote. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

const VALUE_PREVIEW = 120;

/** A value from a file, quoted as JSON on one line and cut short: messages stay one line. */
export function quoted(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > VALUE_PREVIEW ? `${json.slice(0, VALUE_PREVIEW)}…${json.startsWith('"') ? '"' : ''}` : json;
}

/** Ids as a message lists them: "china", "russia". */
export function quotedList(values: readonly string[]): string {
  return values.map(quoted).join(', ');
}
