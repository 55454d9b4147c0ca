// The small rules of HTTP the server applies: conditional requests, content encodings, and how
// deeply request values may nest.
import { describe, expect, it } from 'vitest';
import { ifNoneMatchMatches } from '../src/server/conditional.js';
import { nestedDeeperThan } from '../src/server/request-params.js';
import { chooseEncoding } from '../src/server/static-files.js';

describe('If-None-Match', () => {
  it('compares weakly, in lists, and matches * (RFC 9110, 13.1.2)', () => {
    const etag = '"abc.json"';
    for (const header of ['"abc.json"', 'W/"abc.json"', '"x", "abc.json"', '"x",W/"abc.json"', ' * ', '*']) expect(ifNoneMatchMatches(header, etag), header).toBe(true);
    for (const header of [null, undefined, '', '"abc"', '"abc.json-gzip"', 'abc.json', '"x", "y"']) expect(ifNoneMatchMatches(header, etag), String(header)).toBe(false);
    expect(ifNoneMatchMatches('"abc.json"', 'W/"abc.json"')).toBe(true);
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

describe('nesting depth', () => {
  it('counts objects and arrays, and walks ten thousand levels without recursion', () => {
    expect(nestedDeeperThan({ filter: { actors: ['x'] } }, 3)).toBe(false);
    expect(nestedDeeperThan({ filter: { actors: [['x']] } }, 3)).toBe(true);
    expect(nestedDeeperThan('a string', 0)).toBe(false);
    expect(nestedDeeperThan(null, 0)).toBe(false);
    expect(nestedDeeperThan(undefined, 0)).toBe(false);
    const deep = JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(nestedDeeperThan(deep, 32)).toBe(true);
    expect(nestedDeeperThan(deep, 10_000)).toBe(false);
    // Wide is not deep.
    expect(nestedDeeperThan({ a: Array.from({ length: 100_000 }, (_, i) => ({ i })) }, 3)).toBe(false);
  });
});
