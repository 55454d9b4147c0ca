// Bad input gets a clear GraphQL error with extensions.code; unexpected errors are masked.
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { createEntenteYoga } from '../src/app.js';
import { entente, error, globalId } from './helpers.js';

const ONE_EVENT = (args: string) => `{ timeline(${args}) { totalCount } }`;

describe('input errors', () => {
  it('refuses an unknown time zone, naming it, in a literal and in a variable', async () => {
    const literal = await error('{ timeline(first: 1) { edges { node { time { start(zone: "Mars/Olympus") } } } } }');
    expect(literal.extensions?.code).toBe('BAD_USER_INPUT');
    expect(literal.message).toContain('"Mars/Olympus"');
    const variable = await error('query ($zone: TimeZone) { timeline(first: 1) { edges { node { time { end(zone: $zone) } } } } }', {
      zone: 'Europe/Atlantis',
    });
    expect(variable.extensions?.code).toBe('BAD_USER_INPUT');
    expect(variable.message).toContain('"Europe/Atlantis"');
  });

  it.each(['2012-11-29', '2012-11-29T00:00:00', 'Thursday', '2012-11-31T00:00:00Z'])('refuses the DateTime "%s" without a usable offset', async (value) => {
    const literal = await error(ONE_EVENT(`filter: { from: "${value}" }`));
    expect(literal.extensions?.code).toBe('BAD_USER_INPUT');
    expect(literal.message).toContain(`"${value}"`);
    const variable = await error('query ($to: DateTime) { timeline(filter: { to: $to }) { totalCount } }', { to: value });
    expect(variable.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['first: 0', 'first'],
    ['first: 101', 'first'],
    ['last: 0', 'last'],
    ['last: 101', 'last'],
    ['first: -5', 'first'],
  ])('refuses %s: page sizes run from 1 to 100', async (args, argument) => {
    const e = await error(ONE_EVENT(args));
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument, min: 1, max: 100 });
    expect(e.message).toContain(`"${argument}" must be between 1 and 100`);
  });

  it('accepts the bounds 1 and 100, on actor timelines and actors too', async () => {
    const { query } = await import('./helpers.js');
    const ok = await query(
      '{ a: timeline(first: 1) { totalCount } b: timeline(last: 100) { totalCount } actors(first: 100) { totalCount } actor(slug: "russia") { timeline(first: 100) { totalCount } } }',
    );
    expect(ok.errors).toBeUndefined();
    expect((await error('{ actors(first: 0) { totalCount } }')).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await error('{ actor(slug: "russia") { timeline(first: 101) { totalCount } } }')).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await error('{ timeline(first: 2, last: 2) { totalCount } }')).message).toMatch(/not both/);
  });

  it('refuses invalid cursors, and a cursor from another list', async () => {
    expect((await error(ONE_EVENT('after: "garbage"'))).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect((await error(ONE_EVENT('before: "WyJldmVudCJd"'))).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'before' });
    const { query } = await import('./helpers.js');
    const actors = await query('{ actors(first: 1) { pageInfo { endCursor } } }');
    const actorCursor = actors.data.actors.pageInfo.endCursor;
    expect((await error(ONE_EVENT(`after: "${actorCursor}"`))).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['garbage!', 'not a global ID'],
    ['', 'not a global ID'],
    ['Zm9v', 'not a global ID'], // base64 of "foo": no type
    [globalId('Planet', 'mars'), 'unknown type "Planet"'],
  ])('refuses the invalid global ID "%s" in node and nodes', async (id, why) => {
    const node = await error(`{ node(id: "${id}") { id } }`);
    expect(node.extensions).toMatchObject({ code: 'BAD_USER_INPUT', id });
    expect(node.message).toContain(why);
    // In nodes, an invalid ID fails its own item only: the other items and fields still answer.
    const { query } = await import('./helpers.js');
    const nodes = await query(`{ actor(slug: "russia") { name } nodes(ids: ["${globalId('Actor', 'russia')}", "${id}"]) { id } }`);
    expect(nodes.data).toEqual({ actor: { name: 'Russia' }, nodes: [{ id: globalId('Actor', 'russia') }, null] });
    expect(nodes.errors).toHaveLength(1);
    expect(nodes.errors![0]).toMatchObject({ path: ['nodes', 1], extensions: { code: 'BAD_USER_INPUT', id } });
  });

  it('refuses a filter actor ID of another type, and a window that ends before it starts', async () => {
    const wrongType = await error(ONE_EVENT(`filter: { actors: ["${globalId('Meeting', 'ncc-news-conference')}"] }`));
    expect(wrongType.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrongType.message).toContain('filter.actors[0]');
    const backwards = await error(ONE_EVENT('filter: { from: "2012-11-30T00:00:00Z", to: "2012-11-29T00:00:00Z" }'));
    expect(backwards.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('reports a query that does not fit the schema as a validation error', async () => {
    expect((await error('{ timeline { totalCount population } }')).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('bad JSON in URL-encoded parameters', () => {
  const QUERY = encodeURIComponent('{ sources { id } }');
  const send = {
    'GET /graphql': (name: string, value: string) => [`/graphql?query=${QUERY}&${name}=${encodeURIComponent(value)}`, {}] as const,
    'GET /graphql/': (name: string, value: string) => [`/graphql/?query=${QUERY}&${name}=${encodeURIComponent(value)}`, {}] as const,
    'a form POST': (name: string, value: string) =>
      [
        `/graphql`,
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${QUERY}&${name}=${encodeURIComponent(value)}` },
      ] as const,
  };
  it.each(Object.keys(send).flatMap((how) => ['variables', 'extensions'].map((name) => [how, name] as [keyof typeof send, string])))(
    '%s: refuses bad JSON in %s with a 400 that names it',
    async (how, name) => {
      const { yoga } = await entente();
      const request = (value: string) => {
        const [path, init] = send[how](name, value);
        return yoga.fetch(`http://entente.test${path}`, { ...init, headers: { ...('headers' in init ? init.headers : {}), 'x-graphql-yoga-csrf': '1' } });
      };
      const bad = await request('{"echo-me": ');
      expect(bad.status).toBe(400);
      const text = await bad.text();
      // The message is fixed: it never repeats what was sent (V8's own quotes the input).
      expect(text).not.toContain('echo-me');
      const body = JSON.parse(text) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]!.message).toBe(`The "${name}" parameter is not valid JSON`);
      expect(body.errors[0]!.extensions).toEqual({ code: 'BAD_REQUEST', parameter: name });
      expect((await request('{}')).status).toBe(200);
    },
  );
});

describe('unexpected errors', () => {
  it('masks them: no internal message, path or stack reaches the client', async () => {
    const { dataset } = await entente();
    const store = new MemoryStore(dataset);
    store.timelines = async () => {
      throw new Error('connection to /var/lib/secret-db refused');
    };
    const yoga = createEntenteYoga({ store });
    const response = await yoga.fetch('http://entente.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ timeline { totalCount } }' }),
    });
    const text = await response.text();
    expect(text).not.toContain('secret');
    expect(text).not.toContain('at ');
    expect(JSON.parse(text).errors[0].message).toBe('Unexpected error.');
  });
});
