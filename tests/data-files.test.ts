// Each kind of broken data file stops the load with a message naming the file, entity and field.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../src/data/load-dataset.js';
import { DataError } from '../src/data/problems.js';
import { DATA_DIR } from './helpers.js';

const ARTICLE = 'sources/ria-novosti-2012-11-29.yaml';
const RECORD = 'sources/unsc-syria-vetoes-2011-2012.yaml';
const copies: string[] = [];

afterAll(async () => {
  await Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Copies the real data, applies one edit, and returns the problems the loader reports. */
async function problemsAfter(file: string, edit: (text: string) => string, namedFile = file): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'entente-data-'));
  copies.push(dir);
  await cp(DATA_DIR, dir, { recursive: true });
  const path = join(dir, file);
  const before = await readFile(path, 'utf8');
  const after = edit(before);
  expect(after, 'the edit must change the file').not.toBe(before);
  await writeFile(path, after);
  const error = await loadDataset(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataError);
  const message = (error as DataError).message;
  // Paths are shown relative to the working directory, like the startup message.
  expect(message).toContain(relative(process.cwd(), join(dir, namedFile)));
  return (error as DataError).problems.map((p) => [p.file, p.entity, p.field, p.message].filter(Boolean).join(': '));
}

function replaceOnce(search: string, replacement: string) {
  return (text: string) => {
    expect(text.split(search).length - 1, `"${search}" occurs once`).toBe(1);
    return text.replace(search, replacement);
  };
}

describe('the committed data', () => {
  it('loads without problems', async () => {
    const dataset = await loadDataset(DATA_DIR);
    expect(dataset.events).toHaveLength(25);
  });
});

