// A seeded fuzz test: thousands of random valid queries (walking the schema), mutated and
// malformed documents, odd variables, bodies and headers. None may cause a 5xx, a crash, or
// leak internals (stack frames, file paths, raw messages of unexpected errors).
import { describe, expect, it } from 'vitest';
import { entente } from './helpers.js';
import { mutate, validQuery } from './fuzz-queries.js';
import { seededRandom } from './seeded-random.js';
import { SERVER_ARGS, start } from './server-process.js';

/** Signs of leaked internals: stack frames, our file paths, the raw message of an unexpected error. */
const LEAKS = [/\bat [\w$.<>]+ \(/, /node_modules/, /\/work\//, /\.ts:\d+/, /TypeError|ReferenceError|Cannot read properties/];

type Fetch = (path: string, init: RequestInit) => Promise<Response>;

/** Sends `valid` generated, `mutated` and `malformed` requests; every answer must be below 500 and leak nothing. */
async function fuzz(fetcher: Fetch, seed: number, sizes: { valid: number; mutated: number; malformed: number }) {
  const rng = seededRandom(seed);
  const status: Record<number, number> = {};
  const send = async (init: RequestInit & { path?: string }) => {
    const response = await fetcher(init.path ?? '/graphql', init);
    const text = await response.text();
    status[response.status] = (status[response.status] ?? 0) + 1;
    expect(response.status, text.slice(0, 300)).toBeLessThan(500);
    for (const leak of LEAKS) expect(text, `leak ${leak} in ${text.slice(0, 300)}`).not.toMatch(leak);
    // Masked or not, an unexpected error is a defect: every bad input has an error of its own.
    expect(text, `${init.method} ${init.path ?? '/graphql'}`).not.toContain('INTERNAL_SERVER_ERROR');
    return text;
  };
  const json = (body: unknown, headers: Record<string, string> = {}) =>
    send({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  let answered = 0;
  for (let i = 0; i < sizes.valid; i++) {
    const body = JSON.parse(await json({ query: validQuery(rng) })) as { data?: unknown; errors?: unknown[] };
    if (body.data && !body.errors) answered++;
  }
  for (let i = 0; i < sizes.mutated; i++) await json({ query: mutate(validQuery(rng), rng) });
  const bodies: (() => Promise<unknown>)[] = [
    () => json('{'),
    () => json('null'),
    () => json('[]'),
    () => json(`[${'{"query":"{ sources { id } }"},'.repeat(3)}{}]`),
    () => json({ query: 42 }),
    () => json({ query: '{ sources { id } }', variables: 'x' }),
    () => json({ query: '{ sources { id } }', variables: [1, 2] }),
    () => json({ query: '{ sources { id } }', extensions: 'x' }),
    () =>
      json({
        query: 'query ($z: TimeZone!) { timeline { edges { node { time { start(zone: $z) } } } } }',
        variables: { z: rng.pick([1, null, {}, [], 'Mars/x', 'UTC']) },
      }),
    () =>
      json({
        query: 'query ($f: TimelineFilter) { timeline(filter: $f) { totalCount } }',
        variables: { f: { from: rng.pick([1, '2012', {}, null]), kinds: rng.pick([['X'], 'MEETING', [null]]), actors: rng.pick([[1], ['x'], 'y']) } },
      }),
    () => json({ query: '{ sources { id } }', operationName: rng.pick([42, 'Nope', '', null]) }),
    () =>
      json(
        { query: '{ sources { id } }' },
        {
          'content-type': rng.pick([
            'application/json; charset=latin1',
            'application/graphql',
            'text/html',
            'application/json;;;',
            'multipart/form-data; boundary=x',
          ]),
          accept: rng.pick(['*/*', 'application/xml', 'text/event-stream', 'application/graphql-response+json', '']),
        },
      ),
    () =>
      send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array(Array.from({ length: rng.int(200) }, () => rng.int(256))) }),
    () =>
      send({
        method: rng.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']),
        headers: { 'content-type': 'application/json' },
        ...(rng.chance(0.5) ? {} : { body: '{"query":"{ sources { id } }"}' }),
      }),
    () =>
      send({
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-graphql-yoga-csrf': '1' },
        body: `query=${encodeURIComponent(mutate('{ sources { id } }', rng))}&${rng.pick(['variables', 'extensions'])}=${encodeURIComponent(rng.pick(['{', '[]', 'null', '{"a":1}', '%']))}`,
      }),
    () =>
      send({
        method: 'GET',
        path: `/graphql${rng.pick(['', '/'])}?query=${encodeURIComponent(mutate('{ sources { id } }', rng))}&${rng.pick(['variables', 'extensions'])}=${encodeURIComponent(rng.pick(['{', '[]', 'null', '{"a":1}']))}`,
        headers: { 'x-graphql-yoga-csrf': '1' },
      }),
    () =>
      send({
        method: 'GET',
        path: rng.pick([
          '/export/calendar.ics?from=x',
          '/export/timeline.json?zone=%00',
          '/export/events.jsonld?kinds=,,,',
          '/export/calendar.ics?actors=%FF',
          '/nowhere',
          '/dashboard/../../etc/passwd',
          '/ready',
          '/metrics',
        ]),
      }),
  ];
  for (let i = 0; i < sizes.malformed; i++) await rng.pick(bodies)();
  const total = sizes.valid + sizes.mutated + sizes.malformed;
  return {
    total,
    answered,
    status,
    summary: `${total} requests (${sizes.valid} generated, ${answered} answered without errors; ${sizes.mutated} mutated; ${sizes.malformed} malformed); statuses ${JSON.stringify(status)}`,
  };
}

describe('fuzzing', () => {
  it('answers thousands of random, mutated and malformed requests without a 5xx, a crash or a leak', async () => {
    const { yoga } = await entente();
    const result = await fuzz((path, init) => Promise.resolve(yoga.fetch(`http://entente.test${path}`, init)), 20121129, {
      valid: 1500,
      mutated: 1500,
      malformed: 1000,
    });
    expect(result.total).toBe(4000);
    // The generator must reach real resolvers, not only argument errors.
    expect(result.answered).toBeGreaterThan(400);
    console.log(`fuzz (in process): ${result.summary}`);
  }, 240_000);

  it('does the same over HTTP against the server in production mode, which keeps running and logs no unexpected error', async () => {
    const server = await start(process.execPath, SERVER_ARGS, { NODE_ENV: 'production' });
    try {
      // fetch() itself refuses a GET or HEAD with a body, before sending anything.
      const overHttp: Fetch = (path, { body, ...init }) =>
        fetch(`${server.url}${path}`, init.method === 'GET' || init.method === 'HEAD' ? init : { ...init, body });
      const result = await fuzz(overHttp, 19450626, { valid: 400, mutated: 400, malformed: 400 });
      expect(result.answered).toBeGreaterThan(100);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      // Warnings are expected (Yoga logs refused bodies); an unexpected error is not.
      expect(server.output()).not.toMatch(/"level":"error"/);
      console.log(`fuzz (HTTP, production): ${result.summary}`);
    } finally {
      expect((await server.stop('SIGTERM')).code).toBe(0);
    }
  }, 240_000);
});
