// Each kind of broken data file stops the load with a message naming the file, entity and field.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../src/data/load-dataset.js';
import { DataError } from '../src/validation/problems.js';
import { DATA_DIR, VOTES_DATA_DIR } from './helpers.js';

const ARTICLE = 'sources/ria-novosti-2012-11-29.yaml';
const RECORD = 'sources/unsc-syria-vetoes-2011-2012.yaml';
const VOTES = 'sources/fixture-votes.yaml';
const copies: string[] = [];

afterAll(async () => {
  await Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Copies a data set (the tests' seed by default), applies one edit, and returns the problems the loader reports. */
async function problemsAfter(file: string, edit: (text: string) => string, namedFile = file, base = DATA_DIR): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'entente-data-'));
  copies.push(dir);
  await cp(base, dir, { recursive: true });
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

/** The same over the votes fixture (tests/fixtures/votes). */
function voteProblemsAfter(file: string, edit: (text: string) => string): Promise<string[]> {
  return problemsAfter(file, edit, file, VOTES_DATA_DIR);
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

  it('reports a misspelt key, naming the keys it expected', async () => {
    const problems = await problemsAfter(ARTICLE, replaceOnce('    status: PLANNED\n', '    status: PLANNED\n    statsu: PLANNED\n'));
    expect(problems).toEqual([
      expect.stringMatching(
        /ria-novosti-2012-11-29\.yaml: event "rome-opposition-conference": unknown key "statsu" \(expected one of id, title, note, time, citations, kind, status, location, participants\)$/,
      ),
    ]);
  });

  it('checks the rest of an entity with a misspelt key: every problem of the entity is reported', async () => {
    const problems = await voteProblemsAfter(
      VOTES,
      replaceOnce('    motion: Draft C/1\n    time: { zone: UTC,', '    moton: Draft C/1\n    motion: Draft C/1\n    time: { zone: Mars/Olympus,'),
    );
    expect(problems.map((p) => p.replace(/^.*fixture-votes\.yaml: /, ''))).toEqual([
      expect.stringMatching(/^event "vote-c-1": unknown key "moton" \(expected one of id, title, note, time, citations, kind, body, motion, /),
      'event "vote-c-1": time.zone: unknown time zone "Mars/Olympus"',
    ]);
    const actor = await voteProblemsAfter(
      'actors.yaml',
      replaceOnce('  - id: north\n    name: North\n', '  - id: north\n    name: North\n    nmae: North\n    aliases: [""]\n'),
    );
    expect(actor.map((p) => p.replace(/^.*actors\.yaml: /, ''))).toEqual([
      'actor "north": aliases[0]: must not be empty',
      expect.stringMatching(/^actor "north": unknown key "nmae" \(expected one of id, name,/),
    ]);
  });

  it("checks a source's events when its source block is wrong", async () => {
    const problems = await voteProblemsAfter(VOTES, (text) =>
      replaceOnce('  kind: OFFICIAL_RECORD\n', '  kind: RECORD\n')(text).replace('no: [north]', 'no: [nobody]'),
    );
    expect(problems.map((p) => p.replace(/^.*fixture-votes\.yaml: /, ''))).toEqual([
      'source "fixture-votes": source.kind: must be one of ARTICLE, OFFICIAL_RECORD (found "RECORD")',
      'event "vote-c-1": ballots.no[0]: unknown actor "nobody"',
    ]);
  });

  it('reports a missing field and a value outside its enum, in one message style', async () => {
    const missing = await problemsAfter('actors.yaml', replaceOnce('    name: Haytham Manna\n', ''));
    expect(missing).toEqual([expect.stringMatching(/actors\.yaml: actor "haytham-manna": name: is required$/)]);
    const badKind = await problemsAfter(
      'actors.yaml',
      replaceOnce('  - id: togo\n    name: Togo\n    kind: STATE', '  - id: togo\n    name: Togo\n    kind: COUNTRY'),
    );
    expect(badKind).toEqual([
      expect.stringMatching(
        /actors\.yaml: actor "togo": kind: must be one of PERSON, STATE, GOVERNMENT_BODY, ORGANIZATION, INTERNATIONAL_ORGANIZATION, MEDIA \(found "COUNTRY"\)$/,
      ),
    ]);
    const badStatus = await problemsAfter(ARTICLE, replaceOnce('    status: PLANNED\n', '    status: PLANED\n'));
    expect(badStatus).toEqual([
      expect.stringMatching(/event "rome-opposition-conference": status: must be one of HELD, PLANNED, PROPOSED, CANCELLED \(found "PLANED"\)$/),
    ]);
    const badCount = await voteProblemsAfter(VOTES, replaceOnce('tally: { yes: 2, no: 2, abstain: 1 }', 'tally: { yes: two, no: 2, abstain: 1 }'));
    expect(badCount).toEqual([expect.stringMatching(/event "vote-c-3": tally\.yes: must be a number \(found "two"\)$/)]);
    const badEventKind = await problemsAfter(
      ARTICLE,
      replaceOnce('  - id: bogdanov-welcomes-rome-meeting\n    kind: STATEMENT\n', '  - id: bogdanov-welcomes-rome-meeting\n    kind: REMARK\n'),
    );
    expect(badEventKind).toEqual([
      expect.stringMatching(/event "bogdanov-welcomes-rome-meeting": kind: must be one of MEETING, STATEMENT, VOTE \(found "REMARK"\)$/),
    ]);
  });

  it('reports references to unknown actors and meetings', async () => {
    const actor = await problemsAfter(ARTICLE, replaceOnce('speaker: mikhail-bogdanov', 'speaker: mikhail-bogdanoff'));
    expect(actor).toEqual([
      'data-copy: event "bogdanov-welcomes-rome-meeting": speaker: unknown actor "mikhail-bogdanoff"'.replace('data-copy', actor[0]!.split(':')[0]!),
    ]);
    const meeting = await problemsAfter(ARTICLE, replaceOnce('    meeting: ncc-talks-with-lavrov-and-bogdanov\n', '    meeting: ncc-talks-in-paris\n'));
    expect(meeting).toEqual([expect.stringMatching(/event "lavrov-calls-for-negotiations": meeting: unknown meeting "ncc-talks-in-paris"$/)]);
    const member = await problemsAfter('actors.yaml', replaceOnce('{ actor: ncc, role: member }', '{ actor: ncd, role: member }'));
    expect(member).toEqual([expect.stringMatching(/actors\.yaml: actor "haytham-manna": memberOf\[0\]\.actor: unknown actor "ncd"$/)]);
  });

  it('reports a quote that is not in the source, naming the quote', async () => {
    const problems = await problemsAfter(ARTICLE, replaceOnce('quote: "Calls to the Foreign Ministry', 'quote: "Phone calls to the Foreign Ministry'));
    expect(problems).toEqual([
      expect.stringMatching(
        /event "foreign-ministry-calls-unanswered": citations\[0\]\.quote: quote not found in source "ria-novosti-2012-11-29": "Phone calls to the Foreign Ministry/,
      ),
    ]);
  });

  it('reports a quote that appears more than once', async () => {
    const problems = await problemsAfter(
      ARTICLE,
      replaceOnce('      - quote: "Lavrov reiterated after his talks with the NCC on Thursday"\n', '      - quote: "on Thursday"\n'),
    );
    expect(problems).toEqual([
      expect.stringMatching(/event "ncc-talks-with-lavrov-and-bogdanov": citations\[1\]\.quote: quote appears more than once .*"on Thursday"/),
    ]);
  });

  it('reports a citation of an unknown source, and an event with no citation', async () => {
    const source = await problemsAfter(
      RECORD,
      replaceOnce(
        '      - source: ria-novosti-2012-11-29\n        quote: vetoing three resolutions in the UN Security Council that called for tougher measures against Assad\n\n  - id: vote-s-2012-77',
        '      - source: ria-novosti-2012-11-30\n        quote: vetoing\n\n  - id: vote-s-2012-77',
      ),
    );
    expect(source).toEqual([expect.stringMatching(/event "vote-s-2011-612": citations\[1\]\.source: unknown source "ria-novosti-2012-11-30"$/)]);
    const none = await problemsAfter(
      ARTICLE,
      replaceOnce(
        '    citations:\n      - quote: "The NCC plans to hold a conference in Rome on Dec. 17-18 in a bid to further unite Syrian opposition groups."\n',
        '    citations: []\n',
      ),
    );
    expect(none).toEqual([expect.stringMatching(/event "rome-opposition-conference": citations: every event needs at least one citation$/)]);
  });

  it('reports a bad time zone, a bad date and a range that ends before it starts', async () => {
    const zone = await problemsAfter(ARTICLE, replaceOnce('zone: Europe/Rome,', 'zone: Europe/Roma,'));
    expect(zone).toEqual([expect.stringMatching(/event "rome-opposition-conference": time\.zone: unknown time zone "Europe\/Roma"$/)]);
    const date = await problemsAfter(
      RECORD,
      replaceOnce(
        'time: { zone: America/New_York, date: 2012-07-19, text: 19 July 2012 }\n    tally',
        'time: { zone: America/New_York, date: 2012-07-32, text: 19 July 2012 }\n    tally',
      ),
    );
    expect(date.some((p) => /event "vote-s-2012-538": time\.date: must be a calendar date YYYY-MM-DD \(found "2012-07-32"\)$/.test(p))).toBe(true);
    const range = await problemsAfter(ARTICLE, replaceOnce('through: 2012-12-18', 'through: 2012-12-16'));
    expect(range).toEqual([expect.stringMatching(/event "rome-opposition-conference": time\.through: the span would end/)]);
  });

  it('reports duplicate ids', async () => {
    const events = await problemsAfter(RECORD, replaceOnce('  - id: unsc-6711th-meeting', '  - id: unsc-6627th-meeting'));
    expect(events).toEqual(
      [expect.stringMatching(/event "unsc-6627th-meeting": id: duplicate event id/)].concat(events.slice(1).map(() => expect.any(String))),
    );
    // The other entry is named by its position, in this file or another.
    expect(events[0]).toMatch(/unsc-syria-vetoes-2011-2012\.yaml: event "unsc-6627th-meeting": id: duplicate event id \(also events\[\d+\] of this file\)$/);
    const across = await problemsAfter(RECORD, replaceOnce('  - id: unsc-6711th-meeting', '  - id: ncc-news-conference'));
    expect(across[0]).toMatch(
      /unsc-syria-vetoes-2011-2012\.yaml: event "ncc-news-conference": id: duplicate event id \(also events\[\d+\] of .*ria-novosti-2012-11-29\.yaml\)$/,
    );
    const actors = await problemsAfter('actors.yaml', replaceOnce('  - id: togo\n', '  - id: morocco\n'));
    expect(actors[0]).toMatch(/actors\.yaml: actor "morocco": id: duplicate actor id$/);
  });

  it('reports ballots that do not match the stated tally or the membership on the day', async () => {
    const tally = await problemsAfter(RECORD, replaceOnce('tally: { yes: 13, no: 2, abstain: 0 }', 'tally: { yes: 12, no: 2, abstain: 0 }'));
    expect(tally).toEqual([expect.stringMatching(/event "vote-s-2012-77": tally\.yes: is 12, but 13 ballots are listed under ballots\.yes$/)]);
    const outsider = await problemsAfter(
      RECORD,
      replaceOnce('      abstain: [brazil, india, lebanon, south-africa]', '      abstain: [brazil, india, lebanon, south-africa, syria]'),
    );
    expect(
      outsider.some((p) => /event "vote-s-2011-612": ballots\.abstain\[4\]: "syria" was not a member of "un-security-council" on 2011-10-04$/.test(p)),
    ).toBe(true);
  });

  it('reports listed ballots that exceed the tally', async () => {
    const problems = await voteProblemsAfter(VOTES, replaceOnce('      no: [south]\n', '      no: [south, north]\n'));
    expect(problems).toEqual([expect.stringMatching(/fixture-votes\.yaml: event "vote-c-4": tally\.no: is 1, but 2 ballots are listed under ballots\.no$/)]);
  });

  it("reports a non-member's ballot: not a member on the day, or not a state where the members are states", async () => {
    const council = await voteProblemsAfter(VOTES, replaceOnce('yes: [south, east, west, centre]', 'yes: [south, east, west, island]'));
    expect(council).toEqual([expect.stringMatching(/event "vote-c-1": ballots\.yes\[3\]: "island" was not a member of "fixture-council" on 2021-03-01$/)]);
    const assembly = await voteProblemsAfter(VOTES, replaceOnce('no: [north, west]', 'no: [north, fixture-envoy]'));
    expect(assembly).toEqual([
      expect.stringMatching(
        /event "vote-a-1": ballots\.no\[1\]: "fixture-envoy" is a PERSON, but the members of "fixture-assembly" are states \(voting\.members: STATES\)$/,
      ),
    ]);
    // "an" before a vowel.
    const office = await voteProblemsAfter(VOTES, replaceOnce('no: [north, west]', 'no: [north, fixture-record-office]'));
    expect(office).toEqual([
      expect.stringMatching(/event "vote-a-1": ballots\.no\[1\]: "fixture-record-office" is an ORGANIZATION, but the members of "fixture-assembly" are states/),
    ]);
  });

  it('reports complete ballots that disagree with the tally', async () => {
    const problems = await voteProblemsAfter(VOTES, replaceOnce('tally: { yes: 3, no: 0, abstain: 2 }', 'tally: { yes: 3, no: 1, abstain: 2 }'));
    expect(problems.map((p) => p.replace(/^.*fixture-votes\.yaml: /, ''))).toEqual([
      'event "vote-c-2": tally: counts 6 members, but "fixture-council" had 5 on 2021-03-02',
      `event "vote-c-2": tally.no: is 1, but every member's ballot is listed, and 0 of them under ballots.no`,
    ]);
  });

  it('reports a vote whose outcome would hang on unlisted No votes of permanent members', async () => {
    const problems = await voteProblemsAfter(VOTES, replaceOnce('    ballots:\n      no: [south]\n', ''));
    expect(problems).toEqual([
      expect.stringMatching(
        /event "vote-c-4": ballots\.no: the outcome depends on who voted against: 1 of the 1 votes against are not listed, and "north", "south" \(permanent members, whose No is a veto\) have no listed ballot$/,
      ),
    ]);
  });

  it('reports an unknown rule, a FIXED rule without its number, and a number without a rule', async () => {
    const vote = await voteProblemsAfter(
      VOTES,
      replaceOnce('    rule: TWO_THIRDS\n    time: { zone: UTC, date: 2021-04-02', '    rule: THREE_QUARTERS\n    time: { zone: UTC, date: 2021-04-02'),
    );
    expect(vote).toEqual([expect.stringMatching(/event "vote-a-2": rule: must be one of FIXED, SIMPLE_MAJORITY, TWO_THIRDS \(found "THREE_QUARTERS"\)$/)]);
    const body = await voteProblemsAfter('actors.yaml', replaceOnce('voting: { rule: FIXED, required: 3 }', 'voting: { rule: FIXED }'));
    expect(body[0]).toMatch(/actors\.yaml: actor "fixture-council": voting\.required: is required with rule FIXED/);
    // Without a rule, the votes of the council cannot be decided: each says so.
    expect(body.slice(1)).toEqual(Array.from({ length: 4 }, () => expect.stringMatching(/event "vote-c-\d": body: "fixture-council" has no voting rule/)));
    const simple = await voteProblemsAfter(
      'actors.yaml',
      replaceOnce('voting: { rule: SIMPLE_MAJORITY, members: STATES }', 'voting: { rule: SIMPLE_MAJORITY, required: 3, members: STATES }'),
    );
    expect(simple[0]).toMatch(/actor "fixture-assembly": voting\.required: only goes with rule FIXED \(found rule SIMPLE_MAJORITY\)$/);
    // The former format: a number on each vote, with no rule of its own.
    const legacy = await voteProblemsAfter(VOTES, replaceOnce('    motion: Draft C/2\n', '    motion: Draft C/2\n    required: 3\n'));
    expect(legacy).toEqual([expect.stringMatching(/event "vote-c-2": required: only goes with "rule: FIXED" on the vote itself/)]);
  });

  it('reports time words that none of the cited passages says', async () => {
    const problems = await voteProblemsAfter(VOTES, replaceOnce('text: 2 March 2021 }', 'text: early March }'));
    expect(problems).toEqual([
      expect.stringMatching(
        /event "vote-c-2": time\.text: must occur in one of the event's cited passages, as the source's own words \(found "early March"\)$/,
      ),
    ]);
  });

  it('reports a stored text that was edited, and a missing text file', async () => {
    const edited = await problemsAfter('sources/ria-novosti-2012-11-29.txt', replaceOnce('Dec. 17-18', 'Dec. 18-19'), ARTICLE);
    expect(
      edited.some((p) =>
        /source "ria-novosti-2012-11-29": source\.sha256: set source\.sha256 to [0-9a-f]{64} if ria-novosti-2012-11-29\.txt is meant to read as it does/.test(
          p,
        ),
      ),
    ).toBe(true);
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

  it('checks the rest of an entity with a bad value: its references, quotes and time are still checked', async () => {
    const problems = await problemsAfter(ARTICLE, (text) =>
      [
        replaceOnce('    form: DIRECT_QUOTE\n    content: "To stop all the attacks', '    form: QUOTE\n    content: "To stop all the attacks'),
        replaceOnce('about: [russian-foreign-ministry, russia, syrian-government]', 'about: [russian-foreign-ministry, russia, syrian-goverment]'),
        replaceOnce(
          '    meeting: ncc-news-conference\n    time: { zone: Europe/Moscow, date: 2012-11-29, text: Thursday }\n    note: >-\n      Manna hedges',
          '    meeting: ncc-press-conference\n    time: { zone: America/NewYork, date: 2012-11-31, text: Thursday }\n    note: >-\n      Manna hedges',
        ),
      ].reduce((edited, edit) => edit(edited), text),
    );
    expect(problems.map((p) => p.replace(/^.*ria-novosti-2012-11-29\.yaml: /, ''))).toEqual([
      'event "manna-very-strong-message": form: must be one of DIRECT_QUOTE, PARAPHRASE, NO_COMMENT (found "QUOTE")',
      'event "manna-very-strong-message": time.zone: unknown time zone "America/NewYork"',
      'event "manna-very-strong-message": time.date: must be a calendar date YYYY-MM-DD (found "2012-11-31")',
      'event "manna-very-strong-message": about[2]: unknown actor "syrian-goverment"',
      'event "manna-very-strong-message": meeting: unknown meeting "ncc-press-conference"',
    ]);
    // One bad item of a list: the list's other items are still checked, and nothing is reported twice.
    const items = await problemsAfter(ARTICLE, (text) =>
      replaceOnce('about: [russian-foreign-ministry, russia, syrian-government]', 'about: [Russian Foreign Ministry, russia, syrian-goverment]')(text),
    );
    expect(items.map((p) => p.replace(/^.*ria-novosti-2012-11-29\.yaml: /, ''))).toEqual([
      'event "manna-very-strong-message": about[0]: must be a lowercase slug such as sergei-lavrov',
      'event "manna-very-strong-message": about[2]: unknown actor "syrian-goverment"',
    ]);
  });

  it('reports a mistyped event kind alone: the events that refer to it are not reported for it, and its own quotes are checked', async () => {
    const kind = await problemsAfter(
      ARTICLE,
      replaceOnce('  - id: ncc-news-conference\n    kind: MEETING\n', '  - id: ncc-news-conference\n    kind: MEETNG\n'),
    );
    expect(kind).toEqual([expect.stringMatching(/event "ncc-news-conference": kind: must be one of MEETING, STATEMENT, VOTE \(found "MEETNG"\)$/)]);
    // What every kind of event has is still checked: its title, time and quotes.
    const both = await problemsAfter(ARTICLE, (text) =>
      replaceOnce(
        '    title: News conference at which Haytham Manna spoke on the sidelines\n',
        '    title: ""\n',
      )(replaceOnce('  - id: ncc-news-conference\n    kind: MEETING\n', '  - id: ncc-news-conference\n    kind: MEETNG\n')(text)).replace(
        'speaking on the sidelines of a news conference."',
        'speaking at a news conference."',
      ),
    );
    expect(both.map((p) => p.replace(/^.*ria-novosti-2012-11-29\.yaml: /, ''))).toEqual([
      'event "ncc-news-conference": kind: must be one of MEETING, STATEMENT, VOTE (found "MEETNG")',
      'event "ncc-news-conference": title: must not be empty',
      expect.stringMatching(/^event "ncc-news-conference": citations\[0\]\.quote: quote not found in source "ria-novosti-2012-11-29": "said Haytham Manna/),
    ]);
  });

  it('reports membership dates that do not exist', async () => {
    const problems = await voteProblemsAfter('actors.yaml', (text) =>
      replaceOnce(
        '      - { actor: fixture-council, seat: ELECTED, from: 2021-01-01, until: 2023-01-01 }',
        '      - { actor: fixture-council, seat: ELECTED, from: 2021-01-01, until: 2012-02-30 }',
      )(
        replaceOnce(
          '  - id: east\n    name: East\n    kind: STATE\n    memberOf:\n      - { actor: fixture-council, seat: ELECTED, from: 2020-01-01,',
          '  - id: east\n    name: East\n    kind: STATE\n    memberOf:\n      - { actor: fixture-council, seat: ELECTED, from: 2012-13-01,',
        )(text),
      ),
    );
    expect(problems.map((p) => p.replace(/^.*actors\.yaml: /, ''))).toEqual([
      'actor "east": memberOf[0].from: must be a calendar date YYYY-MM-DD (found "2012-13-01")',
      'actor "centre": memberOf[0].until: must be a calendar date YYYY-MM-DD (found "2012-02-30")',
    ]);
    // The actor's other memberships are still checked.
    const other = await voteProblemsAfter(
      'actors.yaml',
      replaceOnce('      - { actor: north, role: envoy }\n', '      - { actor: north, role: envoy, from: 2021-02-29 }\n      - { actor: nowhere }\n'),
    );
    expect(other.map((p) => p.replace(/^.*actors\.yaml: /, ''))).toEqual([
      'actor "fixture-envoy": memberOf[0].from: must be a calendar date YYYY-MM-DD (found "2021-02-29")',
      'actor "fixture-envoy": memberOf[1].actor: unknown actor "nowhere"',
    ]);
  });

  it('reports every problem at once, not just the first', async () => {
    const problems = await problemsAfter(ARTICLE, (text) =>
      text.replace('speaker: mikhail-bogdanov', 'speaker: nobody').replace('zone: Europe/Rome,', 'zone: Nowhere/City,'),
    );
    expect(problems).toHaveLength(2);
  });
});