describe('broken data files', () => {
  it('reports invalid YAML with its position', async () => {
    const [problem] = await problemsAfter(ARTICLE, replaceOnce('  - id: ncc-news-conference\n', '  - id: [ncc-news-conference\n'));
    expect(problem).toMatch(/ria-novosti-2012-11-29\.yaml: invalid YAML: .*line \d+/s);
  });

  it('reports a misspelt key', async () => {
    const problems = await problemsAfter(ARTICLE, replaceOnce('    status: PLANNED\n', '    status: PLANNED\n    statsu: PLANNED\n'));
    expect(problems).toEqual([expect.stringMatching(/ria-novosti-2012-11-29\.yaml: event "rome-opposition-conference": .*statsu/)]);
  });

  it('reports a missing field and a value outside its enum', async () => {
    const missing = await problemsAfter('actors.yaml', replaceOnce('    name: Haytham Manna\n', ''));
    expect(missing).toEqual([expect.stringMatching(/actors\.yaml: actor "haytham-manna": name: /)]);
    const badKind = await problemsAfter('actors.yaml', replaceOnce('  - id: togo\n    name: Togo\n    kind: STATE', '  - id: togo\n    name: Togo\n    kind: COUNTRY'));
    expect(badKind).toEqual([expect.stringMatching(/actors\.yaml: actor "togo": kind: .*STATE/)]);
  });

  it('reports references to unknown actors and meetings', async () => {
    const actor = await problemsAfter(ARTICLE, replaceOnce('speaker: mikhail-bogdanov', 'speaker: mikhail-bogdanoff'));
    expect(actor).toEqual(['data-copy: event "bogdanov-welcomes-rome-meeting": speaker: unknown actor "mikhail-bogdanoff"'.replace('data-copy', actor[0]!.split(':')[0]!)]);
    const meeting = await problemsAfter(ARTICLE, replaceOnce('    meeting: ncc-talks-with-lavrov-and-bogdanov\n', '    meeting: ncc-talks-in-paris\n'));
    expect(meeting).toEqual([expect.stringMatching(/event "lavrov-calls-for-negotiations": meeting: unknown meeting "ncc-talks-in-paris"$/)]);
    const member = await problemsAfter('actors.yaml', replaceOnce('{ actor: ncc, role: member }', '{ actor: ncd, role: member }'));
    expect(member).toEqual([expect.stringMatching(/actors\.yaml: actor "haytham-manna": memberOf\[0\]\.actor: unknown actor "ncd"$/)]);
  });

  it('reports a quote that is not in the source, naming the quote', async () => {
    const problems = await problemsAfter(ARTICLE, replaceOnce('quote: "Calls to the Foreign Ministry', 'quote: "Phone calls to the Foreign Ministry'));
    expect(problems).toEqual([
      expect.stringMatching(/event "foreign-ministry-calls-unanswered": citations\[0\]\.quote: quote not found in source "ria-novosti-2012-11-29": "Phone calls to the Foreign Ministry/),
    ]);
  });

  it('reports a quote that appears more than once', async () => {
    const problems = await problemsAfter(ARTICLE, replaceOnce('      - quote: "Lavrov reiterated after his talks with the NCC on Thursday"\n', '      - quote: "on Thursday"\n'));
    expect(problems).toEqual([expect.stringMatching(/event "ncc-talks-with-lavrov-and-bogdanov": citations\[1\]\.quote: quote appears more than once .*"on Thursday"/)]);
  });

  it('reports a citation of an unknown source, and an event with no citation', async () => {
    const source = await problemsAfter(RECORD, replaceOnce('      - source: ria-novosti-2012-11-29\n        quote: vetoing three resolutions in the UN Security Council that called for tougher measures against Assad\n\n  - id: vote-s-2012-77', '      - source: ria-novosti-2012-11-30\n        quote: vetoing\n\n  - id: vote-s-2012-77'));
    expect(source).toEqual([expect.stringMatching(/event "vote-s-2011-612": citations\[1\]\.source: unknown source "ria-novosti-2012-11-30"$/)]);
    const none = await problemsAfter(ARTICLE, replaceOnce('    citations:\n      - quote: "The NCC plans to hold a conference in Rome on Dec. 17-18 in a bid to further unite Syrian opposition groups."\n', '    citations: []\n'));
    expect(none).toEqual([expect.stringMatching(/event "rome-opposition-conference": citations: every event needs at least one citation$/)]);
  });

  it('reports a bad time zone, a bad date and a range that ends before it starts', async () => {
    const zone = await problemsAfter(ARTICLE, replaceOnce('zone: Europe/Rome,', 'zone: Europe/Roma,'));
    expect(zone).toEqual([expect.stringMatching(/event "rome-opposition-conference": time\.zone: unknown time zone "Europe\/Roma"$/)]);
    const date = await problemsAfter(RECORD, replaceOnce('time: { zone: America/New_York, date: 2012-07-19, text: 19 July 2012 }\n    required', 'time: { zone: America/New_York, date: 2012-07-32, text: 19 July 2012 }\n    required'));
    expect(date.some((p) => /event "vote-s-2012-538": time\.date: "2012-07-32" is not a calendar date/.test(p))).toBe(true);
    const range = await problemsAfter(ARTICLE, replaceOnce('through: 2012-12-18', 'through: 2012-12-16'));
    expect(range).toEqual([expect.stringMatching(/event "rome-opposition-conference": time\.through: the span would end/)]);
  });

  it('reports duplicate ids', async () => {
    const events = await problemsAfter(RECORD, replaceOnce('  - id: unsc-6711th-meeting', '  - id: unsc-6627th-meeting'));
    expect(events).toEqual([expect.stringMatching(/event "unsc-6627th-meeting": id: duplicate event id/)].concat(events.slice(1).map(() => expect.any(String))));
    const actors = await problemsAfter('actors.yaml', replaceOnce('  - id: togo\n', '  - id: morocco\n'));
    expect(actors[0]).toMatch(/actors\.yaml: actor "morocco": id: duplicate actor id$/);
  });

  it('reports ballots that do not match the stated tally or the membership on the day', async () => {
    const tally = await problemsAfter(RECORD, replaceOnce('tally: { yes: 13, no: 2, abstain: 0 }', 'tally: { yes: 12, no: 2, abstain: 0 }'));
    expect(tally).toEqual([expect.stringMatching(/event "vote-s-2012-77": tally\.yes: the source states 12, but 13 ballots are listed$/)]);
    const outsider = await problemsAfter(RECORD, replaceOnce('      abstain: [brazil, india, lebanon, south-africa]', '      abstain: [brazil, india, lebanon, south-africa, syria]'));
    expect(outsider.some((p) => /event "vote-s-2011-612": ballots: "syria" was not a member of "un-security-council" on 2011-10-04$/.test(p))).toBe(true);
    const missing = await problemsAfter(RECORD, replaceOnce('      abstain: [pakistan, south-africa]', '      abstain: [pakistan]'));
    expect(missing.some((p) => /event "vote-s-2012-538": ballots: no ballot for "south-africa"/.test(p))).toBe(true);
  });

  it('reports a stored text that was edited, and a missing text file', async () => {
    const edited = await problemsAfter('sources/ria-novosti-2012-11-29.txt', replaceOnce('Dec. 17-18', 'Dec. 18-19'), ARTICLE);
    expect(edited.some((p) => /source "ria-novosti-2012-11-29": source\.sha256: the text file's SHA-256 is [0-9a-f]{64}/.test(p))).toBe(true);
    expect(edited.some((p) => /quote not found.*Dec\. 17-18/.test(p))).toBe(true);

    const dir = await mkdtemp(join(tmpdir(), 'entente-data-'));
    copies.push(dir);
    await cp(DATA_DIR, dir, { recursive: true });
    await rm(join(dir, 'sources/unsc-syria-vetoes-2011-2012.txt'));
    await expect(loadDataset(dir)).rejects.toThrow(/unsc-syria-vetoes-2011-2012\.txt: source "unsc-syria-vetoes-2011-2012": missing/);
  });

  it('reports files it would otherwise ignore: a .yml, and a text without metadata', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'entente-data-'));
    copies.push(dir);
    await cp(DATA_DIR, dir, { recursive: true });
    await writeFile(join(dir, 'sources/tass-2012-11-30.yml'), 'source: {}\n');
    await writeFile(join(dir, 'sources/tass-2012-11-30.txt'), 'Text.');
    const error = (await loadDataset(dir).catch((e: unknown) => e)) as DataError;
    expect(error).toBeInstanceOf(DataError);
    expect(error.problems.map((p) => `${p.file}: ${p.message}`).sort()).toEqual([
      expect.stringMatching(/tass-2012-11-30\.txt: a source text needs its metadata beside it: tass-2012-11-30\.yaml$/),
      expect.stringMatching(/tass-2012-11-30\.yml: unexpected file/),
    ]);
  });

  it('reads a source written as JSON exactly as its YAML, and reports bad JSON and a source written twice', async () => {
    const { parse } = await import('yaml');
    const dir = await mkdtemp(join(tmpdir(), 'entente-data-'));
    copies.push(dir);
    await cp(DATA_DIR, dir, { recursive: true });
    const yamlFile = join(dir, RECORD);
    const jsonFile = yamlFile.replace(/\.yaml$/, '.json');
    await writeFile(jsonFile, JSON.stringify(parse(await readFile(yamlFile, 'utf8'))));
    await rm(yamlFile);
    const { version: jsonVersion, ...fromJson } = await loadDataset(dir);
    const { version: yamlVersion, ...fromYaml } = await loadDataset(DATA_DIR);
    expect(fromJson).toEqual(fromYaml);
    // Other files, another data version (the response cache and ETags are keyed by it).
    expect(jsonVersion).toMatch(/^[0-9a-f]{64}$/);
    expect(jsonVersion).not.toBe(yamlVersion);

    await writeFile(yamlFile, await readFile(join(DATA_DIR, RECORD), 'utf8'));
    const twice = (await loadDataset(dir).catch((e: unknown) => e)) as DataError;
    expect(twice.problems.map((p) => p.message)).toContain('source "unsc-syria-vetoes-2011-2012" has both a .yaml and a .json file: keep one');
    await rm(yamlFile);
    await writeFile(jsonFile, '{"source": {');
    const bad = (await loadDataset(dir).catch((e: unknown) => e)) as DataError;
    expect(bad.problems).toEqual([expect.objectContaining({ file: relative(process.cwd(), jsonFile), message: expect.stringMatching(/^invalid JSON: /) })]);
  });

  it('reports every problem at once, not just the first', async () => {
    const problems = await problemsAfter(ARTICLE, (text) => text.replace('speaker: mikhail-bogdanov', 'speaker: nobody').replace('zone: Europe/Rome,', 'zone: Nowhere/City,'));
    expect(problems).toHaveLength(2);
  });
});
