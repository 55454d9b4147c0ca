// The response cache: a repeated query is answered without touching the store, with an ETag
// that a polling client can send back for a 304; errors are never cached; the cache is bounded.
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { jsonLogger, REQUEST_ID_HEADER } from '../src/observability/logger.js';
import { ResponseCache } from '../src/graphql/response-cache.js';
import { createEntenteYoga } from '../src/app.js';
import { entente } from './helpers.js';

async function app(options: { dataVersion?: string; maxBytes?: number; maxEntryBytes?: number } = {}) {
  const store = new MemoryStore({ ...(await entente()).dataset, version: options.dataVersion ?? 'v1' });
  let storeCalls = 0;
  const timelines = store.timelines.bind(store);
  store.timelines = (queries) => {
    storeCalls++;
    return timelines(queries);
  };
  const lines: Record<string, any>[] = [];
  const yoga = createEntenteYoga({
    store,
    logger: jsonLogger('info', (line) => lines.push(JSON.parse(line))),
    responseCache: new ResponseCache({ maxBytes: options.maxBytes ?? 1_000_000, maxEntryBytes: options.maxEntryBytes ?? 100_000 }),
  });
  const raw = (body: string, headers: Record<string, string> = {}) =>
    yoga.fetch('http://entente.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const post = (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => raw(JSON.stringify({ query, variables }), headers);
  return { post, raw, lines, storeCalls: () => storeCalls };
}

const QUERY = 'query Page($n: Int) { timeline(first: $n) { totalCount edges { node { id } } } }';

describe('response cache', () => {
  it('answers a repeated query from the cache, byte for byte, without the store', async () => {
    const { post, storeCalls, lines } = await app();
    const first = await post(QUERY, { n: 3 });
    const body = await first.text();
    expect(JSON.parse(body).data.timeline.totalCount).toBe(25);
    expect(storeCalls()).toBe(1);
    const second = await post(QUERY, { n: 3 });
    expect(await second.text()).toBe(body);
    expect(storeCalls()).toBe(1);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    // The hit is logged like any request, with its operation and cost.
    expect(lines.filter((l) => l.msg === 'request').map((l) => [l.operationName, l.cost, l.status])).toEqual([
      ['Page', 7, 200],
      ['Page', 7, 200],
    ]);
    // Other variables: another entry.
    await post(QUERY, { n: 4 });
    expect(storeCalls()).toBe(2);
  });

  it('gives an ETag per query, variables and data version, and a 304 to a client that has it', async () => {
    const { post, storeCalls } = await app();
    const etag = (await post(QUERY, { n: 3 })).headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{43}\.json"$/);
    const notModified = await post(QUERY, { n: 3 }, { 'if-none-match': etag! });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(notModified.headers.get(REQUEST_ID_HEADER)).toBeTruthy();
    expect(storeCalls()).toBe(1);
    // A stale ETag gets the full answer; so does another query with the first one's ETag.
    expect((await post(QUERY, { n: 3 }, { 'if-none-match': '"old"' })).status).toBe(200);
    const other = await post(QUERY, { n: 5 }, { 'if-none-match': etag! });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
    // The same query over other data has another ETag, so a client never keeps an old answer.
    const elsewhere = await app({ dataVersion: 'v2' });
    expect((await elsewhere.post(QUERY, { n: 3 })).headers.get('etag')).not.toBe(etag);
  });

  it('never caches an answer with errors', async () => {
    const { post, storeCalls } = await app();
    const bad = '{ timeline(filter: { from: "2012-11-30T00:00:00Z", to: "2012-11-29T00:00:00Z" }) { totalCount } }';
    for (let i = 0; i < 2; i++) {
      const response = await post(bad);
      expect(response.headers.get('etag')).toBeNull();
      expect((await response.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
    const partial = 'query { timeline(first: 1) { totalCount } node(id: "garbage!") { id } }';
    await post(partial);
    await post(partial);
    expect(storeCalls()).toBe(2);
  });

  it('never answers from the cache a request that Yoga refuses', async () => {
    const { raw } = await app();
    const body = (extra: Record<string, unknown>) => JSON.stringify({ query: QUERY, variables: { n: 3 }, ...extra });
    expect((await raw(body({}))).status).toBe(200);
    const unknown = await raw(body({ persisted: true }));
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors[0].message).toBe('Unexpected parameter "persisted" in the request body.');
    expect((await raw(body({ operationName: 7 }))).status).toBe(400);
    expect((await raw(body({ extensions: [1] }))).status).toBe(400);
    // An empty operation name is not a missing one, and 1e400 (Infinity) is not null: request
    // errors (200 with errors and no data, as this request accepts legacy JSON), not the cached answer.
    const requestError = async (response: Response) => {
      const answer = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
      return answer.data === undefined && typeof answer.errors?.[0]?.extensions?.code === 'string';
    };
    expect(await requestError(await raw(body({ operationName: '' })))).toBe(true);
    expect((await raw(body({ variables: { n: null } }))).status).toBe(200);
    expect(await requestError(await raw(`{"query": ${JSON.stringify(QUERY)}, "variables": {"n": 1e400}}`))).toBe(true);
  });

  it('keeps answers up to a number of bytes, forgetting the least recently used', async () => {
    // Each entry counts its body, its key twice (43 characters) and 300 bytes of overhead.
    const sizes = await Promise.all([1, 2, 3].map(async (n) => (await (await (await app()).post(QUERY, { n })).text()).length + 2 * 43 + 300));
    const [one, two, three] = sizes as [number, number, number];
    const { post, storeCalls } = await app({ maxBytes: one + two + three - 1, maxEntryBytes: 100_000 });
    await post(QUERY, { n: 1 });
    await post(QUERY, { n: 2 });
    await post(QUERY, { n: 1 }); // a hit: n=1 is now the most recent
    await post(QUERY, { n: 3 }); // all three do not fit: n=2 goes
    expect(storeCalls()).toBe(3);
    await post(QUERY, { n: 1 });
    await post(QUERY, { n: 3 });
    expect(storeCalls()).toBe(3);
    await post(QUERY, { n: 2 });
    expect(storeCalls()).toBe(4);
  });

  it('sends an answer larger than the entry bound without keeping it', async () => {
    const { post, storeCalls } = await app({ maxEntryBytes: 200 });
    const first = await (await post(QUERY, { n: 10 })).json();
    expect(first.data.timeline.edges).toHaveLength(10);
    const again = await post(QUERY, { n: 10 });
    expect(again.headers.get('etag')).toBeNull();
    expect(await again.json()).toEqual(first);
    expect(storeCalls()).toBe(2);
  });

  it('stays within its bound in bytes however many answers it is given', () => {
    const cache = new ResponseCache({ maxBytes: 100_000, maxEntryBytes: 10_000 });
    for (let i = 0; i < 1000; i++) {
      const key = cache.keyOf({ query: `{ a${i} }`, operationName: undefined, variablesJson: 'null' }, 'v1');
      cache.set({ key, body: Buffer.alloc(1000 + (i % 20) * 500), operationName: undefined, cost: undefined });
    }
    expect(cache.bytes).toBeLessThanOrEqual(100_000);
    expect(cache.bytes).toBeGreaterThan(90_000);
  });
});

describe('what the response cache keeps', () => {
  it('keeps only answers to queries: a mutation sent three times is executed three times', async () => {
    const { createSchema, createYoga } = await import('graphql-yoga');
    const { cacheStorePlugin } = await import('../src/graphql/plugins/result/cache-store.js');
    const { RequestStates } = await import('../src/observability/request-state.js');
    let count = 0;
    const schema = createSchema({
      typeDefs: 'type Query { count: Int! } type Mutation { increment: Int! }',
      resolvers: { Query: { count: () => count }, Mutation: { increment: () => ++count } },
    });
    const cache = new ResponseCache({ maxBytes: 100_000, maxEntryBytes: 10_000 });
    const yoga = createYoga({ schema, plugins: [cacheStorePlugin(cache, { servedKeyOf: () => 'r1', requestStates: new RequestStates() })] });
    const send = async (query: string) => {
      const response = await yoga.fetch('http://entente.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as { data: Record<string, number> };
    };
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await send('mutation { increment }')).data.increment);
    expect(answers).toEqual([1, 2, 3]);
    // A query is kept: asked again after the count changed, it is answered from the cache.
    expect((await send('{ count }')).data.count).toBe(3);
    await send('mutation { increment }');
    expect((await send('{ count }')).data.count).toBe(3);
  });
});

describe('the response cache across revisions', () => {
  it('gives no 304 for an ETag from before, once the data were changed and changed back', async () => {
    const { createEntente } = await import('../src/app.js');
    const { dataset } = await entente();
    const responseCache = new ResponseCache({ maxBytes: 1_000_000, maxEntryBytes: 100_000 });
    let now = 1_000;
    const { Revisions } = await import('../src/store/revisions.js');
    const revisions = new Revisions(new MemoryStore(dataset), () => now);
    const { yoga } = createEntente({ revisions, responseCache });
    const url = `http://entente.test/graphql?query=${encodeURIComponent('{ dataset { revision servedSince } }')}`;
    const first = await yoga.fetch(url);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect((await yoga.fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
    now = 2_000;
    revisions.swap(new MemoryStore({ ...dataset, version: 'other' }));
    now = 3_000;
    revisions.swap(new MemoryStore(dataset));
    const again = await yoga.fetch(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(200);
    const body = (await again.json()) as { data: { dataset: { revision: string; servedSince: string } } };
    expect(body.data.dataset).toEqual({ revision: dataset.version, servedSince: '1970-01-01T00:00:03.000Z' });
  });
});
