// The word index behind timeline search: it must match exactly what a scan of each folded text
// with containsAllWords matches, for any texts and search words, by prefix and by stem.
import { describe, expect, it } from 'vitest';
import { containsAllWords, searchableText, searchWords } from '../src/domain/text.js';
import { WordIndex } from '../src/store/memory/word-index.js';
import { seededRandom } from './seeded-random.js';

const VOCABULARY = [
  'Lavrov',
  'LAVRÓV',
  'lav',
  'UN',
  'unanswered',
  'Brunei',
  'veto',
  'vetoing',
  'vetoed',
  'Vetoes',
  'negotiations',
  'negotiating',
  'talks',
  'talked',
  'proposal',
  'S/2012/538',
  'Rome',
  'roma',
  'Zürich',
  'zurich',
  '2012',
  'wire',
  '(wire 17)',
  'é',
  'x',
];

describe('word index', () => {
  it('finds what a scan of every text finds, for random texts and searches', () => {
    const rng = seededRandom(20121129);
    const texts = Array.from({ length: 300 }, () => Array.from({ length: rng.int(12) }, () => rng.pick(VOCABULARY)).join(rng.pick([' ', ', ', '\n', '-'])));
    const index = new WordIndex(texts);
    const prepared = texts.map(searchableText);
    for (let i = 0; i < 500; i++) {
      const search = Array.from({ length: 1 + rng.int(3) }, () => {
        const word = rng.pick(VOCABULARY);
        return word.slice(0, 1 + rng.int(word.length));
      }).join(' ');
      const words = searchWords(search);
      const found = index.matching(words);
      const expected = prepared.map((text) => containsAllWords(text, words));
      expect(
        texts.map((_text, position) => found(position)),
        search,
      ).toEqual(expected);
    }
  });

  it('matches the start of words only, without case or accents', () => {
    const index = new WordIndex(['Sergei Lavrov said', 'the UN', 'Brunei', 'unanswered calls', 'Zürich talks']);
    const hits = (search: string) => {
      const found = index.matching(searchWords(search));
      return [0, 1, 2, 3, 4].filter((position) => found(position));
    };
    expect(hits('lavróv')).toEqual([0]);
    expect(hits('un')).toEqual([1, 3]);
    expect(hits('nei')).toEqual([]);
    expect(hits('zurich TALK')).toEqual([4]);
    expect(hits('')).toEqual([0, 1, 2, 3, 4]);
    expect(hits('un un UN')).toEqual([1, 3]);
    expect(new WordIndex([]).size).toBe(0);
  });

  it('matches the inflections of a word through its stem, prefixes still matching', () => {
    const texts = ['Russia vetoed the draft', 'vetoing three resolutions', 'two vetoes', 'a veto', 'the talks ended', 'they talked', 'Vétoed!'];
    const index = new WordIndex(texts);
    const hits = (search: string) => {
      const found = index.matching(searchWords(search));
      return texts.filter((_text, position) => found(position));
    };
    const allVetoes = ['Russia vetoed the draft', 'vetoing three resolutions', 'two vetoes', 'a veto', 'Vétoed!'];
    expect(hits('vetoed')).toEqual(allVetoes);
    expect(hits('vetoes')).toEqual(allVetoes);
    expect(hits('VETOING')).toEqual(allVetoes);
    expect(hits('vet')).toEqual(allVetoes);
    expect(hits('talk')).toEqual(['the talks ended', 'they talked']);
    expect(hits('talking')).toEqual(['the talks ended', 'they talked']);
    expect(hits('vetoed talks')).toEqual([]);
    expect(hits('ended vetoed')).toEqual([]);
    expect(hits('draft vetoes')).toEqual(['Russia vetoed the draft']);
  });
});
