// The rules behind the filters: who an actor stands for under includeMembers (members,
// transitively, each once, through cycles, never through a council seat), whole local days, and
// the memory store's indexes against a plain scan.
import { describe, expect, it } from 'vitest';
import type { Actor, TimelineEvent } from '../src/domain/model.js';
import { compareEvents } from '../src/domain/event-order.js';
import { followedMembers, memberClosure } from '../src/domain/member-closure.js';
import { ALL } from '../src/store/paging.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import type { TimelineFilter } from '../src/store/store.js';
import { localDaysWindow } from '../src/time/local-days.js';
import { seededRandom } from './seeded-random.js';

function actor(id: string, ...memberships: Actor['memberships']): Actor {
  return { id, name: id, aliases: [], kind: 'ORGANIZATION', memberships };
}

describe('member closure', () => {
  const actors = [
    actor('state'),
    actor('ministry', { of: 'state' }),
    actor('minister', { of: 'ministry' }),
    actor('envoy', { of: 'state' }, { of: 'ministry' }),
    actor('council'),
    actor('state-seat', { of: 'council', seat: 'PERMANENT' }),
    // A cycle: a and b are members of each other, and c of b.
    actor('a', { of: 'b' }),
    actor('b', { of: 'a' }),
    actor('c', { of: 'b' }),
  ];
  const members = followedMembers(actors);

  it('follows memberships transitively, each actor once, breadth first', () => {
    expect(memberClosure('state', members)).toEqual(['state', 'ministry', 'envoy', 'minister']);
    expect(memberClosure('minister', members)).toEqual(['minister']);
  });

  it('ends on cycles', () => {
    expect(memberClosure('a', members)).toEqual(['a', 'b', 'c']);
    expect(memberClosure('b', members)).toEqual(['b', 'a', 'c']);
  });

  it('does not follow a council seat', () => {
    expect(memberClosure('council', members)).toEqual(['council']);
  });

  it('is the actor alone when it is unknown', () => {
    expect(memberClosure('nobody', members)).toEqual(['nobody']);
  });
});

describe('local days', () => {
  const hours = (from: string, to: string, zone: string) => {
    const window = localDaysWindow(from, to, zone);
    return { start: new Date(window.from).toISOString(), hours: (window.to - window.from) / 3_600_000 };
  };

  it("spans whole days on the zone's clock, 23 or 25 hours across daylight-saving changes", () => {
    expect(hours('2012-11-29', '2012-11-29', 'America/New_York')).toEqual({ start: '2012-11-29T05:00:00.000Z', hours: 24 });
    expect(hours('2012-03-11', '2012-03-11', 'America/New_York')).toEqual({ start: '2012-03-11T05:00:00.000Z', hours: 23 });
    expect(hours('2012-11-04', '2012-11-04', 'America/New_York')).toEqual({ start: '2012-11-04T04:00:00.000Z', hours: 25 });
    expect(hours('2012-11-29', '2012-11-30', 'Europe/Moscow')).toEqual({ start: '2012-11-28T20:00:00.000Z', hours: 48 });
  });

  it('starts a day at its first instant where midnight does not exist', () => {
    // São Paulo moved its clocks from 00:00 to 01:00 on 16 October 2011.
    expect(hours('2011-10-16', '2011-10-16', 'America/Sao_Paulo')).toEqual({ start: '2011-10-16T03:00:00.000Z', hours: 23 });
  });
});

