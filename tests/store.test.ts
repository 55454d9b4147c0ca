// Unit tests of the subtle parts of the store: keyset paging, the interval index, stable cursors.
import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../src/domain/model.js';
import { eventsSpan } from '../src/domain/calendar-buckets.js';
import { eventSortKey } from '../src/domain/event-order.js';
import { IntervalIndex } from '../src/store/memory/interval-index.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { paginate } from '../src/store/memory/paginate.js';
import { entente } from './helpers.js';

const compareNumber = (item: number, key: number) => item - key;

describe('paginate', () => {
  const items = [10, 20, 30, 40, 50];

  it('cuts pages with first/after and last/before, reporting what lies beyond', () => {
    expect(paginate(items, compareNumber, { first: 2 })).toEqual({ items: [10, 20], totalCount: 5, hasPreviousPage: false, hasNextPage: true });
    expect(paginate(items, compareNumber, { first: 2, after: 20 })).toEqual({ items: [30, 40], totalCount: 5, hasPreviousPage: true, hasNextPage: true });
    expect(paginate(items, compareNumber, { last: 2 })).toEqual({ items: [40, 50], totalCount: 5, hasPreviousPage: true, hasNextPage: false });
    expect(paginate(items, compareNumber, { last: 2, before: 30 })).toEqual({ items: [10, 20], totalCount: 5, hasPreviousPage: false, hasNextPage: true });
    expect(paginate(items, compareNumber, { first: 10, after: 10, before: 50 }).items).toEqual([20, 30, 40]);
  });

  it('treats cursors as keys: a key between items, or of an item since removed, still pages correctly', () => {
    expect(paginate(items, compareNumber, { first: 2, after: 25 }).items).toEqual([30, 40]);
    expect(paginate(items, compareNumber, { last: 2, before: 45 }).items).toEqual([30, 40]);
    expect(paginate(items, compareNumber, { first: 2, after: 99 })).toEqual({ items: [], totalCount: 5, hasPreviousPage: true, hasNextPage: false });
    expect(paginate(items, compareNumber, { first: 2, after: 40, before: 20 }).items).toEqual([]);
  });
});

describe('IntervalIndex', () => {
  it('finds exactly the intervals overlapping a window, long ones included (checked against a scan)', () => {
    // A fixed-seed generator: reproducible, with durations from a millisecond to years.
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const intervals = Array.from({ length: 2000 }, (_, i) => {
      const startMs = Math.floor(random() * 1e9);
      const duration = 1 + Math.floor(random() ** 6 * 5e8);
      return { id: i, time: { startMs, endMs: startMs + duration } };
    });
    const index = new IntervalIndex(intervals);
    for (let q = 0; q < 300; q++) {
      const from = Math.floor(random() * 1.1e9) - 5e7;
      const to = from + 1 + Math.floor(random() ** 3 * 3e8);
      const expected = intervals
        .filter((x) => x.time.startMs < to && x.time.endMs > from)
        .map((x) => x.id)
        .sort((a, b) => a - b);
      expect(
        index
          .overlapping(from, to)
          .map((x) => x.id)
          .sort((a, b) => a - b),
      ).toEqual(expected);
    }
  });

  it('indexes a million intervals of one duration (no spread of a million arguments)', () => {
    const day = 86_400_000;
    const intervals = Array.from({ length: 1_000_000 }, (_, i) => ({ time: { startMs: i * 60_000, endMs: i * 60_000 + day } }));
    const index = new IntervalIndex(intervals);
    // A day-long window overlaps the 1,440 intervals that start in it and the 1,440 that started the day before.
    expect(index.overlapping(10 * day, 11 * day)).toHaveLength(2 * 1440 - 1);
    expect(eventsSpan(intervals as unknown as TimelineEvent[])).toEqual({ from: 0, to: 999_999 * 60_000 + day });
  });

  it('treats the window as half-open: touching is not overlapping', () => {
    const index = new IntervalIndex([{ time: { startMs: 10, endMs: 20 } }]);
    expect(index.overlapping(20, 30)).toHaveLength(0);
    expect(index.overlapping(0, 10)).toHaveLength(0);
    expect(index.overlapping(19, 30)).toHaveLength(1);
  });
});

describe('MemoryStore.timelines', () => {
  it('returns exactly the matching events in order, for random windows, actors and kinds (checked against a scan)', async () => {
    const { dataset } = await entente();
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
    const actorIds = dataset.actors.map((a) => a.id).slice(0, 8);
    const templates = Object.fromEntries(dataset.events.map((e) => [e.kind, e]));
    const events: TimelineEvent[] = Array.from({ length: 1500 }, (_, i) => {
      const startMs = Math.floor(random() * 1e10);
      const endMs = startMs + 1 + Math.floor(random() ** 5 * 3e9);
      const kind = pick(['MEETING', 'STATEMENT', 'VOTE'] as const);
      const template = templates[kind]!;
      return { ...template, id: `e${i}`, actorIds: [...new Set([pick(actorIds), pick(actorIds)])], time: { ...template.time, startMs, endMs } };
    });
    const store = new MemoryStore({ ...dataset, events });
    const inOrder = [...events].sort((a, b) => a.time.startMs - b.time.startMs || a.time.endMs - b.time.endMs || (a.id < b.id ? -1 : 1));
    for (let q = 0; q < 200; q++) {
      const from = random() < 0.8 ? Math.floor(random() * 1.1e10) - 5e8 : undefined;
      const to = random() < 0.8 ? (from ?? 0) + 1 + Math.floor(random() ** 2 * 2e9) : undefined;
      const actors = random() < 0.6 ? [pick(actorIds), ...(random() < 0.3 ? [pick(actorIds)] : [])] : undefined;
      const kinds = random() < 0.3 ? [pick(['MEETING', 'STATEMENT', 'VOTE'] as const)] : undefined;
      const expected = inOrder.filter(
        (e) =>
          (from === undefined || e.time.endMs > from) &&
          (to === undefined || e.time.startMs < to) &&
          (actors ?? []).every((a) => e.actorIds.includes(a)) &&
          (kinds === undefined || kinds.includes(e.kind)),
      );
      const [page] = await store.timelines([{ from, to, actorIds: actors, kinds, page: { first: 100 } }]);
      expect(page!.totalCount).toBe(expected.length);
      expect(page!.items.map((e) => e.id)).toEqual(expected.slice(0, 100).map((e) => e.id));
    }
  });
});

describe('timeline cursors', () => {
  it('stay valid and mean the same place when events are added before and after them', async () => {
    const { dataset } = await entente();
    const before = new MemoryStore(dataset);
    const [firstPage] = await before.timelines([{ page: { first: 5 } }]);
    const cursor = eventSortKey(firstPage!.items.at(-1)!);
    const [expected] = await before.timelines([{ page: { first: 5, after: cursor } }]);

    const early: TimelineEvent = { ...dataset.events[0]!, id: 'added-early', time: { ...dataset.events[0]!.time, startMs: 0, endMs: 1 } };
    const late: TimelineEvent = { ...dataset.events[0]!, id: 'added-late', time: { ...dataset.events[0]!.time, startMs: 2e12, endMs: 2e12 + 1 } };
    const after = new MemoryStore({ ...dataset, events: [...dataset.events, early, late] });
    const [page] = await after.timelines([{ page: { first: 5, after: cursor } }]);
    expect(page!.items.map((e) => e.id)).toEqual(expected!.items.map((e) => e.id));
    expect(page!.totalCount).toBe(expected!.totalCount + 2);
  });
});
