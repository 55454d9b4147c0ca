// Subscription.timelineChanged through the public API (yoga.fetch, server-sent events): which
// changes a filter sees, the limits a subscription is held to, and how it ends.
import { describe, expect, it } from 'vitest';
import { createEntente } from '../src/app.js';
import { DEFAULT_LIMITS, type Limits } from '../src/graphql/limits/limits.js';
import type { Dataset, TimelineEvent } from '../src/domain/model.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { entente } from './helpers.js';

async function app(limits: Limits = DEFAULT_LIMITS) {
  const { dataset } = await entente();
  const built = createEntente({ store: new MemoryStore(dataset), limits });
  let version = 0;
  /** Serves `change(dataset)` as the next revision. */
  const swap = (change: (dataset: Dataset) => Dataset) => built.revisions.swap(new MemoryStore({ ...change(dataset), version: `test-${++version}` }));
  return { ...built, dataset, swap };
}

/** Opens a subscription over SSE; `next()` waits for its next payload (undefined once it ended). */
async function subscribe(yoga: Awaited<ReturnType<typeof app>>['yoga'], query: string, variables?: Record<string, unknown>) {
  const controller = new AbortController();
  const response = await yoga.fetch('http://entente.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const next = async (): Promise<any> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(message)?.[1];
        if (event === 'complete') return undefined;
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (event === 'next' && data) return JSON.parse(data);
        continue;
      }
      const { done, value } = await reader.read();
      if (done) return undefined;
      buffer += decoder.decode(value, { stream: true });
    }
  };
  return { response, next, close: () => controller.abort() };
}

const MEETINGS = 'subscription { timelineChanged(filter: { kinds: [MEETING] }) { revision previousRevision removed upserted { id slug title } } }';
const retitled = (id: string, title: string) => (dataset: Dataset) => ({ ...dataset, events: dataset.events.map((e) => (e.id === id ? { ...e, title } : e)) });

