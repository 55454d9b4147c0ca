// Compiled execution (graphql-jit) must answer exactly as graphql-js does: the same queries, run
// through an app that compiles from the first execution and one that never compiles, give the
// same bodies; and the operations graphql-jit gets wrong are left to graphql-js.
import { parse } from 'graphql';
import { compileQuery } from 'graphql-jit';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NESTED_PAGE, SMALL_LOOKUP, WINDOW } from '../bench/queries.js';
import { schema } from '../src/graphql/schema/index.js';
import { DEFAULT_JIT, isCompilable } from '../src/graphql/plugins/execute/jit.js';
import { loadExamples } from '../src/http/routes/examples.js';
import { DEFAULT_LIMITS } from '../src/graphql/limits/limits.js';
import { createEntenteYoga } from '../src/app.js';
import { Revisions } from '../src/store/revisions.js';
import { mutate, validQuery } from './fuzz-queries.js';
import { EXAMPLES_DIR, entente, globalId } from './helpers.js';
import { seededRandom } from './seeded-random.js';

// Counts compilations, and runs of what they compiled: a comparison means something only if
// the compiled code answered.
const compiledRuns = vi.hoisted(() => ({ count: 0 }));
vi.mock('graphql-jit', async (importOriginal) => {
  const original = await importOriginal<typeof import('graphql-jit')>();
  const compile = (...args: Parameters<typeof original.compileQuery>) => {
    const compiled = original.compileQuery(...args);
    if (!('query' in compiled)) return compiled;
    const query = compiled.query;
    compiled.query = (...run: Parameters<typeof query>) => {
      compiledRuns.count++;
      return query(...run);
    };
    return compiled;
  };
  return { ...original, compileQuery: vi.fn(compile) };
});

beforeEach(() => {
  vi.mocked(compileQuery).mockClear();
  compiledRuns.count = 0;
});

