// GraphQL over HTTP: the graphql-http audit suite against the real HTTP server, CSRF prevention and CORS.
import { createServer, type Server } from 'node:http';
import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, createEntenteYoga } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { entente } from './helpers.js';

let server: Server;
let url: string;

beforeAll(async () => {
  // The server's own handler, so that answers from the response cache are audited too.
  server = createServer((await entente()).handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('GraphQL over HTTP', () => {
  it('passes every graphql-http server audit (MUST, SHOULD and MAY), with no header beyond what a client sends', async () => {
    const results = await auditServer({ url });
    const failed = results.filter((r) => r.status !== 'ok').map((r) => `${r.status}: ${r.name}`);
    expect(failed).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(60);
    console.log(`graphql-http audits: ${results.length} run, ${results.filter((r) => r.status === 'ok').length} ok`);
  });

  const ask = async (accept: string, query: string, variables?: unknown) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify({ query, variables }) });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] },
    };
  };
  const SPEC = 'application/graphql-response+json, application/json;q=0.9';

  // Each: a request error, the code it must carry, and the start of graphql-js's own words.
  const requestErrors: [string, string, unknown, string, string][] = [
    [
      'a missing String!',
      'query R($slug: String!) { actor(slug: $slug) { id } }',
      {},
      'BAD_USER_INPUT',
      'Variable "$slug" of required type "String!" was not provided.',
    ],
    [
      'a null String!',
      'query R($slug: String!) { actor(slug: $slug) { id } }',
      { slug: null },
      'BAD_USER_INPUT',
      'Variable "$slug" of non-null type "String!" must not be null.',
    ],
    [
      'a missing TimeZone!',
      'query H($zone: TimeZone!) { timelineHistogram(interval: YEAR, zone: $zone) { count } }',
      {},
      'BAD_USER_INPUT',
      'Variable "$zone" of required type "TimeZone!" was not provided.',
    ],
    [
      'a missing [ID!]!',
      'query N($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      {},
      'BAD_USER_INPUT',
      'Variable "$ids" of required type "[ID!]!" was not provided.',
    ],
    [
      'a null inside [ID!]!',
      'query N($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      { ids: ['x', null] },
      'BAD_USER_INPUT',
      'Variable "$ids" got invalid value null at "ids[1]"',
    ],
    [
      'an unknown field in an input object',
      'query T($f: TimelineFilter) { timeline(filter: $f) { totalCount } }',
      { f: { bogus: 1 } },
      'BAD_USER_INPUT',
      'Variable "$f" got invalid value { bogus: 1 }; Field "bogus" is not defined by type "TimelineFilter".',
    ],
    [
      'a bad enum inside a list in an input object',
      'query T($f: TimelineFilter) { timeline(filter: $f) { totalCount } }',
      { f: { kinds: ['MEETING', 'PARTY'] } },
      'BAD_USER_INPUT',
      'Variable "$f" got invalid value "PARTY" at "f.kinds[1]"',
    ],
    ['a string for an Int', 'query T($n: Int) { timeline(first: $n) { totalCount } }', { n: 'ten' }, 'BAD_USER_INPUT', 'Variable "$n" got invalid value "ten"'],
    ['a document that does not parse', '{ actor(slug: "x") { id }', undefined, 'GRAPHQL_PARSE_FAILED', 'Syntax Error'],
    ['an unknown field', '{ nope }', undefined, 'GRAPHQL_VALIDATION_FAILED', 'Cannot query field "nope" on type "Query".'],
    [
      'a mutation, which the schema has none of',
      'mutation { x }',
      undefined,
      'GRAPHQL_VALIDATION_FAILED',
      'The mutation operation is not supported by the schema.',
    ],
    ['an unknown field of a subscription', 'subscription { x }', undefined, 'GRAPHQL_VALIDATION_FAILED', 'Cannot query field "x" on type "Subscription".'],
    ['a query over MAX_DEPTH', `{ actor(slug: "russia") ${'{ memberOf '.repeat(16)}{ name }${' }'.repeat(16)} }`, undefined, 'QUERY_TOO_DEEP', 'Query depth'],
    [
      'a query over MAX_COST',
      '{ timeline(first: 100) { edges { node { actors { timeline(first: 100) { edges { node { actors { timeline(first: 100) { totalCount } } } } } } } } } }',
      undefined,
      'QUERY_TOO_COSTLY',
      'Query cost',
    ],
  ];

  it.each(requestErrors)(
    "answers %s with a code, graphql-js's words, 4xx for the spec's media type and 200 for legacy JSON",
    async (_what, query, variables, code, words) => {
      const spec = await ask(SPEC, query, variables);
      expect(spec.status).toBe(400);
      expect(spec.type).toBe('application/graphql-response+json; charset=utf-8');
      expect(spec.body.data).toBeUndefined();
      expect(spec.body.errors).toHaveLength(1);
      expect(spec.body.errors![0]!.message.startsWith(words), spec.body.errors![0]!.message).toBe(true);
      expect(spec.body.errors![0]!.extensions?.code).toBe(code);
      const legacy = await ask('application/json', query, variables);
      expect(legacy.status).toBe(200);
      expect(legacy.body).toEqual(spec.body);
    },
  );

  it('answers a field error with data and 200 under both media types', async () => {
    for (const accept of [SPEC, 'application/json']) {
      const answer = await ask(accept, 'query { actor(slug: "russia") { name timeline(first: 0) { totalCount } } }');
      expect(answer.status).toBe(200);
      expect(answer.body.data).toEqual({ actor: null });
      expect(answer.body.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses requests that are not GraphQL requests with 4xx under both media types', async () => {
    for (const accept of [SPEC, 'application/json']) {
      const notJson = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: '{"query":' });
      expect(notJson.status).toBe(400);
      const objectName = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify({ query: '{ __typename }', operationName: {} }),
      });
      expect(objectName.status).toBe(400);
      expect((await objectName.json()).errors[0].extensions).toEqual({ code: 'BAD_REQUEST', parameter: 'operationName' });
    }
  });
});

