// Writes schema/schema.graphql from the code (`npm run schema`), or with --check fails
// when the committed file differs from what the code prints (`npm run schema:check`).
import { readFile, writeFile } from 'node:fs/promises';
import { printSortedSchema } from '../src/schema/index.js';

const file = new URL('../schema/schema.graphql', import.meta.url);
const printed = printSortedSchema();

if (process.argv.includes('--check')) {
  const committed = await readFile(file, 'utf8').catch(() => '');
  if (committed !== printed) {
    console.error('schema/schema.graphql is stale: run `npm run schema` and commit the result.');
    process.exit(1);
  }
  console.log('schema/schema.graphql is up to date.');
} else {
  await writeFile(file, printed);
  console.log('Wrote schema/schema.graphql.');
}
