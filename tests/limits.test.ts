// Each limit: a query just under it runs, one just over it is refused before execution, with
// an error whose code and message name the limit.
import { Lexer, Source, TokenKind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readConfig, ConfigError } from '../src/config.js';
import { DEFAULT_LIMITS, type Limits } from '../src/graphql/limits/limits.js';
import { measureDocument } from '../src/graphql/limits/query-analysis.js';
import { loadExamples } from '../src/http/routes/examples.js';
import { createEntenteYoga } from '../src/app.js';
import { entente, EXAMPLES_DIR, query } from './helpers.js';

type Body = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[]; extensions?: Record<string, any> };

async function run(limits: Partial<Limits>, source: string, variables?: Record<string, unknown>): Promise<{ status: number; body: Body }> {
  const { store } = await entente();
  const yoga = createEntenteYoga({ store, limits: { ...DEFAULT_LIMITS, ...limits } });
  const response = await yoga.fetch('http://entente.test/graphql', {
    method: 'POST',
    // What modern clients ask for: a refusal is then a 400 (legacy application/json gets 200, see protocol.test.ts).
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9' },
    body: JSON.stringify({ query: source, variables }),
  });
  return { status: response.status, body: (await response.json()) as Body };
}

/** Runs at the limit (must pass) and one below it (must be refused with `code` naming `env`). */
async function underAndOver(limit: keyof Limits, atLimit: number, source: string, code: string, env: string) {
  const under = await run({ [limit]: atLimit }, source);
  expect(under.body.errors, JSON.stringify(under.body.errors)).toBeUndefined();
  const over = await run({ [limit]: atLimit - 1 }, source);
  expect(over.body.data ?? null).toBeNull();
  expect(over.body.errors).toHaveLength(1);
  expect(over.body.errors![0]!.extensions).toMatchObject({ code, limit: env, max: atLimit - 1 });
  expect(over.body.errors![0]!.message).toContain(`exceeds the limit of ${atLimit - 1} (${env})`);
}

function tokens(source: string): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

const DEEP = '{ timeline { edges { node { actors { memberOf { name } } } } } }'; // depth 6

