// Deep nested queries make a bounded number of batched store calls, however many events they touch.
import { describe, expect, it } from 'vitest';
import type { Dataset, TimelineEvent } from '../src/domain/model.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { batchedLookups, type Store } from '../src/store/store.js';
import { DEFAULT_LIMITS } from '../src/graphql/limits/limits.js';
import { DEFAULT_JIT } from '../src/graphql/plugins/execute/jit.js';
import { createEntenteYoga } from '../src/app.js';
import { entente } from './helpers.js';

const DAY_MS = 86_400_000;

/**
 * Wraps a store and counts the calls to each method (and the keys asked for). Without
 * `immediate`, it stands for a database: its lookups are the contract's batchedLookups, through
 * DataLoaders over the batch gets, as a backend without its data in memory offers them.
 */
function countingStore(inner: Store, { immediate = false } = {}) {
  const calls: Record<string, number> = {};
  let keys = 0;
  const store: Store = new Proxy(inner, {
    get(target, name, receiver) {
      // Making a request's lookups is not a call for data.
      if (name === 'lookups') return immediate ? () => target.lookups() : () => batchedLookups(store);
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls[String(name)] = (calls[String(name)] ?? 0) + 1;
        if (Array.isArray(args[0])) keys += args[0].length;
        return value.apply(target, args);
      };
    },
  });
  return { store, calls, keys: () => keys };
}

/** The real data plus `copies` shifted copies of every event: more events, same actors. */
function enlarged(dataset: Dataset, copies: number): Dataset {
  const events: TimelineEvent[] = [...dataset.events];
  for (let i = 1; i <= copies; i++) {
    for (const event of dataset.events) {
      const shift = i * 7 * DAY_MS;
      events.push({ ...event, id: `${event.id}-copy-${i}`, time: { ...event.time, startMs: event.time.startMs + shift, endMs: event.time.endMs + shift } });
    }
  }
  return { ...dataset, events };
}

const NESTED = `{
  timeline(first: 100) {
    totalCount
    edges { node {
      title
      citations { source { title } }
      ... on Statement { speaker { name } meeting { title } }
      actors {
        name
        memberOf {
          name
          members { name }
          timeline(first: 10) {
            totalCount
            edges { node { title actors { name memberOf { name } } } }
          }
        }
      }
    } }
  }
}`;

async function run(dataset: Dataset, options: { immediate?: boolean; compiled?: boolean } = {}) {
  const counting = countingStore(new MemoryStore(dataset), options);
  // The query returns far more than the default MAX_NODES, and over the enlarged data takes more
  // than MAX_EXECUTION_MS while other test files load the machine (it is about store calls, not limits).
  const limits = { ...DEFAULT_LIMITS, maxNodes: 1_000_000, maxExecutionMs: 60_000 };
  const yoga = createEntenteYoga({ store: counting.store, limits, jit: options.compiled ? { ...DEFAULT_JIT, fromExecution: 1 } : false });
  const response = await yoga.fetch('http://entente.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: NESTED }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown };
  expect(body.errors).toBeUndefined();
  const total = Object.values(counting.calls).reduce((a, b) => a + b, 0);
  return { calls: counting.calls, total, keys: counting.keys(), events: body.data.timeline.edges.length as number, data: body.data as unknown };
}

describe('store calls', () => {
  it('batches the nested timeline query into a fixed number of calls, independent of the number of events', async () => {
    const { dataset } = await entente();
    const small = await run(dataset);
    const large = await run(enlarged(dataset, 3));
    expect(small.events).toBe(25);
    expect(large.events).toBe(100);
    // One call for the root page, one for every nested actor timeline together, and a few batched lookups.
    expect(small.calls.timelines).toBe(2);
    expect(small.total).toBeLessThanOrEqual(8);
    expect(large.calls).toEqual(small.calls);
    // Compiled execution batches alike.
    const compiled = await run(dataset, { compiled: true });
    expect(compiled.calls).toEqual(small.calls);
    expect(compiled.data).toEqual(small.data);
    console.log(
      `store calls for the nested query: ${JSON.stringify(small.calls)} (${small.total} calls; ${small.keys} keys for 25 events, ${large.keys} for 100)`,
    );
  });

  it('resolves references without store calls when the store answers lookups at once, with the same answer', async () => {
    const { dataset } = await entente();
    const batched = await run(dataset);
    const immediate = await run(dataset, { immediate: true });
    expect(immediate.data).toEqual(batched.data);
    // Only the pages and the members lists remain: no getActors, getSources or getEvents round.
    expect(immediate.calls).toEqual({ timelines: 2, membersOf: 1 });
    expect(batched.calls.getActors).toBeGreaterThan(0);
  });

  it('asks for each actor once per request, however often it appears', async () => {
    const { dataset } = await entente();
    const counting = countingStore(new MemoryStore(dataset));
    const yoga = createEntenteYoga({ store: counting.store });
    const seen: string[] = [];
    const original = counting.store.getActors.bind(counting.store);
    counting.store.getActors = async (ids) => {
      seen.push(...ids);
      return original(ids);
    };
    await yoga.fetch('http://entente.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ timeline(first: 100) { edges { node { actors { name memberOf { name } } } } } }' }),
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
