// The dataset the store serves, from the data directory: its files are read and parsed
// (read-data-files.ts), then checked as a whole (src/validation/validate-dataset.ts). Every
// problem is collected and reported together, naming file, entity and field.
import type { Dataset } from '../domain/model.js';
import { DataError } from '../validation/problems.js';
import { validateDataFiles, type DataCheck } from '../validation/validate-dataset.js';
import { readDataFiles } from './read-data-files.js';

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
export async function checkDataset(dataDir: string): Promise<DataCheck> {
  return validateDataFiles(await readDataFiles(dataDir));
}