describe('limits', () => {
  it('depth: counts nested fields through fragments', async () => {
    expect(measureDocument(parse(DEEP)).depth).toBe(6);
    expect(measureDocument(parse('{ timeline { ...T } } fragment T on EventConnection { edges { node { id } } }')).depth).toBe(4);
    await underAndOver('maxDepth', 6, DEEP, 'QUERY_TOO_DEEP', 'MAX_DEPTH');
  });

  it('depth: the default leaves headroom over the deepest example query', async () => {
    const deepest = Math.max(...(await loadExamples(EXAMPLES_DIR)).map((e) => measureDocument(parse(e.query)).depth));
    expect(deepest).toBe(9);
    expect(DEFAULT_LIMITS.maxDepth).toBeGreaterThanOrEqual(deepest + 5);
  });

  it('aliases', async () => {
    await underAndOver('maxAliases', 3, '{ a: sources { id } b: sources { id } c: sources { title } }', 'TOO_MANY_ALIASES', 'MAX_ALIASES');
  });

  it('directives', async () => {
    await underAndOver('maxDirectives', 2, '{ sources { id @include(if: true) title @skip(if: false) } }', 'TOO_MANY_DIRECTIVES', 'MAX_DIRECTIVES');
  });

  it('tokens', async () => {
    const source = '{ sources { id title kind } timeline(first: 3) { totalCount } }';
    await underAndOver('maxTokens', tokens(source), source, 'TOO_MANY_TOKENS', 'MAX_TOKENS');
  });

  it('query length', async () => {
    const source = '{ sources { id } }        ';
    await underAndOver('maxQueryLength', source.length, source, 'QUERY_TOO_LONG', 'MAX_QUERY_LENGTH');
  });

  it('cost: a connection multiplies what it selects by its page size', async () => {
    // timeline 1 + 10 × (edges 1 + node 1 + time 1) = 31; nodes: the page and its 10 items.
    const source = '{ timeline(first: 10) { edges { node { time { start } } } } }';
    const { body } = await run({}, source);
    expect(body.extensions?.cost).toEqual({ requested: 31, limit: DEFAULT_LIMITS.maxCost, nodes: 11, nodeLimit: DEFAULT_LIMITS.maxNodes });
    await underAndOver('maxCost', 31, source, 'QUERY_TOO_COSTLY', 'MAX_COST');
    // The page size may come from a variable, and defaults to 20.
    expect((await run({}, 'query ($n: Int) { timeline(first: $n) { edges { node { id } } } }', { n: 7 })).body.extensions?.cost.requested).toBe(15);
    expect((await run({}, '{ timeline { edges { node { id } } } }')).body.extensions?.cost.requested).toBe(41);
  });

  it('cost: one app prices the same document with other variables by what they ask, however often each comes', async () => {
    const { store } = await entente();
    const yoga = createEntenteYoga({ store });
    const paged = 'query ($n: Int) { timeline(first: $n) { edges { node { id } } } }';
    const post = async (variables: string) => {
      const response = await yoga.fetch('http://entente.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"query": ${JSON.stringify(paged)}, "variables": ${variables}}`,
      });
      return { status: response.status, body: (await response.json()) as Body };
    };
    for (const [variables, cost] of [
      ['{"n": 7}', 15],
      ['{"n": 3}', 7],
      ['{"n": 7}', 15],
      ['{"n": 3}', 7],
      ['{}', 41],
    ] as const) {
      expect((await post(variables)).body.extensions?.cost.requested, variables).toBe(cost);
    }
    // 1e400 parses to Infinity, which JSON writes as null: it must not be priced as null, nor null as it.
    const infinite = await post('{"n": 1e400}');
    expect(infinite.body.data).toBeUndefined();
    expect(infinite.body.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    const afterwards = await post('{"n": null}');
    expect(afterwards.status).toBe(200);
    expect(afterwards.body.extensions?.cost.requested).toBe(41);
  });

  it("cost: a variable's declared default counts, as execution will use it", async () => {
    const source = 'query ($n: Int = 100) { timeline(first: $n) { edges { node { id } } } }';
    expect((await run({}, source)).body.extensions?.cost.requested).toBe(201);
  });

  it('measures exponentially spread fragments in linear time, and refuses them', async () => {
    // F0 spreads F1 twice, F1 spreads F2 twice, ...: 2^30 uses of the last fragment in under 2 KB.
    const levels = 30;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join('\n');
    const source = `query { ...F0 }\n${fragments}\nfragment F${levels} on Query { sources { id } }`;
    const started = performance.now();
    const { body } = await run({}, source);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(body.extensions?.cost.requested).toBe(2 ** levels);
  });

  it('nodes: pages add up, and nested pages multiply', async () => {
    // 5 events + 4 of Russia's, and the three fields with arguments (each a node of its own):
    // 12 nodes before execution, and as many during it.
    const source = '{ timeline(first: 5) { edges { node { id } } } actor(slug: "russia") { timeline(first: 4) { edges { node { id } } } } }';
    expect((await run({}, source)).body.extensions?.cost.nodes).toBe(12);
    await underAndOver('maxNodes', 12, source, 'TOO_MANY_NODES', 'MAX_NODES');
    // Each of 5 events' actors may list 4 events of their own: 1 + 5 × (1 + 1 + 4) = 31 before
    // execution, so a limit of 30 refuses it before anything runs.
    const nested = '{ timeline(first: 5) { edges { node { actors { timeline(first: 4) { totalCount } } } } } }';
    expect((await run({}, nested)).body.extensions?.cost.nodes).toBe(31);
    const refused = await run({ maxNodes: 30 }, nested);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_NODES', actual: 31, max: 30 });
  });

  it('counts the items plain lists return during execution, and stops a fan-out past MAX_NODES', async () => {
    // Members and memberships cost little before execution but fan out: each level multiplies.
    const fanOut =
      '{ timeline(first: 5) { edges { node { actors { memberOf { members { memberOf { members { memberOf { members { memberOf { members { name } } } } } } } } } } } } }';
    const started = performance.now();
    const { status, body } = await run({}, fanOut);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(status).toBe(400);
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_NODES', limit: 'MAX_NODES', max: DEFAULT_LIMITS.maxNodes });
    expect(body.errors![0]!.message).toMatch(new RegExp(`^Node count \\d+ exceeds the limit of ${DEFAULT_LIMITS.maxNodes} \\(MAX_NODES\\)$`));
    // Its estimate before execution was small: only the counting during execution stopped it.
    expect(body.extensions?.cost.nodes).toBeLessThan(100);
    // The same budget lets an ordinary nested query through, and stops it when set below what it returns.
    const nested = '{ timeline(first: 25) { edges { node { actors { name memberOf { name } } } } } }';
    const whole = await run({}, nested);
    expect(whole.body.errors).toBeUndefined();
    // Its 25 edges, and every actor and membership they list (the page itself is under no list).
    const returned =
      25 +
      whole.body.data.timeline.edges.reduce(
        (sum: number, edge: { node: { actors: { memberOf: unknown[] }[] } }) =>
          sum + edge.node.actors.length + edge.node.actors.reduce((n, actor) => n + actor.memberOf.length, 0),
        0,
      );
    await underAndOver('maxNodes', returned, nested, 'TOO_MANY_NODES', 'MAX_NODES');
    // An item that asks for a page of its own counts three: the item, and the page twice (the
    // field and the work its arguments ask for).
    const paged = '{ timeline(first: 10) { edges { node { actors { timeline(first: 1) { totalCount } } } } } }';
    const pages = await run({}, paged);
    expect(pages.body.errors).toBeUndefined();
    const actors = pages.body.data.timeline.edges.reduce((sum: number, edge: { node: { actors: unknown[] } }) => sum + edge.node.actors.length, 0);
    await underAndOver('maxNodes', 10 + 3 * actors, paged, 'TOO_MANY_NODES', 'MAX_NODES');
    // So does each time rendered in a zone, through the objects an item holds, fragments included.
    const zoned =
      '{ timeline(first: 10) { edges { node { time { start(zone: "Asia/Tokyo") ...End } } } } } fragment End on TimeSpan { end(zone: "Asia/Tokyo") }';
    await underAndOver('maxNodes', 10 * 5, zoned, 'TOO_MANY_NODES', 'MAX_NODES');
  });

  it('stops a query that runs past MAX_EXECUTION_MS', async () => {
    const fanOut =
      '{ timeline(first: 5) { edges { node { actors { memberOf { members { memberOf { members { memberOf { members { memberOf { members { name } } } } } } } } } } } } }';
    const started = performance.now();
    const { status, body } = await run({ maxNodes: 100_000_000, maxExecutionMs: 200 }, fanOut);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(status).toBe(400);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TIMEOUT', limit: 'MAX_EXECUTION_MS', max: 200 });
    expect(body.errors![0]!.message).toMatch(/^Execution time in ms \d+ exceeds the limit of 200 \(MAX_EXECUTION_MS\)$/);
    // An ordinary query is well within it.
    expect((await run({ maxExecutionMs: 1_000 }, DEEP)).body.errors).toBeUndefined();
  });

  it('refuses a deeply paged query by default, before running it', async () => {
    const result = await query(
      '{ timeline(first: 100) { edges { node { actors { timeline(first: 100) { edges { node { actors { timeline(first: 100) { totalCount } } } } } } } } } }',
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(result.extensions?.cost.nodes).toBeGreaterThan(DEFAULT_LIMITS.maxNodes);
  });

  it('reports the cost of every executed query', async () => {
    const result = await query('{ sources { id } }');
    expect(result.extensions?.cost).toMatchObject({ requested: 1, limit: DEFAULT_LIMITS.maxCost });
  });

  it('hides field suggestions when asked (the default in production)', async () => {
    const shown = await run({ hideSuggestions: false }, '{ timeline { totalCont } }');
    expect(shown.body.errors![0]!.message).toContain('Did you mean "totalCount"?');
    const hidden = await run({ hideSuggestions: true }, '{ timeline { totalCont } }');
    expect(hidden.body.errors![0]!.message).toBe('Cannot query field "totalCont" on type "EventConnection".');
    // Also in errors about variables.
    const variable = await run({ hideSuggestions: true }, 'query ($k: [EventKind!]) { timeline(filter: { kinds: $k }) { totalCount } }', { k: ['MEETNG'] });
    expect(variable.body.errors![0]!.message).toContain('"MEETNG"');
    expect(variable.body.errors![0]!.message).not.toContain('Did you mean');
    expect(
      (await run({ hideSuggestions: false }, 'query ($k: [EventKind!]) { timeline(filter: { kinds: $k }) { totalCount } }', { k: ['MEETNG'] })).body.errors![0]!
        .message,
    ).toContain('Did you mean');
    expect(readConfig({ NODE_ENV: 'production' }).limits.hideSuggestions).toBe(true);
    expect(readConfig({}).limits.hideSuggestions).toBe(false);
  });

  it('stops a query after MAX_ERRORS errors of its fields, quoting the first', async () => {
    const ids = ['!a', '!b', '!c', '!d', '!e'];
    const source = 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    const within = await run({ maxErrors: 5 }, source, { ids });
    expect(within.body.errors).toHaveLength(5);
    expect(within.body.data.nodes).toEqual([null, null, null, null, null]);
    const over = await run({ maxErrors: 4 }, source, { ids });
    expect(over.status).toBe(400);
    expect(over.body.data ?? null).toBeNull();
    expect(over.body.errors).toHaveLength(1);
    expect(over.body.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ERRORS', limit: 'MAX_ERRORS', max: 4 });
    expect(over.body.errors![0]!.message).toMatch(/^Error count 5 exceeds the limit of 4 \(MAX_ERRORS\); the first: Invalid ID "!a"/);
    // Errors of a nested field with wrong arguments count the same way (each actor's timeline).
    const nested = await run({ maxErrors: 2 }, '{ timeline(first: 10) { edges { node { actors { a: timeline(first: 0) { totalCount } } } } } }');
    expect(nested.body.errors).toHaveLength(1);
  });

  it('refuses an answer larger than MAX_RESPONSE_BYTES, counted before it is serialised', async () => {
    const source = '{ sources { text } }';
    const whole = await run({}, source);
    const size = JSON.stringify(whole.body.data).length;
    expect((await run({ maxResponseBytes: size + 200 }, source)).body.errors).toBeUndefined();
    const over = await run({ maxResponseBytes: Math.floor(size / 2) }, source);
    expect(over.status).toBe(400);
    expect(over.body.errors![0]!.extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', limit: 'MAX_RESPONSE_BYTES', max: Math.floor(size / 2) });
  });

  it('refuses a body over the limit with 413, and a batch of operations', async () => {
    const big = `{ sources { id } } # ${'x'.repeat(2000)}`;
    const { store } = await entente();
    const yoga = createEntenteYoga({ store, limits: { ...DEFAULT_LIMITS, maxBodyBytes: 1000, maxQueryLength: 1_000_000 } });
    const post = (body: string) => yoga.fetch('http://entente.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post(JSON.stringify({ query: big }))).status).toBe(413);
    expect((await post(JSON.stringify({ query: '{ sources { id } }' }))).status).toBe(200);
    expect((await post(JSON.stringify([{ query: '{ sources { id } }' }, { query: '{ sources { id } }' }]))).status).toBe(400);
  });

  it('counts a body without Content-Length as it arrives, and checks the header of one with it', async () => {
    const { store } = await entente();
    const yoga = createEntenteYoga({ store, limits: { ...DEFAULT_LIMITS, maxBodyBytes: 1000, maxQueryLength: 1_000_000 } });
    const chunked = (text: string) => {
      // Two chunks and no length: what a client streaming its request sends.
      const bytes = new TextEncoder().encode(text);
      const half = Math.floor(bytes.length / 2);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.slice(0, half));
          controller.enqueue(bytes.slice(half));
          controller.close();
        },
      });
      return yoga.fetch('http://entente.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
    };
    const tooBig = await chunked(JSON.stringify({ query: `{ sources { id } } # ${'x'.repeat(2000)}` }));
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).errors[0]).toMatchObject({
      message: 'Request body too large: more than 1000 bytes (MAX_BODY_BYTES)',
      extensions: { code: 'REQUEST_ENTITY_TOO_LARGE', limit: 'MAX_BODY_BYTES', max: 1000 },
    });
    const fits = await chunked(JSON.stringify({ query: '{ sources { id } }' }));
    expect(fits.status).toBe(200);
    expect((await fits.json()).data.sources.length).toBeGreaterThan(0);

    const withLength = (length: string) =>
      yoga.fetch('http://entente.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': length },
        body: '{"query":"{ sources { id } }"}',
      });
    const claimed = await withLength('5000');
    expect(claimed.status).toBe(413);
    const invalid = await withLength('12, 12');
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).errors[0]).toMatchObject({ message: 'Content-Length header is invalid.', extensions: { code: 'BAD_REQUEST' } });
  });

  it('refuses an export larger than MAX_EXPORT_EVENTS, naming the limit', async () => {
    const { store } = await entente();
    const exportOf = async (maxExportEvents: number) => {
      const yoga = createEntenteYoga({ store, limits: { ...DEFAULT_LIMITS, maxExportEvents } });
      return yoga.fetch('http://entente.test/export/events.jsonld?kinds=VOTE');
    };
    expect((await exportOf(3)).status).toBe(200); // the three vetoed drafts
    const over = await exportOf(2);
    expect(over.status).toBe(400);
    const error = ((await over.json()) as Body).errors![0]!;
    expect(error.extensions).toEqual({ code: 'EXPORT_TOO_LARGE', limit: 'MAX_EXPORT_EVENTS', actual: 3, max: 2 });
    expect(error.message).toMatch(/^Export of 3 events exceeds the limit of 2 \(MAX_EXPORT_EVENTS\): narrow it with days, from, to, actors/);
  });

  it('reads every limit from the environment, and refuses a bad value naming the variable', () => {
    const config = readConfig({
      MAX_DEPTH: '20',
      MAX_ALIASES: '5',
      MAX_DIRECTIVES: '6',
      MAX_TOKENS: '700',
      MAX_QUERY_LENGTH: '800',
      MAX_COST: '900',
      MAX_NODES: '1000',
      MAX_ERRORS: '7',
      MAX_BODY_BYTES: '2048',
      MAX_RESPONSE_BYTES: '4096',
      MAX_EXECUTION_MS: '3000',
      MAX_EXPORT_EVENTS: '400',
      HIDE_SUGGESTIONS: 'true',
      REQUEST_TIMEOUT_MS: '5000',
    });
    expect(config.limits).toEqual({
      maxDepth: 20,
      maxAliases: 5,
      maxDirectives: 6,
      maxTokens: 700,
      maxQueryLength: 800,
      maxCost: 900,
      maxNodes: 1000,
      maxErrors: 7,
      maxBodyBytes: 2048,
      maxResponseBytes: 4096,
      maxExecutionMs: 3000,
      maxExportEvents: 400,
      hideSuggestions: true,
    });
    expect(config.requestTimeoutMs).toBe(5000);
    expect(() => readConfig({ MAX_COST: 'lots' })).toThrow(new ConfigError('MAX_COST must be a whole number from 1 to 100000000 (got "lots")'));
    expect(() => readConfig({ HIDE_SUGGESTIONS: 'maybe' })).toThrow(/HIDE_SUGGESTIONS must be true or false/);
  });

  it('bounds the response cache in bytes, and tells a deployment that still counts entries what replaced them', () => {
    expect(readConfig({})).toMatchObject({ responseCacheBytes: 32 * 1024 * 1024, responseCacheEntryBytes: 1024 * 1024 });
    expect(readConfig({ RESPONSE_CACHE_BYTES: '0', RESPONSE_CACHE_ENTRY_BYTES: '5000' })).toMatchObject({
      responseCacheBytes: 0,
      responseCacheEntryBytes: 5000,
    });
    expect(() => readConfig({ RESPONSE_CACHE_ENTRIES: '1000' })).toThrow(
      new ConfigError('RESPONSE_CACHE_ENTRIES is no longer read: set RESPONSE_CACHE_BYTES (the cache is bounded in bytes, 0 turns it off)'),
    );
    expect(() => readConfig({ RESPONSE_CACHE_BYTES: 'big' })).toThrow(/RESPONSE_CACHE_BYTES must be a whole number/);
  });
});
