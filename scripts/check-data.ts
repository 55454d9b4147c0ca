// `npm run check-data [dir]`: runs every check the server runs at start-up (loadDataset's) on a
// data directory, without starting the server, and reports every problem in one pass, one line
// each: file, entity, field and message. Exits 1 on any problem; 0 with a short summary.
// The directory is the argument, or DATA_DIR, or data/; relative to the project root, as the
// server reads DATA_DIR.
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDataset } from '../src/data/load-dataset.js';
import { formatProblem } from '../src/validation/problems.js';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = resolve(PROJECT_ROOT, process.argv[2] || process.env.DATA_DIR || 'data');
const shown = relative(process.cwd(), dir) || '.';

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

const { dataset, problems } = await checkDataset(dir);
if (!dataset) {
  for (const problem of problems) console.error(formatProblem(problem));
  console.error(`${shown}: ${count(problems.length, 'problem')}`);
  process.exit(1);
}
console.log(
  `${shown}: ${count(dataset.actors.length, 'actor')}, ${count(dataset.sources.length, 'source')}, ${count(dataset.events.length, 'event')}; no problems`,
);