interface Request {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

async function apps() {
  const { store } = await entente();
  const revisions = new Revisions(store);
  const run = (yoga: ReturnType<typeof createEntenteYoga>) => async (request: Request) => {
    const response = await yoga.fetch('http://entente.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    return { status: response.status, body: await response.text() };
  };
  // No time limit: whichever engine a loaded machine slows past it would answer QUERY_TIMEOUT
  // where the other answers, and that says nothing about whether the two agree.
  const limits = { ...DEFAULT_LIMITS, maxExecutionMs: 60_000 };
  return {
    // One revision served since one instant: both engines answer about the same data.
    compiled: run(createEntenteYoga({ revisions, limits, jit: { ...DEFAULT_JIT, fromExecution: 1 } })),
    interpreted: run(createEntenteYoga({ revisions, limits, jit: false })),
  };
}

const FROM = '2012-11-29T00:00:00+04:00';

describe('compiled execution', () => {
  it('answers the examples, the benchmark queries and edge cases exactly as graphql-js', async () => {
    const { compiled, interpreted } = await apps();
    const requests: Request[] = [
      ...(await loadExamples(EXAMPLES_DIR)).map((example) => ({ query: example.query })),
      { query: NESTED_PAGE },
      { query: SMALL_LOOKUP, variables: { slug: 'russia' } },
      { query: WINDOW, variables: { from: FROM, to: '2012-11-30T00:00:00Z' } },
      // Variables: good, badly typed, missing, and a zone given as a variable.
      { query: WINDOW, variables: { from: FROM, to: 'tomorrow' } },
      { query: WINDOW, variables: { from: FROM } },
      { query: 'query ($z: TimeZone!) { timeline(first: 3) { edges { node { time { start(zone: $z) end(zone: $z) } } } } }', variables: { z: 'Asia/Tokyo' } },
      { query: 'query ($z: TimeZone!) { timeline(first: 3) { edges { node { time { start(zone: $z) } } } } }', variables: { z: 'Mars/Olympus' } },
      { query: 'query ($k: [EventKind!]) { timeline(filter: { kinds: $k }) { totalCount } }', variables: { k: ['MEETNG'] } },
      // Errors inside the execution: a bad cursor, a page too large, an actor that does not exist.
      { query: '{ timeline(first: 2, after: "bogus") { totalCount } }' },
      { query: '{ timeline(first: 1000) { totalCount } }' },
      { query: '{ actor(slug: "nobody") { id name } }' },
      { query: `{ node(id: "${globalId('Actor', 'russia')}") { id ... on Actor { name memberOf { name } } } }` },
      // Left to graphql-js, and must still be right.
      { query: `{ nodes(ids: ["${globalId('Actor', 'russia')}", "garbage!"]) { id } }` },
      { query: `{ timeline(filter: { from: "${FROM}" }, first: 2) { totalCount edges { node { id } } } }` },
      { query: 'query A { sources { id } } query B { actors { id } }', operationName: 'B' },
      { query: '{ __schema { queryType { name } } }' },
    ];
    for (const request of requests) {
      const runs = compiledRuns.count;
      expect(await compiled(request), request.query).toEqual(await interpreted(request));
      if (request.query === NESTED_PAGE || request.query === SMALL_LOOKUP) expect(compiledRuns.count, request.query).toBe(runs + 1);
    }
  });

  /**
   * An answer less the wording of its errors. When several fields fail under one that cannot be
   * null, only the first error to happen is reported, and that order is the engine's: the data
   * and the kinds of errors must agree, the choice of message and path may not.
   */
  const outcome = ({ status, body }: { status: number; body: string }) => {
    const parsed = JSON.parse(body) as { data?: unknown; errors?: { extensions?: { code?: string } }[]; extensions?: unknown };
    return { status, data: parsed.data, extensions: parsed.extensions, errors: parsed.errors?.map((e) => e.extensions?.code).sort() };
  };

  it('answers a thousand random queries as graphql-js does', async () => {
    const { compiled, interpreted } = await apps();
    const rng = seededRandom(19440606);
    let compilable = 0;
    for (let i = 0; i < 1000; i++) {
      const query = i % 4 === 3 ? mutate(validQuery(rng), rng) : validQuery(rng);
      try {
        if (isCompilable(schema, parse(query))) compilable++;
      } catch {
        // not a document: both apps refuse it alike
      }
      expect(outcome(await compiled({ query })), query).toEqual(outcome(await interpreted({ query })));
    }
    // Enough of them ran compiled for the comparison to mean something.
    expect(compilable).toBeGreaterThan(100);
    expect(compiledRuns.count).toBeGreaterThan(100);
  }, 120_000);

  it(`compiles a document from its ${DEFAULT_JIT.fromExecution}th execution, once`, async () => {
    const { store } = await entente();
    const yoga = createEntenteYoga({ store });
    const post = () =>
      yoga.fetch('http://entente.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: NESTED_PAGE }),
      });
    for (let i = 1; i < DEFAULT_JIT.fromExecution; i++) await post();
    expect(compileQuery).not.toHaveBeenCalled();
    await post();
    await post();
    expect(compileQuery).toHaveBeenCalledTimes(1);
    expect(compiledRuns.count).toBe(2);
  });

  it('keeps compilations up to maxSize, compiling again one it has forgotten, and never compiles a large document', async () => {
    const { store } = await entente();
    // Each of these documents counts 2 fields and 2 for its 13 tokens: two fit in 9, not three.
    const yoga = createEntenteYoga({ store, jit: { fromExecution: 1, maxDocumentFields: 10, maxSize: 9 } });
    const post = (query: string) =>
      yoga.fetch('http://entente.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const page = (n: number) => `{ timeline(first: ${n}) { totalCount } }`;
    for (const n of [1, 2, 1, 2]) await post(page(n));
    expect(compileQuery).toHaveBeenCalledTimes(2);
    await post(page(3)); // forgets 1, the least recently used
    await post(page(2));
    expect(compileQuery).toHaveBeenCalledTimes(3);
    await post(page(1));
    expect(compileQuery).toHaveBeenCalledTimes(4);
    // 16 fields: run on graphql-js, every time.
    const large = `{ ${Array.from({ length: 8 }, (_, i) => `a${i}: timeline(first: 1) { totalCount }`).join(' ')} }`;
    for (let i = 0; i < 3; i++) expect((await (await post(large)).json()).data.a7.totalCount).toBeGreaterThan(0);
    expect(compileQuery).toHaveBeenCalledTimes(4);
  });

  it.each([
    ['a custom scalar literal in an input object', `{ timeline(filter: { from: "${FROM}" }) { totalCount } }`],
    ['a custom scalar literal argument', '{ timeline { edges { node { time { start(zone: "UTC") } } } } }'],
    ['a custom scalar default value', 'query ($z: TimeZone = "UTC") { timeline { edges { node { time { start(zone: $z) } } } } }'],
    ['nodes, under an alias', '{ n: nodes(ids: []) { id } }'],
    ['nodes in a fragment', '{ ...F } fragment F on Query { nodes(ids: []) { id } }'],
    ['two operations', 'query A { sources { id } } query B { sources { id } }'],
    ['introspection', '{ __type(name: "Actor") { name } }'],
  ])('leaves to graphql-js a document with %s', (_what, query) => {
    expect(isCompilable(schema, parse(query))).toBe(false);
  });

  it('compiles documents with variables, fragments, aliases and enum literals', () => {
    for (const query of [
      NESTED_PAGE,
      WINDOW,
      'query ($k: [EventKind!]) { a: timeline(filter: { kinds: $k }) { ...C } } fragment C on EventConnection { totalCount }',
      '{ timeline(filter: { kinds: [VOTE] }) { totalCount } }',
    ]) {
      expect(isCompilable(schema, parse(query)), query).toBe(true);
    }
  });
});
