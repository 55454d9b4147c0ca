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

export function formatProblem(problem: DataProblem): string {
  return [problem.file, problem.entity, problem.field].filter(Boolean).join(': ') + ': ' + problem.message;
}

/** Thrown when the data files cannot be served: lists every problem found, not just the first. */
export class DataError extends Error {
  constructor(readonly problems: DataProblem[]) {
    super(
      `The data files have ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'DataError';
  }
}

/** Formats a zod-style path such as ['citations', 0, 'quote'] as citations[0].quote. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}