describe("the memory store's actor and source filters", () => {
  it('match what a plain scan of every event matches, for random filters over generated data', async () => {
    const rng = seededRandom(20121129);
    const actorIds = Array.from({ length: 12 }, (_, i) => `actor-${i}`);
    const sourceIds = ['source-a', 'source-b', 'source-c'];
    // Memberships with a cycle (actor-1 ↔ actor-2), chains, and a seat that must not be followed.
    const generatedActors = actorIds.map((id, i) =>
      actor(id, ...(i > 0 && i % 3 !== 0 ? [{ of: actorIds[(i * 7) % 12]!, ...(i === 5 && { seat: 'ELECTED' as const }) }] : [])),
    );
    generatedActors[2]!.memberships.push({ of: 'actor-1' });
    generatedActors[1]!.memberships.push({ of: 'actor-2' });
    const events: TimelineEvent[] = Array.from({ length: 300 }, (_, i) => {
      const startMs = rng.int(1000) * 60_000;
      const involved = [...new Set(Array.from({ length: 1 + rng.int(4) }, () => rng.pick(actorIds)))];
      const base = {
        id: `event-${String(i).padStart(3, '0')}`,
        title: `event ${i}`,
        time: { startMs, endMs: startMs + rng.pick([0, 60_000, 3_600_000, 86_400_000]), zone: 'UTC', precision: 'MINUTE' as const },
        actorIds: involved,
        citations: [...new Set([rng.pick(sourceIds), rng.pick(sourceIds)])].map((sourceId) => ({ sourceId, quote: 'x', start: 0, end: 1 })),
      };
      return rng.chance(0.5)
        ? {
            ...base,
            kind: 'STATEMENT' as const,
            speakerId: involved[0]!,
            content: '',
            form: 'PARAPHRASE' as const,
            reportedByIds: [],
            aboutIds: involved.slice(1),
            regardingIds: [],
          }
        : { ...base, kind: 'MEETING' as const, status: 'HELD' as const, participants: involved.map((actorId) => ({ actorId })) };
    });
    const sources = sourceIds.map((id) => ({ id, kind: 'ARTICLE' as const, title: id, creditedToIds: [], references: [], text: 'x', sha256: '' }));
    const store = new MemoryStore({ actors: generatedActors, sources, events, version: 'generated' });
    const members = followedMembers(generatedActors);

    const some = <T>(items: readonly T[]) => [...new Set(Array.from({ length: 1 + rng.int(3) }, () => rng.pick(items)))];
    for (let i = 0; i < 2000; i++) {
      const filter: TimelineFilter = {};
      if (rng.chance(0.4)) filter.actorIds = some(actorIds);
      if (rng.chance(0.4)) filter.anyActorIds = some(actorIds);
      if (rng.chance(0.3)) filter.speakerIds = some(actorIds);
      if (rng.chance(0.3)) filter.sourceIds = some(sourceIds);
      if (rng.chance(0.5)) filter.includeMembers = true;
      if (rng.chance(0.4)) {
        filter.from = rng.int(1000) * 60_000;
        filter.to = filter.from + 1 + rng.int(300) * 60_000;
      }
      const standsFor = (id: string) => new Set(filter.includeMembers ? memberClosure(id, members) : [id]);
      const involvesOneOf = (event: TimelineEvent, ids: readonly string[]) => ids.some((id) => event.actorIds.some((a) => standsFor(id).has(a)));
      const expected = [...events]
        .sort(compareEvents)
        .filter(
          (event) =>
            (filter.from === undefined || (event.time.endMs > filter.from && event.time.startMs < filter.to!)) &&
            (filter.actorIds ?? []).every((id) => involvesOneOf(event, [id])) &&
            (!filter.anyActorIds || involvesOneOf(event, filter.anyActorIds)) &&
            (!filter.speakerIds || (event.kind === 'STATEMENT' && filter.speakerIds.some((id) => standsFor(id).has(event.speakerId)))) &&
            (!filter.sourceIds || event.citations.some((c) => filter.sourceIds!.includes(c.sourceId))),
        )
        .map((event) => event.id);
      const [page] = await store.timelines([{ ...filter, page: ALL }]);
      expect(
        page!.items.map((event) => event.id),
        JSON.stringify(filter),
      ).toEqual(expected);
      expect(page!.totalCount).toBe(expected.length);
    }
  });
});

describe("the deadline between a batch's timeline queries", () => {
  it('is checked before each query, so that a request out of time stops between them', async () => {
    const store = new MemoryStore({ actors: [actor('a')], sources: [], events: [], version: 'empty' });
    let checks = 0;
    const checkDeadline = () => {
      checks++;
      if (checks > 2) throw new Error('out of time');
    };
    await expect(store.timelines([{ page: ALL }, { page: ALL }, { page: ALL }], { checkDeadline })).rejects.toThrow('out of time');
    expect(checks).toBe(3);
  });
});