describe('timelineChanged', () => {
  it('sends the events a change adds, changes or removes among those its filter matches, and nothing for the others', async () => {
    const { yoga, swap, dataset } = await app();
    const meetings = await subscribe(yoga, MEETINGS);
    expect(meetings.response.headers.get('content-type')).toContain('text/event-stream');
    const statement = dataset.events.find((e) => e.kind === 'STATEMENT')!;
    const meeting = dataset.events.find((e) => e.kind === 'MEETING')!;

    // A statement changes: the meetings' subscriber is sent nothing for it; then a meeting changes too.
    const statementRetitled = retitled(statement.id, 'A statement, retitled');
    swap(statementRetitled);
    const second = swap((d) => retitled(meeting.id, 'A meeting, retitled')(statementRetitled(d)));
    const first = await meetings.next();
    expect(first.data.timelineChanged).toMatchObject({ revision: second!.current.store.revision, removed: [] });
    // From the revision this subscriber last saw: the first swap's, or (if it had not read yet) the one before, both swaps in one change.
    expect([second!.previous.store.revision, dataset.version]).toContain(first.data.timelineChanged.previousRevision);
    expect(first.data.timelineChanged.upserted).toEqual([expect.objectContaining({ slug: meeting.id, title: 'A meeting, retitled' })]);

    // Removed, and added back: an ID in `removed`, then the event in `upserted`.
    const without = (d: Dataset) => ({ ...d, events: d.events.filter((e) => e.id !== meeting.id) });
    swap((d) => without(statementRetitled(d)));
    const removed = await meetings.next();
    // The global ID the event had, as a normalising client cache knows it.
    expect(removed.data.timelineChanged).toMatchObject({ upserted: [], removed: [first.data.timelineChanged.upserted[0].id] });
    swap(statementRetitled);
    expect((await meetings.next()).data.timelineChanged.upserted.map((e: { slug: string }) => e.slug)).toEqual([meeting.id]);
    meetings.close();
  });

  it('sends an event that no longer matches as removed, and one that comes to match as upserted', async () => {
    const { yoga, swap, dataset } = await app();
    const meeting = dataset.events.find((e) => e.kind === 'MEETING' && e.status === 'HELD')!;
    const held = await subscribe(yoga, 'subscription { timelineChanged(filter: { statuses: [HELD], kinds: [MEETING] }) { removed upserted { slug } } }');
    const cancel = (d: Dataset) => ({
      ...d,
      events: d.events.map((e): TimelineEvent => (e.id === meeting.id && e.kind === 'MEETING' ? { ...e, status: 'CANCELLED' } : e)),
    });
    swap(cancel);
    expect((await held.next()).data.timelineChanged).toEqual({ removed: [expect.any(String)], upserted: [] });
    swap((d) => d);
    expect((await held.next()).data.timelineChanged).toEqual({ removed: [], upserted: [{ slug: meeting.id }] });
    held.close();
  });

  it("follows memberships under includeMembers: an actor who joins a body brings its events to the body's subscriber", async () => {
    const { yoga, swap, dataset } = await app();
    // Someone who speaks, and a body they are not a member of.
    const statement = dataset.events.find((e): e is Extract<TimelineEvent, { kind: 'STATEMENT' }> => e.kind === 'STATEMENT')!;
    const body = dataset.actors.find(
      (a) => a.id !== statement.speakerId && !dataset.events.some((e) => e.kind === 'STATEMENT' && e.speakerId === a.id) && a.kind === 'STATE',
    )!;
    const speakers = await subscribe(
      yoga,
      'subscription($body: ID!) { timelineChanged(filter: { speakers: [$body], includeMembers: true }) { removed upserted { slug } } }',
      { body: body.id },
    );
    swap((d) => ({ ...d, actors: d.actors.map((a) => (a.id === statement.speakerId ? { ...a, memberships: [...a.memberships, { of: body.id }] } : a)) }));
    const change = (await speakers.next()).data.timelineChanged;
    expect(change.removed).toEqual([]);
    expect(change.upserted.map((e: { slug: string }) => e.slug)).toContain(statement.id);
    speakers.close();
  });

  /** The one answer a subscription request gets before any stream: its first (and only) event over SSE. */
  async function firstAnswer(limits: Limits, query: string) {
    const built = await app(limits);
    const stream = await subscribe(built.yoga, query);
    const answer = await stream.next();
    expect(await stream.next()).toBeUndefined(); // then `complete`
    expect(built.changes.size).toBe(0);
    return answer as { errors: { extensions: Record<string, unknown> }[] };
  }

  it('refuses a wrong filter with one error before anything is streamed, and keeps nothing open', async () => {
    for (const [filter, argument] of [
      ['{ actors: ["nobody"] }', 'filter.actors[0]'],
      ['{ kinds: [] }', 'filter.kinds'],
      [`{ search: "${'x'.repeat(201)}" }`, 'filter.search'],
    ] as const) {
      const answer = await firstAnswer(DEFAULT_LIMITS, `subscription { timelineChanged(filter: ${filter}) { revision } }`);
      expect(answer.errors[0]!.extensions, filter).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
  });

  it('refuses a subscription asked for without Accept: text/event-stream, with 406, before it starts', async () => {
    const { yoga, changes } = await app();
    for (const accept of ['application/json', 'application/graphql-response+json', 'multipart/mixed', 'text/event-stream; charset=latin1']) {
      const response = await yoga.fetch('http://entente.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify({ query: MEETINGS }),
      });
      expect(response.status, accept).toBe(406);
      const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'NOT_ACCEPTABLE', header: 'accept' });
      expect(body.errors[0]!.message).toContain('text/event-stream');
    }
    expect(changes.size).toBe(0);
    // GET with no Accept at all is a stream (as for any client that sends none).
    const stream = await yoga.fetch(`http://entente.test/graphql?query=${encodeURIComponent(MEETINGS)}`);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    await reader.read();
    await reader.cancel();
  });

  it('is held to the cost and node estimates before it starts, and to the node limit for each event it sends', async () => {
    const nested =
      'subscription { timelineChanged { upserted { actors { timeline(first: 100) { edges { node { actors { timeline(first: 100) { totalCount } } } } } } } } }';
    expect((await firstAnswer(DEFAULT_LIMITS, nested)).errors[0]!.extensions.code).toBe('TOO_MANY_NODES');
    expect(
      (await firstAnswer({ ...DEFAULT_LIMITS, maxCost: 2 }, 'subscription { timelineChanged { upserted { title actors { name } } } }')).errors[0]!.extensions
        .code,
    ).toBe('QUERY_TOO_COSTLY');

    const small = await app({ ...DEFAULT_LIMITS, maxNodes: 20, maxCost: 1_000_000 });
    const fanOut = await subscribe(small.yoga, 'subscription { timelineChanged { upserted { actors { members { name } } } } }');
    small.swap((d) => ({ ...d, events: d.events.map((e) => ({ ...e, title: `${e.title}.` })) }));
    const payload = await fanOut.next();
    expect(payload.errors[0].extensions.code).toBe('TOO_MANY_NODES');
    fanOut.close();
  });

  it('gives each event its own MAX_EXECUTION_MS, so that a subscription open for longer is not timed out', async () => {
    const { yoga, swap, dataset } = await app({ ...DEFAULT_LIMITS, maxExecutionMs: 50 });
    const meetings = await subscribe(yoga, MEETINGS);
    await new Promise((resolve) => setTimeout(resolve, 150));
    swap(retitled(dataset.events.find((e) => e.kind === 'MEETING')!.id, 'Later'));
    const payload = await meetings.next();
    expect(payload.errors).toBeUndefined();
    expect(payload.data.timelineChanged.upserted[0].title).toBe('Later');
    meetings.close();
  });

  it('ends when the client goes away, and every subscription ends when the feed closes', async () => {
    const { yoga, changes } = await app();
    const first = await subscribe(yoga, MEETINGS);
    const second = await subscribe(yoga, MEETINGS);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(changes.size).toBe(2);
    first.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(changes.size).toBe(1);
    changes.close();
    expect(await second.next()).toBeUndefined();
    expect(changes.size).toBe(0);
  });

  it('answers { dataset } with the revision a request reads, and the next revision once swapped in', async () => {
    const { yoga, swap, dataset } = await app();
    const ask = async () =>
      (
        (await (
          await yoga.fetch('http://entente.test/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ dataset { revision servedSince eventCount actorCount sourceCount } }' }),
          })
        ).json()) as any
      ).data.dataset;
    const before = await ask();
    expect(before).toMatchObject({
      revision: dataset.version,
      eventCount: dataset.events.length,
      actorCount: dataset.actors.length,
      sourceCount: dataset.sources.length,
    });
    expect(before.servedSince).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    swap((d) => ({ ...d, events: d.events.slice(1) }));
    const after = await ask();
    expect(after).toMatchObject({ revision: 'test-1', eventCount: dataset.events.length - 1 });
  });
});

