// The store contract as tests: every backend runs `describeStore` (tests/store-memory.test.ts for
// the memory store), and must give the answers of a plain scan through the domain's own rules
// (the filter predicate, event order, member closure, calendar counts, interaction pairs) on
// generated data. There is no optional part, so no caller ever branches on a backend's abilities.
import { describe, expect, it } from 'vitest';
import { countByBucket } from '../src/domain/calendar-buckets.js';
import { compareEvents, eventSortKey } from '../src/domain/event-order.js';
import { interactions, INTERACTION_KINDS, type InteractionKind } from '../src/domain/interactions.js';
import { followedMembers, memberClosure } from '../src/domain/member-closure.js';
import { EVENT_KINDS, MEETING_STATUSES, type Actor, type Dataset, type TimelineEvent } from '../src/domain/model.js';
import { searchWords } from '../src/domain/text.js';
import { matches, type FilterContext, type TimelineFilter } from '../src/domain/timeline-filter.js';
import { ALL } from '../src/store/paging.js';
import type { Store } from '../src/store/store.js';
import { seededRandom, type SeededRandom } from './seeded-random.js';

export interface StoreUnderTest {
  make: (dataset: Dataset) => Store | Promise<Store>;
}

const MINUTE = 60_000;
const WORDS = ['veto', 'vetoed', 'vetoes', 'talks', 'Moscow', 'Lavróv', 'conference', 'UN', 'unanswered', 'resolution'];

function actor(id: string, ...memberships: Actor['memberships']): Actor {
  return { id, name: `Actor ${id}`, aliases: [`alias ${id}`], kind: 'ORGANIZATION', memberships };
}

/** Actors with chains, a cycle and a council seat (not followed), and events of every kind, some of zero length. */
export function generatedDataset(rng: SeededRandom, size = 400): Dataset {
  const actorIds = Array.from({ length: 14 }, (_, i) => `actor-${String(i).padStart(2, '0')}`);
  const actors = actorIds.map((id, i) =>
    actor(id, ...(i > 0 && i % 3 !== 0 ? [{ of: actorIds[(i * 7) % 14]!, ...(i === 5 && { seat: 'ELECTED' as const }) }] : [])),
  );
  actors[2]!.memberships.push({ of: actorIds[1]! });
  actors[1]!.memberships.push({ of: actorIds[2]! });
  const sourceIds = ['source-a', 'source-b', 'source-c', 'source-d'];
  const sources = sourceIds.map((id) => ({
    id,
    kind: 'ARTICLE' as const,
    title: `Title of ${id}`,
    creditedToIds: [actorIds[0]!],
    references: [],
    text: `The text of ${id}.`,
    sha256: `sha-${id}`,
  }));
  const sentence = () => Array.from({ length: 2 + rng.int(4) }, () => rng.pick(WORDS)).join(' ');
  const events: TimelineEvent[] = Array.from({ length: size }, (_, i) => {
    const startMs = rng.int(2000) * MINUTE;
    const involved = [...new Set(Array.from({ length: 1 + rng.int(4) }, () => rng.pick(actorIds)))];
    const base = {
      id: `event-${String(i).padStart(4, '0')}`,
      title: sentence(),
      time: { startMs, endMs: startMs + rng.pick([0, MINUTE, 60 * MINUTE, 1440 * MINUTE, 20_000 * MINUTE]), zone: 'UTC', precision: 'MINUTE' as const },
      actorIds: involved,
      citations: [...new Set([rng.pick(sourceIds), rng.pick(sourceIds)])].map((sourceId) => ({ sourceId, quote: sentence(), start: 0, end: 1 })),
    };
    const kind = rng.pick(EVENT_KINDS);
    if (kind === 'STATEMENT') {
      return {
        ...base,
        kind,
        speakerId: involved[0]!,
        content: sentence(),
        form: 'PARAPHRASE' as const,
        reportedByIds: [],
        aboutIds: involved.slice(1),
        regardingIds: [],
      };
    }
    if (kind === 'VOTE') {
      return {
        ...base,
        kind,
        bodyId: actorIds[0]!,
        motion: sentence(),
        rule: { rule: 'SIMPLE_MAJORITY' as const },
        tally: { yes: 1, no: 1, abstain: 0 },
        ballots: involved.map((actorId) => ({ actorId, choice: rng.pick(['YES', 'NO', 'ABSTAIN'] as const) })),
        ballotsComplete: false,
        outcome: 'REJECTED' as const,
        vetoedByIds: [],
      };
    }
    return { ...base, kind, status: rng.pick(MEETING_STATUSES), participants: involved.map((actorId) => ({ actorId })) };
  });
  return { actors, sources, events, version: `generated-${size}-${rng.int(1_000_000)}` };
}

