// The data reload on its own (services/data-reload.ts): what a change to the files does to the
// revision served, what is logged, and which files are not data.
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../src/data/load-dataset.js';
import { jsonLogger } from '../src/observability/logger.js';
import { watchDataDir, type DataWatcher } from '../src/services/data-reload.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { Revisions } from '../src/store/revisions.js';
import { DATA_DIR } from './helpers.js';

const SOURCE = join('sources', 'ria-novosti-2012-11-29.yaml');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function watched() {
  const dir = await mkdtemp(join(tmpdir(), 'entente-reload-'));
  await cp(DATA_DIR, dir, { recursive: true });
  const revisions = new Revisions(new MemoryStore(await loadDataset(dir)));
  const lines: Record<string, unknown>[] = [];
  const watcher: DataWatcher = await watchDataDir({
    dataDir: dir,
    revisions,
    logger: jsonLogger('debug', (line) => lines.push(JSON.parse(line))),
    debounceMs: 50,
  });
  cleanups.push(
    () => watcher.close(),
    () => rm(dir, { recursive: true, force: true }),
  );
  const edit = async (from: string, to: string, file = SOURCE) => writeFile(join(dir, file), (await readFile(join(dir, file), 'utf8')).replace(from, to));
  const until = async (condition: () => boolean, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(lines)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return { dir, revisions, lines, watcher, edit, until };
}

describe('the data reload', () => {
  it('serves a change whatever editors leave beside the files: swap files, backups, autosaves, hidden files', async () => {
    const { dir, revisions, edit, until, lines } = await watched();
    const before = revisions.current().store.revision;
    for (const name of ['.ria-novosti-2012-11-29.yaml.swp', '4913', 'ria-novosti-2012-11-29.yaml~', '#ria-novosti-2012-11-29.yaml#', '.DS_Store']) {
      await writeFile(join(dir, 'sources', name), 'not data');
    }
    await edit('title: NCC conference in Rome', 'title: The NCC conference in Rome');
    await until(() => revisions.current().store.revision !== before, 'the edit to be served');
    expect(lines.filter((line) => line.level === 'error')).toEqual([]);
    const [rome] = await revisions.current().store.getEvents(['rome-opposition-conference']);
    expect(rome!.title).toMatch(/^The NCC conference in Rome/);
    // Removing them changes nothing either.
    const served = revisions.current().store.revision;
    await unlink(join(dir, 'sources', '4913'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(revisions.current().store.revision).toBe(served);
  });

  it('says so when files refused before are valid again, even when they are back as they were', async () => {
    const { revisions, edit, until, lines } = await watched();
    const before = revisions.current().store.revision;
    await edit('kind: MEETING', 'kind: MEETNG');
    await until(() => lines.some((line) => String(line.msg).includes('problem')), 'the refusal');
    await edit('kind: MEETNG', 'kind: MEETING');
    await until(() => lines.some((line) => String(line.msg).includes('valid again')), 'the all-clear');
    expect(revisions.current().store.revision).toBe(before);
  });

  it('reloads once for a burst of edits', async () => {
    const { revisions, edit, until } = await watched();
    const swaps: string[] = [];
    revisions.onChange((change) => swaps.push(change.current.store.revision));
    for (let i = 0; i < 10; i++)
      await edit(i === 0 ? 'title: NCC conference in Rome' : `title: NCC conference in Rome ${i - 1}`, `title: NCC conference in Rome ${i}`);
    await until(() => swaps.length > 0, 'the reload');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(swaps).toHaveLength(1);
  });
});