describe('a subscriber that falls behind', () => {
  it('is sent one change for the revisions that went by while it did not read, from the one it saw to the latest', async () => {
    const { dataset } = await entente();
    const { Revisions } = await import('../src/store/revisions.js');
    const { ChangeFeed, filteredChange } = await import('../src/services/timeline-changes.js');
    const revisions = new Revisions(new MemoryStore(dataset));
    const feed = new ChangeFeed(revisions);
    const swaps = feed.swaps();
    const meeting = dataset.events.find((e) => e.kind === 'MEETING')!;
    for (const [i, title] of ['One', 'Two', 'Three'].entries()) {
      revisions.swap(new MemoryStore({ ...dataset, version: `lag-${i}`, events: dataset.events.map((e) => (e.id === meeting.id ? { ...e, title } : e)) }));
    }
    // The first swap was queued, and the next two merged into it.
    const facts = (await swaps.next()).value!;
    expect([facts.change.previous.store.revision, facts.change.current.store.revision]).toEqual([dataset.version, 'lag-2']);
    const change = await filteredChange(facts, { kinds: ['MEETING'] });
    expect(change.upserted.map((e) => [e.id, e.title])).toEqual([[meeting.id, 'Three']]);
    await swaps.return!();
    expect(feed.size).toBe(0);
  });
});

describe('changes that touch an event without changing it', () => {
  it('sends the events that name a renamed actor, or cite a source whose title changed', async () => {
    const { yoga, swap, dataset } = await app();
    const stream = await subscribe(yoga, 'subscription { timelineChanged { upserted { slug actors { name } citations { source { title } } } } }');
    const named = dataset.events.find((e) => e.kind === 'STATEMENT')!;
    const speaker = named.kind === 'STATEMENT' ? named.speakerId : '';
    const rename = (d: Dataset) => ({ ...d, actors: d.actors.map((a) => (a.id === speaker ? { ...a, name: 'Renamed speaker' } : a)) });
    swap(rename);
    const renamed = (await stream.next()).data.timelineChanged.upserted as { slug: string; actors: { name: string }[] }[];
    // Every event that names the speaker, and those of the bodies it belongs to (their members now read the new name).
    const bodies = new Set([speaker, ...dataset.actors.find((a) => a.id === speaker)!.memberships.map((m) => m.of)]);
    const expected = dataset.events.filter((e) => e.actorIds.some((id) => bodies.has(id))).map((e) => e.id);
    expect(renamed.map((e) => e.slug).sort()).toEqual(expected.sort());
    for (const event of renamed.filter((e) => dataset.events.find((d) => d.id === e.slug)!.actorIds.includes(speaker))) {
      expect(event.actors.map((a) => a.name)).toContain('Renamed speaker');
    }

    const source = dataset.sources[0]!;
    swap((d) => ({ ...rename(d), sources: d.sources.map((s) => (s.id === source.id ? { ...s, title: 'Retitled source' } : s)) }));
    const cited = (await stream.next()).data.timelineChanged.upserted as { slug: string }[];
    expect(cited.map((e) => e.slug).sort()).toEqual(
      dataset.events
        .filter((e) => e.citations.some((c) => c.sourceId === source.id))
        .map((e) => e.id)
        .sort(),
    );
    stream.close();
  });
});