/** The domain's answer: every event, scanned with the predicate, in timeline order. */
function scan(dataset: Dataset, filter: TimelineFilter): TimelineEvent[] {
  const members = followedMembers(dataset.actors);
  const context: FilterContext = { standsFor: (id, includeMembers) => (includeMembers ? memberClosure(id, members) : [id]) };
  return dataset.events.filter((event) => matches(filter, event, context)).sort(compareEvents);
}

function randomFilter(rng: SeededRandom, dataset: Dataset): TimelineFilter {
  const actorIds = dataset.actors.map((a) => a.id);
  const some = <T>(items: readonly T[]) => [...new Set(Array.from({ length: 1 + rng.int(3) }, () => rng.pick(items)))];
  const filter: TimelineFilter = {};
  const window = rng.pick(['both', 'both', 'from', 'to', 'none', 'none'] as const);
  if (window === 'both') {
    const from = rng.int(2200) * MINUTE - 100 * MINUTE;
    filter.from = from;
    filter.to = from + rng.pick([1, MINUTE, 100 * MINUTE, 3000 * MINUTE]);
  } else if (window === 'from') filter.from = rng.int(2000) * MINUTE;
  else if (window === 'to') filter.to = rng.int(2000) * MINUTE;
  if (rng.chance(0.3)) filter.actorIds = some(actorIds);
  if (rng.chance(0.25)) filter.anyActorIds = some(actorIds);
  if (rng.chance(0.2)) filter.speakerIds = some(actorIds);
  if (rng.chance(0.4)) filter.includeMembers = true;
  if (rng.chance(0.25)) filter.sourceIds = some(dataset.sources.map((s) => s.id));
  if (rng.chance(0.25)) filter.kinds = some(EVENT_KINDS);
  if (rng.chance(0.2)) filter.meetingStatuses = some(MEETING_STATUSES);
  if (rng.chance(0.25))
    filter.words = searchWords(
      some(WORDS)
        .join(' ')
        .slice(0, rng.pick([3, 5, 40])),
    );
  return filter;
}

const ids = (events: readonly { id: string }[]) => events.map((e) => e.id);

