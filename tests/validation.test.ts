// The validation as a pure function: files given as parsed values in memory, no disk, and each
// problem located by file, entity and field. Also where a quote stands in its source's text.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { locateQuote } from '../src/domain/quote-location.js';
import type { DataFiles } from '../src/validation/data-files.js';
import { validateDataFiles } from '../src/validation/validate-dataset.js';

const ACTORS = 'data/actors.yaml';
const REPORT = 'data/sources/geneva-report.yaml';
const TEXT = 'Alice met Bob in Geneva on 2 January 2020. Bob said the talks went well; the talks went on late.';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** One meeting of two actors, cited from the source's text; `edit` changes the parsed values before they are checked. */
function tinyDataset(edit: (files: { actors: Record<string, unknown>[]; event: Record<string, unknown> }) => void = () => {}): DataFiles {
  const actors: Record<string, unknown>[] = [
    { id: 'alice', name: 'Alice', kind: 'PERSON' },
    { id: 'bob', name: 'Bob', kind: 'PERSON' },
  ];
  const event: Record<string, unknown> = {
    id: 'geneva-talks',
    kind: 'MEETING',
    title: 'Alice and Bob meet in Geneva',
    status: 'HELD',
    time: { zone: 'Europe/Zurich', date: '2020-01-02', text: '2 January 2020' },
    location: { name: 'Geneva', country: 'CH' },
    participants: [{ actor: 'alice' }, { actor: 'bob' }],
    citations: [{ quote: 'Alice met Bob in Geneva on 2 January 2020.' }],
  };
  edit({ actors, event });
  return {
    actors: { file: ACTORS, value: { actors } },
    sources: [
      {
        id: 'geneva-report',
        metadata: {
          file: REPORT,
          value: { source: { kind: 'ARTICLE', title: 'Talks in Geneva', creditedTo: ['bob'], sha256: sha256(TEXT) }, events: [event] },
        },
        textFile: 'data/sources/geneva-report.txt',
        text: { content: TEXT, sha256: sha256(TEXT) },
      },
    ],
    version: 'test-version',
  };
}

const at = (field: string, message: string) => ({ file: REPORT, entity: 'event "geneva-talks"', field, message });

describe('validateDataFiles', () => {
  it('builds the dataset of valid files', () => {
    const { dataset, problems } = validateDataFiles(tinyDataset());
    expect(problems).toEqual([]);
    expect(dataset?.version).toBe('test-version');
    expect(dataset?.actors.map((a) => a.id)).toEqual(['alice', 'bob']);
    expect(dataset?.sources).toEqual([expect.objectContaining({ id: 'geneva-report', text: TEXT, creditedToIds: ['bob'], sha256: sha256(TEXT) })]);
    expect(dataset?.events).toEqual([
      expect.objectContaining({
        id: 'geneva-talks',
        kind: 'MEETING',
        actorIds: ['alice', 'bob'],
        location: { name: 'Geneva', country: 'CH', zone: 'Europe/Zurich' },
        citations: [{ sourceId: 'geneva-report', quote: 'Alice met Bob in Geneva on 2 January 2020.', start: 0, end: 42 }],
        time: expect.objectContaining({ zone: 'Europe/Zurich', text: '2 January 2020', startMs: Date.UTC(2020, 0, 1, 23) }),
      }),
    ]);
  });

  it('reports a quote that is not in the text', () => {
    const { dataset, problems } = validateDataFiles(tinyDataset(({ event }) => (event.citations = [{ quote: 'Alice met Carol' }])));
    expect(dataset).toBeUndefined();
    // The time's words are not checked against a citation that is not found: it is reported alone.
    expect(problems).toEqual([at('citations[0].quote', 'quote not found in source "geneva-report": "Alice met Carol"')]);
  });

  it('reports a quote that appears more than once', () => {
    const files = tinyDataset(({ event }) => (event.citations = [{ quote: 'Alice met Bob in Geneva on 2 January 2020.' }, { quote: 'the talks went' }]));
    const { dataset, problems } = validateDataFiles(files);
    expect(dataset).toBeUndefined();
    expect(problems).toEqual([at('citations[1].quote', 'quote appears more than once in source "geneva-report"; quote a longer passage: "the talks went"')]);
  });

  it('reports a reference to an unknown actor', () => {
    const { dataset, problems } = validateDataFiles(tinyDataset(({ event }) => (event.participants = [{ actor: 'alice' }, { actor: 'carol' }])));
    expect(dataset).toBeUndefined();
    expect(problems).toEqual([at('participants[1].actor', 'unknown actor "carol"')]);
  });

  it('reports a field of the wrong type, in an event and in an actor', () => {
    const event = validateDataFiles(tinyDataset(({ event }) => (event.title = 42)));
    expect(event.dataset).toBeUndefined();
    expect(event.problems).toEqual([at('title', 'must be a string (found 42)')]);

    const actor = validateDataFiles(tinyDataset(({ actors }) => (actors[1]!.aliases = 'Bobby')));
    expect(actor.dataset).toBeUndefined();
    expect(actor.problems).toEqual([{ file: ACTORS, entity: 'actor "bob"', field: 'aliases', message: 'must be a list (found "Bobby")' }]);
  });

  it('reports an unreadable file in its place, and does not report its source as unknown where it is cited', () => {
    const files = tinyDataset(
      ({ event }) => (event.citations = [{ quote: 'Alice met Bob in Geneva on 2 January 2020.' }, { source: 'lost-report', quote: 'Bob' }]),
    );
    const lost = { file: 'data/sources/lost-report.yaml', message: 'invalid YAML: bad indentation' };
    const { dataset, problems } = validateDataFiles({
      ...files,
      sources: [{ id: 'lost-report', metadata: { file: lost.file, unreadable: [lost] }, textFile: 'data/sources/lost-report.txt' }, ...files.sources],
    });
    expect(dataset).toBeUndefined();
    expect(problems).toEqual([
      lost,
      {
        file: 'data/sources/lost-report.txt',
        entity: 'source "lost-report"',
        message: 'missing: the text of source "lost-report" must be stored beside lost-report.yaml',
      },
    ]);
  });
});

describe('locateQuote', () => {
  it('gives the offsets of a quote that occurs once', () => {
    const text = 'Alice met Bob. Bob left.';
    expect(locateQuote(text, 'Bob left')).toEqual({ kind: 'found', start: 15, end: 23 });
    expect(text.slice(15, 23)).toBe('Bob left');
  });

  it('refuses a quote the text does not hold exactly: case and spacing count', () => {
    expect(locateQuote('Alice met Bob.', 'Alice met Carol')).toEqual({ kind: 'absent' });
    expect(locateQuote('Alice met Bob.', 'alice met bob')).toEqual({ kind: 'absent' });
    expect(locateQuote('Alice met Bob.', 'Alice  met')).toEqual({ kind: 'absent' });
  });

  it('refuses a quote that occurs more than once, overlapping occurrences too', () => {
    expect(locateQuote('Bob met Bob.', 'Bob')).toEqual({ kind: 'ambiguous' });
    expect(locateQuote('aaa', 'aa')).toEqual({ kind: 'ambiguous' });
  });
});
