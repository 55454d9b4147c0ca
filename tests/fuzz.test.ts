// A seeded fuzz test: thousands of random valid queries (walking the schema), mutated and
// malformed documents, odd variables, bodies and headers. None may cause a 5xx, a crash, or
// leak internals (stack frames, file paths, raw messages of unexpected errors).
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { entente, globalId } from './helpers.js';
import { seededRandom, type SeededRandom } from './seeded-random.js';
import { SERVER_ARGS, start } from './server-process.js';


// Argument values: mostly good ones, so that queries reach the resolvers, and some bad ones.
const GOOD: Record<string, readonly string[]> = {
  Int: ['1', '3', '20', '100'],
  String: ['"rome"', '"Lavrov Bogdanov"', '"russia"', '"sergei-lavrov"'],
  ID: [`"${globalId('Actor', 'russia')}"`, `"${globalId('Meeting', 'rome-opposition-conference')}"`, `"${globalId('Actor', 'ncc')}"`],
  Boolean: ['true', 'false'],
  DateTime: ['"2012-11-29T00:00:00+04:00"', '"2012-11-28T20:00:00Z"'],
  TimeZone: ['"UTC"', '"Europe/Moscow"', '"America/New_York"'],
};
const BAD: Record<string, readonly string[]> = {
  Int: ['0', '101', '-1', '2147483647', '99999999999', '1.5', '"7"', 'null'],
  String: ['""', '"WyJldmVudCIsMCwwLCJ4Il0"', '"\\u0000"', `"${'a'.repeat(300)}"`, '"%00"', '7', 'null'],
  ID: [`"${globalId('Vote', 'nope')}"`, '"garbage"', '""', '"=="', '"QTo="', '12', 'null'],
  Boolean: ['"yes"', 'null'],
  DateTime: ['"2012-11-29"', '"2012-13-45T99:00:00Z"', '"2012-11-29T00:00:00+99:00"', '""', '0', 'null'],
  TimeZone: ['"Mars/Olympus"', '""', '"+04:00"', '1', 'null'],
};

function literal(type: GraphQLInputType, rng: SeededRandom, depth: number): string {
  if (isNonNullType(type)) return literal(type.ofType, rng, depth);
  if (isListType(type)) return `[${Array.from({ length: rng.int(3) }, () => literal(type.ofType, rng, depth + 1)).join(', ')}]`;
  if (isEnumType(type)) return rng.chance(0.97) ? rng.pick(type.getValues()).name : 'NOT_A_VALUE';
  if (isInputObjectType(type)) {
    if (depth > 2) return '{}';
    const fields = Object.values(type.getFields()).filter(() => rng.chance(0.5));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type, rng, depth + 1)}`).join(', ')} }`;
  }
  const name = (type as GraphQLNamedType).name;
  return rng.pick((rng.chance(0.97) ? GOOD[name] : BAD[name]) ?? ['null']);
}

function args(list: readonly GraphQLArgument[], rng: SeededRandom): string {
  const chosen = list.filter((a) => isNonNullType(a.type) || rng.chance(0.4));
  return chosen.length ? `(${chosen.map((a) => `${a.name}: ${literal(a.type, rng, 0)}`).join(', ')})` : '';
}

/** A random selection on a type, up to `depth` levels, following the schema. */
function selection(type: GraphQLNamedType, rng: SeededRandom, depth: number): string {
  if (isUnionType(type)) return `{ __typename ${type.getTypes().map((t) => `... on ${t.name} ${selection(t, rng, depth)}`).join(' ')} }`;
  if (!isObjectType(type) && !isInterfaceType(type)) return '';
  const fields = Object.values((type as GraphQLObjectType).getFields());
  const picked = fields.filter(() => rng.chance(0.35));
  if (picked.length === 0) picked.push(rng.pick(fields));
  const parts = picked.flatMap((field) => {
    const named = getNamedType(field.type);
    const leaf = isScalarType(named) || isEnumType(named);
    if (!leaf && depth <= 0) return [];
    const alias = rng.chance(0.05) ? `a${rng.int(1000)}: ` : '';
    return [`${alias}${field.name}${args(field.args, rng)}${leaf ? '' : ` ${selection(named, rng, depth - 1)}`}`];
  });
  if (isInterfaceType(type) && rng.chance(0.5)) {
    const implementation = rng.pick(schema.getPossibleTypes(type));
    parts.push(`... on ${implementation.name} ${selection(implementation, rng, depth - 1)}`);
  }
  return `{ ${parts.join(' ') || '__typename'} }`;
}

