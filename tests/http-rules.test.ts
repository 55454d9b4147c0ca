// The small rules of HTTP the server applies: conditional requests, content encodings, and how
// deeply request values may nest.
import { describe, expect, it } from 'vitest';
import { ifNoneMatchMatches } from '../src/support/conditional.js';
import { exactJson, MAX_VARIABLE_DEPTH, nestedTooDeep } from '../src/support/json-values.js';
import { chooseEncoding } from '../src/http/routes/static-files.js';

describe('If-None-Match', () => {
  it('compares weakly, in lists, and matches * for GET and HEAD (RFC 9110, 13.1.2)', () => {
    const etag = '"abc.json"';
    for (const method of ['GET', 'POST']) {
      for (const header of ['"abc.json"', 'W/"abc.json"', '"x", "abc.json"', '"x",W/"abc.json"'])
        expect(ifNoneMatchMatches(header, etag, method), header).toBe(true);
      for (const header of [null, undefined, '', '"abc"', '"abc.json-gzip"', 'abc.json', '"x", "y"'])
        expect(ifNoneMatchMatches(header, etag, method), String(header)).toBe(false);
    }
    for (const header of [' * ', '*']) {
      expect(ifNoneMatchMatches(header, etag, 'GET')).toBe(true);
      expect(ifNoneMatchMatches(header, etag, 'HEAD')).toBe(true);
      // A POST's query has no representation until it is answered: "any you have" is none.
      expect(ifNoneMatchMatches(header, etag, 'POST')).toBe(false);
    }
    expect(ifNoneMatchMatches('"abc.json"', 'W/"abc.json"', 'GET')).toBe(true);
  });
});

describe('Accept-Encoding', () => {
  it('prefers brotli, then gzip, and honours q=0', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(chooseEncoding('GZIP')).toBe('gzip');
    expect(chooseEncoding('br;q=0.5')).toBe('br');
    expect(chooseEncoding('deflate')).toBeUndefined();
    expect(chooseEncoding('identity')).toBeUndefined();
    expect(chooseEncoding(null)).toBeUndefined();
    expect(chooseEncoding('gzip;q=0, br;q=0')).toBeUndefined();
  });
});

describe('request values', () => {
  const nested = (depth: number) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

  it('counts nesting of objects and arrays, and walks ten thousand levels without recursion', () => {
    expect(nestedTooDeep(nested(MAX_VARIABLE_DEPTH))).toBe(false);
    expect(nestedTooDeep(nested(MAX_VARIABLE_DEPTH + 1))).toBe(true);
    expect(nestedTooDeep({ filter: { actors: ['x'] } })).toBe(false);
    expect(nestedTooDeep({ a: nested(MAX_VARIABLE_DEPTH - 1) })).toBe(false);
    expect(nestedTooDeep({ a: nested(MAX_VARIABLE_DEPTH) })).toBe(true);
    for (const plain of ['a string', 12, null, undefined]) expect(nestedTooDeep(plain)).toBe(false);
    expect(nestedTooDeep(nested(10_000))).toBe(true);
    // Wide is not deep.
    expect(nestedTooDeep({ a: Array.from({ length: 100_000 }, (_, i) => ({ i })) })).toBe(false);
  });

  it('gives JSON only for values it holds exactly', () => {
    expect(exactJson({ n: 1, s: 'x', l: [true, null] })).toBe('{"n":1,"s":"x","l":[true,null]}');
    expect(exactJson(JSON.parse('{"n": 1e400}'))).toBeUndefined();
    expect(exactJson({ deep: [[[{ n: -Infinity }]]] })).toBeUndefined();
    expect(exactJson(nested(MAX_VARIABLE_DEPTH + 1))).toBeUndefined();
    expect(exactJson(null)).toBe('null');
    expect(exactJson(Infinity)).toBeUndefined();
  });
});
