import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** An example query that GraphiQL opens as a tab (schema/examples/*.graphql, in file-name order). */
export interface Example {
  name: string;
  query: string;
}

export async function loadExamples(dir: string): Promise<Example[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.graphql')).sort();
  return Promise.all(files.map(async (file) => ({ name: basename(file, '.graphql'), query: await readFile(join(dir, file), 'utf8') })));
}
