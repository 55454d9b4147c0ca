// The memo behind global IDs, rendered spans and query costs: computes once per key, and never
// holds more than its bound.
import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../src/support/bounded-memo.js';

describe('bounded memo', () => {
  it('computes a key once until it is full, then starts again', () => {
    const memo = new BoundedMemo<number, string>(3);
    const computed: number[] = [];
    const compute = (key: number) => {
      computed.push(key);
      return `v${key}`;
    };
    for (const key of [1, 2, 1, 3, 2]) expect(memo.get(key, compute)).toBe(`v${key}`);
    expect(computed).toEqual([1, 2, 3]);
    // A fourth key clears the three before it: they are computed again when asked.
    memo.get(4, compute);
    memo.get(4, compute);
    memo.get(1, compute);
    expect(computed).toEqual([1, 2, 3, 4, 1]);
  });
});