export function describeStore(name: string, backend: StoreUnderTest): void {
  describe(`the store contract: ${name}`, () => {
    const rng = seededRandom(20121129);
    const dataset = generatedDataset(rng);
    const storeOf = (() => {
      let made: Promise<Store> | undefined;
      return () => (made ??= Promise.resolve(backend.make(dataset)));
    })();

    it('names its revision and counts what it holds', async () => {
      const store = await storeOf();
      expect(store.revision).toBe(dataset.version);
      expect(await store.counts()).toEqual({ eventCount: dataset.events.length, actorCount: dataset.actors.length, sourceCount: dataset.sources.length });
    });

    it('gets by id in batches, undefined where there is none, and looks up the same through lookups()', async () => {
      const store = await storeOf();
      const wanted = ['actor-03', 'nobody', 'actor-00', 'actor-03'];
      const actors = await store.getActors(wanted);
      expect(actors.map((a) => a?.id)).toEqual(['actor-03', undefined, 'actor-00', 'actor-03']);
      const eventIds = [dataset.events[7]!.id, 'no-event', dataset.events[0]!.id];
      expect((await store.getEvents(eventIds)).map((e) => e?.id)).toEqual([eventIds[0], undefined, eventIds[2]]);
      const lookups = store.lookups();
      expect(await Promise.all(wanted.map((id) => lookups.actor(id)))).toEqual(actors);
      expect((await lookups.event(eventIds[0]!))?.id).toBe(eventIds[0]);
      expect((await lookups.source('source-b'))?.title).toBe('Title of source-b');
      expect(await lookups.source('no-source')).toBeUndefined();
    });

    it('keeps source texts apart from their metadata', async () => {
      const store = await storeOf();
      const [source, missing] = await store.getSources(['source-c', 'none']);
      expect(source).toMatchObject({ id: 'source-c', title: 'Title of source-c', sha256: 'sha-source-c' });
      expect(source).not.toHaveProperty('text');
      expect(missing).toBeUndefined();
      expect(await store.getSourceTexts(['source-c', 'none'])).toEqual(['The text of source-c.', undefined]);
      expect(await store.lookups().sourceText('source-c')).toBe('The text of source-c.');
      expect(await store.lookups().sourceText('none')).toBeUndefined();
      const all = await store.findSources(ALL);
      expect(ids(all.items)).toEqual(['source-a', 'source-b', 'source-c', 'source-d']);
      for (const item of all.items) expect(item).not.toHaveProperty('text');
      const page = await store.findSources({ first: 2, after: 'source-a' });
      expect(ids(page.items)).toEqual(['source-b', 'source-c']);
      expect(page).toMatchObject({ totalCount: 4, hasPreviousPage: true, hasNextPage: true });
    });

    it('pages actors by id and finds them by folded words, and lists members by id', async () => {
      const store = await storeOf();
      const sorted = [...dataset.actors].map((a) => a.id).sort();
      expect(ids((await store.findActors({ page: ALL })).items)).toEqual(sorted);
      const last = await store.findActors({ page: { last: 3 } });
      expect(ids(last.items)).toEqual(sorted.slice(-3));
      expect(last.hasNextPage).toBe(false);
      expect(ids((await store.findActors({ words: searchWords('ALIAS actor-07'), page: ALL })).items)).toEqual(['actor-07']);
      const [members] = await store.membersOf(['actor-07']);
      const expected = dataset.actors
        .filter((a) => a.memberships.some((m) => m.of === 'actor-07'))
        .map((a) => a.id)
        .sort();
      expect(ids(members!)).toEqual(expected);
    });

    it('answers thousands of random filters as the domain scan does, in timeline order, with exact counts', async () => {
      const store = await storeOf();
      const filterRng = seededRandom(7);
      for (let i = 0; i < 2000; i++) {
        const filter = randomFilter(filterRng, dataset);
        const [page] = await store.timelines([{ ...filter, page: ALL }]);
        const expected = scan(dataset, filter);
        expect(ids(page!.items), JSON.stringify(filter)).toEqual(ids(expected));
        expect(page!.totalCount).toBe(expected.length);
      }
    });

    it('pages in both directions with keyset cursors, exactly', async () => {
      const store = await storeOf();
      const pageRng = seededRandom(11);
      for (let i = 0; i < 300; i++) {
        const filter = randomFilter(pageRng, dataset);
        const all = scan(dataset, filter);
        const size = 1 + pageRng.int(7);
        // Forwards from the start, then backwards from the end, each page after the last one's key.
        const forwards: TimelineEvent[] = [];
        let after: ReturnType<typeof eventSortKey> | undefined;
        for (let guard = 0; guard < 1000; guard++) {
          const [page] = await store.timelines([{ ...filter, page: { first: size, ...(after && { after }) } }]);
          forwards.push(...page!.items);
          expect(page!.hasPreviousPage).toBe(after !== undefined);
          if (!page!.hasNextPage) break;
          after = eventSortKey(page!.items.at(-1)!);
        }
        expect(ids(forwards), JSON.stringify(filter)).toEqual(ids(all));
        const backwards: TimelineEvent[] = [];
        let before: ReturnType<typeof eventSortKey> | undefined;
        for (let guard = 0; guard < 1000; guard++) {
          const [page] = await store.timelines([{ ...filter, page: { last: size, ...(before && { before }) } }]);
          backwards.unshift(...page!.items);
          if (!page!.hasPreviousPage) break;
          before = eventSortKey(page!.items[0]!);
        }
        expect(ids(backwards)).toEqual(ids(all));
        // Between two cursors: what lies strictly between them.
        if (all.length >= 3) {
          const [a, b] = [pageRng.int(all.length), pageRng.int(all.length)].sort((x, y) => x - y) as [number, number];
          const [between] = await store.timelines([{ ...filter, page: { all: true, after: eventSortKey(all[a]!), before: eventSortKey(all[b]!) } }]);
          expect(ids(between!.items)).toEqual(ids(all.slice(a + 1, Math.max(a + 1, b))));
        }
      }
    });

    it('applies the half-open rule: a zero-length event is in a window that contains its instant, and a window ending at a start misses it', async () => {
      const store = await storeOf();
      const point = dataset.events.find((e) => e.time.startMs === e.time.endMs && e.time.startMs > 0)!;
      const at = point.time.startMs;
      const inWindow = async (from: number, to: number) => ids((await store.timelines([{ from, to, page: ALL }]))[0]!.items).includes(point.id);
      expect(await inWindow(at, at + 1)).toBe(scan(dataset, { from: at, to: at + 1 }).some((e) => e.id === point.id));
      expect(await inWindow(at - MINUTE, at)).toBe(false);
    });

    it('counts histogram buckets, spans and interaction pairs as the domain does over the scan', async () => {
      const store = await storeOf();
      const aggregateRng = seededRandom(13);
      for (let i = 0; i < 200; i++) {
        const filter = randomFilter(aggregateRng, dataset);
        const expected = scan(dataset, filter);
        const span = await store.span(filter);
        if (expected.length === 0) expect(span).toBeUndefined();
        else expect(span).toEqual({ from: Math.min(...expected.map((e) => e.time.startMs)), to: Math.max(...expected.map((e) => e.time.endMs)) });
        const start = aggregateRng.int(1000) * MINUTE;
        const edges = Array.from({ length: 2 + aggregateRng.int(20) }, (_, k) => start + k * aggregateRng.pick([1, 10, 100]) * MINUTE);
        const windowed = scan(dataset, { ...filter, from: Math.max(filter.from ?? -Infinity, edges[0]!), to: Math.min(filter.to ?? Infinity, edges.at(-1)!) });
        expect(await store.histogram(filter, edges), JSON.stringify({ filter, edges })).toEqual(countByBucket(edges, windowed));
        const via = aggregateRng.chance(0.5) ? undefined : new Set<InteractionKind>([aggregateRng.pick(INTERACTION_KINDS)]);
        const pairs = await store.interactions(filter, via);
        const reference = interactions(expected, via);
        expect(pairs.map((p) => [p.sourceId, p.targetId, ids(p.events), p.kinds])).toEqual(
          reference.map((p) => [p.sourceId, p.targetId, ids(p.events), p.kinds]),
        );
      }
    });

    it('answers a batch of queries as one call per query, checking the deadline before each', async () => {
      const store = await storeOf();
      let checks = 0;
      const checkDeadline = () => {
        if (++checks > 2) throw new Error('out of time');
      };
      await expect(store.timelines([{ page: ALL }, { page: ALL }, { page: ALL }], { checkDeadline })).rejects.toThrow('out of time');
      expect(checks).toBe(3);
    });
  });
}
