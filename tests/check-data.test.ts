// `npm run check-data` as a process: every problem in one pass, one line each, exit codes, the
// SHA-256 a source's metadata needs, and the very checks the server starts with (checkDataset).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDataset } from '../src/data/load-dataset.js';
import { formatProblem } from '../src/validation/problems.js';
import { VOTES_DATA_DIR } from './helpers.js';
import { ROOT } from './server-process.js';

const VOTES = 'sources/fixture-votes.yaml';
const TEXT = 'sources/fixture-votes.txt';
const copies: string[] = [];

afterAll(async () => {
  await Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Runs the script as npm runs it (tsx, from the project root). */
function checkData(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/check-data.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** A copy of the votes fixture with edits: each replaces one occurrence in a file. */
async function copyWith(edits: [file: string, from: string, to: string][] = []): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'entente-check-'));
  copies.push(dir);
  await cp(VOTES_DATA_DIR, dir, { recursive: true });
  for (const [file, from, to] of edits) {
    const text = await readFile(join(dir, file), 'utf8');
    expect(text.split(from).length - 1, `"${from}" occurs once in ${file}`).toBe(1);
    await writeFile(join(dir, file), text.replace(from, to));
  }
  return dir;
}

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

describe('npm run check-data', () => {
  it('is a script of package.json run with tsx', async () => {
    const { scripts } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts['check-data']).toBe('tsx scripts/check-data.ts');
  });

  it('exits 0 with a summary when there is no problem', async () => {
    const dir = await copyWith();
    const { code, stdout, stderr } = await checkData([dir]);
    expect(stderr).toBe('');
    expect(stdout.trim()).toBe(`${relative(ROOT, dir)}: 10 actors, 1 source, 8 events; no problems`);
    expect(code).toBe(0);
  });

  it('reports every problem in one pass, one line each, naming file, entity and field, and exits 1', async () => {
    const dir = await copyWith([
      // Three problems in one event, one of them a misspelt key that must not hide the others.
      [VOTES, '    motion: Draft C/1\n    time: { zone: UTC,', '    moton: Draft C/1\n    motion: Draft C/1\n    time: { zone: Mars/Olympus,'],
      [VOTES, 'no: [north]', 'no: [north, nobody]'],
      // And one in another file.
      ['actors.yaml', '  - id: island\n    name: Island\n    kind: STATE', '  - id: island\n    name: Island\n    kind: COUNTRY'],
    ]);
    const { code, stdout, stderr } = await checkData([dir]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    const votes = relative(ROOT, join(dir, VOTES));
    const actors = relative(ROOT, join(dir, 'actors.yaml'));
    expect(lines).toEqual([
      `${actors}: actor "island": kind: must be one of PERSON, STATE, GOVERNMENT_BODY, ORGANIZATION, INTERNATIONAL_ORGANIZATION, MEDIA (found "COUNTRY")`,
      expect.stringMatching(new RegExp(`^${votes}: event "vote-c-1": unknown key "moton" \\(expected one of id, title, `)),
      `${votes}: event "vote-c-1": time.zone: unknown time zone "Mars/Olympus"`,
      `${votes}: event "vote-c-1": ballots.no[1]: unknown actor "nobody"`,
      `${relative(ROOT, dir)}: 4 problems`,
    ]);
  });

  it('reports every problem of an entity with a bad value in one pass: its references and time are still checked', async () => {
    const dir = await copyWith([
      // A bad enum value, an unknown meeting, a bad zone, a date that does not exist and an unknown actor, all in one vote.
      [
        VOTES,
        '    motion: Draft C/1\n    time: { zone: UTC, date: 2021-03-01,',
        '    motion: Draft C/1\n    rule: MOST\n    meeting: no-such-meeting\n    time: { zone: Mars/Olympus, date: 2021-02-30,',
      ],
      [VOTES, 'no: [north]', 'no: [nobody]'],
      // Membership dates that do not exist.
      [
        'actors.yaml',
        '  - id: east\n    name: East\n    kind: STATE\n    memberOf:\n      - { actor: fixture-council, seat: ELECTED, from: 2020-01-01,',
        '  - id: east\n    name: East\n    kind: STATE\n    memberOf:\n      - { actor: fixture-council, seat: ELECTED, from: 2012-13-01,',
      ],
      ['actors.yaml', 'from: 2021-01-01, until: 2023-01-01 }', 'from: 2021-01-01, until: 2012-02-30 }'],
    ]);
    const { code, stdout, stderr } = await checkData([dir]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const votes = relative(ROOT, join(dir, VOTES));
    const actors = relative(ROOT, join(dir, 'actors.yaml'));
    expect(stderr.trimEnd().split('\n')).toEqual([
      `${actors}: actor "east": memberOf[0].from: must be a calendar date YYYY-MM-DD (found "2012-13-01")`,
      `${actors}: actor "centre": memberOf[0].until: must be a calendar date YYYY-MM-DD (found "2012-02-30")`,
      `${votes}: event "vote-c-1": rule: must be one of FIXED, SIMPLE_MAJORITY, TWO_THIRDS (found "MOST")`,
      `${votes}: event "vote-c-1": time.zone: unknown time zone "Mars/Olympus"`,
      `${votes}: event "vote-c-1": time.date: must be a calendar date YYYY-MM-DD (found "2021-02-30")`,
      `${votes}: event "vote-c-1": meeting: unknown meeting "no-such-meeting"`,
      `${votes}: event "vote-c-1": ballots.no[0]: unknown actor "nobody"`,
      `${relative(ROOT, dir)}: 7 problems`,
    ]);
  });

  it('prints the SHA-256 a source needs, when it is missing or wrong', async () => {
    const edited = await copyWith([[TEXT, 'Made up for the tests.', 'Made up for the tests, and edited.']]);
    const wrong = await checkData([edited]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      `${relative(ROOT, join(edited, VOTES))}: source "fixture-votes": source.sha256: set source.sha256 to ${await sha256(join(edited, TEXT))} if fixture-votes.txt is meant to read as it does`,
    );

    const missing = await copyWith([[VOTES, `  sha256: ${await sha256(join(VOTES_DATA_DIR, TEXT))}\n`, '']]);
    const none = await checkData([missing]);
    expect(none.code).toBe(1);
    expect(none.stderr.split('\n')[0]).toBe(
      `${relative(ROOT, join(missing, VOTES))}: source "fixture-votes": source.sha256: is required: set source.sha256 to ${await sha256(join(VOTES_DATA_DIR, TEXT))} (the SHA-256 of fixture-votes.txt)`,
    );
  });

  it('reads DATA_DIR when given no argument', async () => {
    const dir = await copyWith([[VOTES, 'tally: { yes: 2, no: 2, abstain: 1 }', 'tally: { yes: 2, no: 2, abstain: -1 }']]);
    const { code, stderr } = await checkData([], { DATA_DIR: dir });
    expect(code).toBe(1);
    expect(stderr).toContain('event "vote-c-3": tally.abstain: must be at least 0 (found -1)');
  });

  it('runs the checks the server starts with: the same problems as checkDataset', async () => {
    const dir = await copyWith([
      [VOTES, 'no: [south]', 'no: [south, north]'],
      [VOTES, 'text: 2 March 2021 }', 'text: early March }'],
    ]);
    const { stderr } = await checkData([dir]);
    const { problems } = await checkDataset(dir);
    expect(problems).toHaveLength(2);
    // Both run from the project root, so both name files alike.
    expect(stderr.trimEnd().split('\n').slice(0, -1)).toEqual(problems.map(formatProblem));
  });
});

describe('files that parse but cannot be read as data', () => {
  it('reports an alias whose anchor is gone as invalid YAML in its file, not as a crash', async () => {
    const dir = await copyWith([[VOTES, '  - id: vote-c-1\n', '  - id: vote-c-1\n    note: *gone\n']]);
    const { problems } = await checkDataset(dir);
    expect(problems.map(formatProblem)).toEqual([expect.stringMatching(/fixture-votes\.yaml: invalid YAML: .*gone/)]);
  });

  it('reports a kind named like a property of every object (toString) as an unknown kind', async () => {
    const dir = await copyWith([[VOTES, '  - id: vote-c-1\n    kind: VOTE\n', '  - id: vote-c-1\n    kind: toString\n']]);
    const { problems } = await checkDataset(dir);
    expect(problems.map(formatProblem).join('\n')).toMatch(/event "vote-c-1": kind: must be one of MEETING, STATEMENT, VOTE/);
  });
});
