// Serves the next revision when the data files change. Edits come in bursts (an editor writes a
// temporary file and renames it; a `git pull` touches many files), so changes are debounced and
// the whole directory is checked once the burst is over. A valid change becomes a new snapshot,
// swapped in; a broken one is logged, every problem with its file, and the last good revision
// keeps serving. One reload runs at a time: a change during a reload starts another after it.
import { resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { isIgnoredDataFile } from '../data/ignored-files.js';
import { checkDataset } from '../data/load-dataset.js';
import type { Logger } from '../observability/logger.js';
import { MemoryStore } from '../store/memory/memory-store.js';
import type { Revisions } from '../store/revisions.js';
import { formatProblem } from '../validation/problems.js';

export interface DataWatcher {
  /** Checks the directory now and serves it if it is valid and differs (what a change triggers). */
  reload(): Promise<ReloadOutcome>;
  close(): Promise<void>;
}

export type ReloadOutcome = { kind: 'swapped'; revision: string } | { kind: 'unchanged' } | { kind: 'refused'; problems: number };

export async function watchDataDir({
  dataDir,
  revisions,
  logger,
  debounceMs,
}: {
  dataDir: string;
  revisions: Revisions;
  logger: Logger;
  debounceMs: number;
}): Promise<DataWatcher> {
  let running: Promise<ReloadOutcome> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  // Whether the last check refused the files: the next good one says so, even if it changes nothing.
  let refused = false;

  const reloadOnce = async (): Promise<ReloadOutcome> => {
    const started = performance.now();
    const { dataset, problems } = await checkDataset(dataDir);
    if (!dataset || problems.length > 0) {
      const previous = revisions.current().store.revision;
      for (const problem of problems) logger.log('error', { msg: `Data not reloaded: ${formatProblem(problem)}`, file: problem.file, source: 'data-reload' });
      logger.log('error', {
        msg: `The data files have ${problems.length} problem${problems.length === 1 ? '' : 's'}: still serving revision ${previous}`,
        revision: previous,
        source: 'data-reload',
      });
      refused = true;
      return { kind: 'refused', problems: problems.length };
    }
    const wasRefused = refused;
    refused = false;
    if (dataset.version === revisions.current().store.revision) {
      if (wasRefused) {
        logger.log('info', {
          msg: `The data files are valid again, as they were: still serving revision ${dataset.version}`,
          revision: dataset.version,
          source: 'data-reload',
        });
      }
      return { kind: 'unchanged' };
    }
    const change = revisions.swap(new MemoryStore(dataset));
    if (!change) return { kind: 'unchanged' };
    logger.log('info', {
      msg: `Data reloaded: ${dataset.events.length} events, ${dataset.actors.length} actors, ${dataset.sources.length} sources`,
      revision: dataset.version,
      previousRevision: change.previous.store.revision,
      durationMs: Math.round(performance.now() - started),
      source: 'data-reload',
    });
    return { kind: 'swapped', revision: dataset.version };
  };

  const reload = (): Promise<ReloadOutcome> => {
    if (running) {
      again = true;
      return running;
    }
    running = reloadOnce()
      .catch((error: unknown): ReloadOutcome => {
        logger.log('error', { msg: `Data not reloaded: ${error instanceof Error ? error.message : String(error)}`, source: 'data-reload' });
        return { kind: 'refused', problems: 1 };
      })
      .finally(() => {
        running = undefined;
        if (again && !closed) {
          again = false;
          void reload();
        }
      });
    return running;
  };

  // Editors' files are not data (data/ignored-files.ts); the directory itself is watched whatever its name.
  const root = resolve(dataDir);
  const watcher: FSWatcher = watch(dataDir, { ignoreInitial: true, persistent: true, ignored: (path) => resolve(path) !== root && isIgnoredDataFile(path) });
  watcher.on('all', () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), debounceMs);
  });
  watcher.on('error', (error: unknown) => {
    logger.log('error', { msg: `Watching ${dataDir} failed: ${error instanceof Error ? error.message : String(error)}`, source: 'data-reload' });
  });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    reload,
    async close() {
      closed = true;
      clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}