describe('refusals of media types', () => {
  it('says what to ask for when no Accept entry can be answered (406), and what to send for an unread body (415), with codes', async () => {
    const notAcceptable = await fetch(`${url}?query=${encodeURIComponent('{ sources { id } }')}`, { headers: { accept: 'image/png' } });
    expect(notAcceptable.status).toBe(406);
    expect((await notAcceptable.json()).errors[0].extensions).toEqual({ code: 'NOT_ACCEPTABLE', header: 'accept' });
    const unsupported = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/xml', [CSRF_HEADER]: '1' }, body: '<query/>' });
    expect(unsupported.status).toBe(415);
    expect((await unsupported.json()).errors[0].extensions).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', header: 'content-type' });
  });
});

describe('CSRF prevention', () => {
  const get = (headers: Record<string, string> = {}) =>
    fetch(`${url}?query=${encodeURIComponent('{ sources { id } }')}`, {
      headers: { accept: 'application/graphql-response+json, application/json;q=0.9', ...headers },
    });

  it('answers a GET with only an Accept header, as urql and graphql-request send it: a GET only reads public data', async () => {
    const answer = await get();
    expect(answer.status).toBe(200);
    expect((await answer.json()).data.sources.length).toBeGreaterThan(0);
    expect(answer.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('refuses simple POSTs (forms, text/plain, no content type) without the header, naming it, and lets JSON through', async () => {
    const body = JSON.stringify({ query: '{ sources { id } }' });
    const simple: RequestInit[] = [
      { headers: { 'content-type': 'text/plain' }, body },
      { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query={sources{id}}' },
      { headers: {}, body: new Blob([body]) },
    ];
    for (const init of simple) {
      const refused = await fetch(url, { method: 'POST', ...init });
      expect(refused.status).toBe(403);
      const error = (await refused.json()).errors[0];
      expect(error.extensions).toEqual({ code: 'CSRF_HEADER_REQUIRED', header: CSRF_HEADER });
      expect(error.message).toContain(`"${CSRF_HEADER}"`);
    }
    expect(
      (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', [CSRF_HEADER]: '1' }, body: 'query={sources{id}}' }))
        .status,
    ).toBe(200);
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(200);
  });

  it('still refuses a mutation over GET', async () => {
    const answer = await fetch(`${url}?query=${encodeURIComponent('mutation { x }')}`, { headers: { accept: 'application/json' } });
    expect(answer.status).toBeGreaterThanOrEqual(400);
  });
});

describe('CORS', () => {
  const preflight = async (origins: string[], origin: string) => {
    const { store } = await entente();
    const yoga = createEntenteYoga({ store, corsOrigins: origins });
    return yoga.fetch('http://entente.test/graphql', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
  };

  it('is same-origin only by default: no site is allowed to read responses', async () => {
    const response = await preflight([], 'https://attacker.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows exactly the configured origins', async () => {
    const allowed = await preflight(['https://newsroom.example'], 'https://newsroom.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://newsroom.example');
    const other = await preflight(['https://newsroom.example'], 'https://attacker.example');
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://attacker.example');
    expect(readConfig({ CORS_ORIGINS: 'https://a.example, https://b.example:8443' }).corsOrigins).toEqual(['https://a.example', 'https://b.example:8443']);
    // With several, another origin gets no CORS header at all: not "null", which a sandboxed
    // frame (origin "null") could read. Credentials are never allowed: the API uses none.
    const two = ['https://a.example', 'https://b.example'];
    for (const origin of ['https://attacker.example', 'null']) expect((await preflight(two, origin)).headers.get('access-control-allow-origin')).toBeNull();
    const b = await preflight(two, 'https://b.example');
    expect(b.headers.get('access-control-allow-origin')).toBe('https://b.example');
    expect(b.headers.get('access-control-allow-credentials')).toBeNull();
    expect(b.headers.get('vary')).toMatch(/Origin/);
    expect(() => readConfig({ CORS_ORIGINS: 'https://a.example/path' })).toThrow(/CORS_ORIGINS must list origins/);
  });
});