function validQuery(rng: SeededRandom): string {
  return `query Fuzz ${selection(schema.getQueryType()!, rng, 2 + rng.int(5))}`;
}

function mutate(text: string, rng: SeededRandom): string {
  const chars = [...text];
  for (let i = 0, n = 1 + rng.int(4); i < n; i++) {
    const at = rng.int(chars.length + 1);
    const op = rng.int(4);
    if (op === 0) chars.splice(at, 1);
    else if (op === 1) chars.splice(at, 0, rng.pick(['{', '}', '(', ')', '"', '$', '@', '...', ':', '!', '#', '\\', '\u0000', 'é', '😀']));
    else if (op === 2) chars.splice(at, 0, ...chars.slice(at, at + rng.int(20)));
    else chars.length = Math.min(chars.length, at);
  }
  return chars.join('');
}

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
    () => json({ query: 'query ($z: TimeZone!) { timeline { edges { node { time { start(zone: $z) } } } } }', variables: { z: rng.pick([1, null, {}, [], 'Mars/x', 'UTC']) } }),
    () => json({ query: 'query ($f: TimelineFilter) { timeline(filter: $f) { totalCount } }', variables: { f: { from: rng.pick([1, '2012', {}, null]), kinds: rng.pick([['X'], 'MEETING', [null]]), actors: rng.pick([[1], ['x'], 'y']) } } }),
    () => json({ query: '{ sources { id } }', operationName: rng.pick([42, 'Nope', '', null]) }),
    () => json({ query: '{ sources { id } }' }, { 'content-type': rng.pick(['application/json; charset=latin1', 'application/graphql', 'text/html', 'application/json;;;', 'multipart/form-data; boundary=x']), accept: rng.pick(['*/*', 'application/xml', 'text/event-stream', 'application/graphql-response+json', '']) }),
    () => send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array(Array.from({ length: rng.int(200) }, () => rng.int(256))) }),
    () => send({ method: rng.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']), headers: { 'content-type': 'application/json' }, ...(rng.chance(0.5) ? {} : { body: '{"query":"{ sources { id } }"}' }) }),
    () => send({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-graphql-yoga-csrf': '1' }, body: `query=${encodeURIComponent(mutate('{ sources { id } }', rng))}&${rng.pick(['variables', 'extensions'])}=${encodeURIComponent(rng.pick(['{', '[]', 'null', '{"a":1}', '%']))}` }),
    () => send({ method: 'GET', path: `/graphql${rng.pick(['', '/'])}?query=${encodeURIComponent(mutate('{ sources { id } }', rng))}&${rng.pick(['variables', 'extensions'])}=${encodeURIComponent(rng.pick(['{', '[]', 'null', '{"a":1}']))}`, headers: { 'x-graphql-yoga-csrf': '1' } }),
    () => send({ method: 'GET', path: rng.pick(['/export/calendar.ics?from=x', '/export/timeline.json?zone=%00', '/export/events.jsonld?kinds=,,,', '/export/calendar.ics?actors=%FF', '/nowhere', '/dashboard/../../etc/passwd', '/ready', '/metrics']) }),
  ];
  for (let i = 0; i < sizes.malformed; i++) await rng.pick(bodies)();
  const total = sizes.valid + sizes.mutated + sizes.malformed;
  return { total, answered, status, summary: `${total} requests (${sizes.valid} generated, ${answered} answered without errors; ${sizes.mutated} mutated; ${sizes.malformed} malformed); statuses ${JSON.stringify(status)}` };
}

describe('fuzzing', () => {
  it('answers thousands of random, mutated and malformed requests without a 5xx, a crash or a leak', async () => {
    const { yoga } = await entente();
    const result = await fuzz((path, init) => Promise.resolve(yoga.fetch(`http://entente.test${path}`, init)), 20121129, { valid: 1500, mutated: 1500, malformed: 1000 });
    expect(result.total).toBe(4000);
    // The generator must reach real resolvers, not only argument errors.
    expect(result.answered).toBeGreaterThan(400);
    console.log(`fuzz (in process): ${result.summary}`);
  }, 240_000);

  it('does the same over HTTP against the server in production mode, which keeps running and logs no unexpected error', async () => {
    const server = await start(process.execPath, SERVER_ARGS, { NODE_ENV: 'production' });
    try {
      // fetch() itself refuses a GET or HEAD with a body, before sending anything.
      const overHttp: Fetch = (path, { body, ...init }) => fetch(`${server.url}${path}`, init.method === 'GET' || init.method === 'HEAD' ? init : { ...init, body });
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
