// Writes the files generated from the schema's code (`npm run schema`): schema/schema.graphql
// (the SDL) and schema/possible-types.json (Apollo Client's possibleTypes), or with --check
// fails when a committed file differs from what the code prints (`npm run schema:check`).
import { readFile, writeFile } from 'node:fs/promises';
import { possibleTypes, printSortedSchema } from '../src/graphql/schema/index.js';

const files: [URL, string][] = [
  [new URL('../schema/schema.graphql', import.meta.url), printSortedSchema()],
  [new URL('../schema/possible-types.json', import.meta.url), `${JSON.stringify(possibleTypes(), null, 2)}\n`],
];

for (const [file, printed] of files) {
  const name = `schema/${file.pathname.split('/').pop()}`;
  if (process.argv.includes('--check')) {
    const committed = await readFile(file, 'utf8').catch(() => '');
    if (committed !== printed) {
      console.error(`${name} is stale: run \`npm run schema\` and commit the result.`);
      process.exit(1);
    }
    console.log(`${name} is up to date.`);
  } else {
    await writeFile(file, printed);
    console.log(`Wrote ${name}.`);
  }
}
