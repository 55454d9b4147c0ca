// The node:http handler in front of Yoga: a repeated query is answered from the response cache
// without reaching Yoga, exactly as Yoga would answer it; anything Yoga might answer otherwise
// reaches Yoga.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpHandler } from '../src/http/node-handler.js';
import { jsonLogger, REQUEST_ID_HEADER } from '../src/observability/logger.js';
import { PersistedQueries } from '../src/graphql/plugins/params/persisted-queries.js';
import { ResponseCache } from '../src/graphql/response-cache.js';
import { createEntenteYoga } from '../src/app.js';
import { entente } from './helpers.js';
import { Revisions, servedKey } from '../src/store/revisions.js';

const QUERY = 'query Pair($slug: String!) { actor(slug: $slug) { id name } timeline(first: 2) { totalCount edges { node { id } } } }';
const BODY = JSON.stringify({ query: QUERY, variables: { slug: 'france' } });

let server: Server;
let url: string;
let yogaCalls = 0;
let lines: Record<string, any>[] = [];

async function listen(cors: string[]): Promise<{ server: Server; url: string }> {
  const { store } = await entente();
  const responseCache = new ResponseCache({ maxBytes: 1_000_000, maxEntryBytes: 100_000 });
  const logger = jsonLogger('info', (line) => lines.push(JSON.parse(line)));
  const persistedQueries = new PersistedQueries({ maxBytes: 100_000, maxQueryLength: 10_000 });
  // One revision served, which the handler in front and Yoga key their answers by.
  const revisions = new Revisions(store);
  const yoga = createEntenteYoga({ revisions, responseCache, logger, corsOrigins: cors, persistedQueries });
  const handler = createHttpHandler({
    servedKey: () => servedKey(revisions.current()),
    yoga: {
      handleNodeRequestAndResponse: (request, response) => {
        yogaCalls++;
        // Stands for a defect between reading the body and answering.
        if (request.headers['x-test-defect']) throw new Error('defect for the test');
        return yoga.handleNodeRequestAndResponse(request, response);
      },
    },
    responseCache,
    persistedQueries,
    logger,
    maxBodyBytes: 10_000,
    cors: cors.length > 0,
    cacheMaxAgeSeconds: 60,
  });
  const listening = createServer(handler);
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  return { server: listening, url: `http://127.0.0.1:${(listening.address() as { port: number }).port}/graphql` };
}

beforeAll(async () => {
  ({ server, url } = await listen([]));
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  lines = [];
});

const post = (headers: Record<string, string> = {}, body = BODY, target = url) =>
  fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** What a client sees of an answer, less what differs on every request. */
async function seen(response: Response) {
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !['date', REQUEST_ID_HEADER].includes(name)));
  return { status: response.status, headers, body: await response.text() };
}

describe('answers from the cache before Yoga', () => {
  it('answers a repeated query without Yoga, with the status, headers and body Yoga gave', async () => {
    const calls = yogaCalls;
    const first = await seen(await post());
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body).data.actor.name).toBe('France');
    expect(yogaCalls).toBe(calls + 1);
    const again = await post({ [REQUEST_ID_HEADER]: 'desk-42' });
    expect(again.headers.get(REQUEST_ID_HEADER)).toBe('desk-42');
    expect(await seen(again)).toEqual(first);
    expect(yogaCalls).toBe(calls + 1);
    // Logged like the request Yoga answered: operation, cost and status.
    const logged = lines
      .filter((l) => l.msg === 'request')
      .map(({ method, path, status, operationName, cost }) => ({ method, path, status, operationName, cost }));
    expect(logged).toHaveLength(2);
    expect(logged[1]).toEqual(logged[0]);
    expect(logged[0]).toMatchObject({ method: 'POST', path: '/graphql', status: 200, operationName: 'Pair' });
    expect(lines.at(-1)!.requestId).toBe('desk-42');
  });

  it('gives a 304 to a client that has the ETag, as Yoga does', async () => {
    const etag = (await post()).headers.get('etag')!;
    const calls = yogaCalls;
    const notModified = await post({ 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(notModified.headers.get(REQUEST_ID_HEADER)).toBeTruthy();
    expect(await notModified.text()).toBe('');
    expect(yogaCalls).toBe(calls);
  });

  it("answers what modern clients send from the cache, with the content type and ETag Yoga gives: the spec's Accept, GET and persisted GET", async () => {
    const fromYoga = await post({ accept: 'application/graphql-response+json, application/json;q=0.9' }); // cached from here on
    const calls = yogaCalls;
    const viaGet = (query: string, accept: string, extensions?: object) =>
      fetch(`${url}?${new URLSearchParams({ query, variables: '{"slug":"france"}', ...(extensions && { extensions: JSON.stringify(extensions) }) })}`, {
        headers: { accept },
      });
    const expectations: [string, string][] = [
      ['application/graphql-response+json, application/json;q=0.9', 'application/graphql-response+json'],
      ['application/graphql-response+json', 'application/graphql-response+json'],
      ['application/json, application/graphql-response+json', 'application/json'],
      ['*/*', 'application/json'],
      ['application/*;q=0.5, application/graphql-response+json', 'application/json'],
    ];
    for (const [accept, mediaType] of expectations) {
      for (const answer of [await post({ accept }), await viaGet(QUERY, accept)]) {
        expect(answer.status, accept).toBe(200);
        expect(answer.headers.get('content-type'), accept).toBe(`${mediaType}; charset=utf-8`);
        expect(answer.headers.get('etag'), accept).toMatch(mediaType === 'application/json' ? /\.json"$/ : /\.graphql-response"$/);
        expect((await answer.json()).data.actor.name).toBe('France');
      }
    }
    expect(yogaCalls).toBe(calls);
    // GETs say how long they may be kept; POSTs cannot be kept anyway.
    expect((await viaGet(QUERY, '*/*')).headers.get('cache-control')).toBe('public, max-age=60');
    expect(fromYoga.headers.get('cache-control')).toBeNull();
    // The same as a persisted query: its hash alone, once the server knows it, from the cache too.
    const sha256Hash = createHash('sha256').update(QUERY).digest('hex');
    const persisted = { persistedQuery: { version: 1, sha256Hash } };
    expect((await viaGet('', 'application/graphql-response+json', persisted)).status).toBe(404); // not known yet: Yoga says so
    expect((await viaGet(QUERY, '*/*', persisted)).status).toBe(200); // now it is
    // The same hash in capitals names the same query.
    const upper = { persistedQuery: { version: 1, sha256Hash: sha256Hash.toUpperCase() } };
    expect((await (await viaGet('', 'application/graphql-response+json', upper)).json()).data.actor.name).toBe('France');
    const before = yogaCalls;
    const hashOnly = await fetch(`${url}?${new URLSearchParams({ variables: '{"slug":"france"}', extensions: JSON.stringify(persisted) })}`, {
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(hashOnly.status).toBe(200);
    expect(hashOnly.headers.get('cache-control')).toBe('public, max-age=60');
    expect((await hashOnly.json()).data.actor.name).toBe('France');
    expect(yogaCalls).toBe(before);
  });

  it('hands Yoga every request it might answer otherwise, with its body intact', async () => {
    await post(); // cached from here on
    const calls = yogaCalls;
    // A parameter Yoga does not know: refused in a body, ignored in a URL (Yoga's rules either way).
    const extra = await post({}, JSON.stringify({ query: QUERY, variables: { slug: 'france' }, persisted: true }));
    expect(extra.status).toBe(400);
    expect((await extra.json()).errors[0].message).toContain('Unexpected parameter "persisted"');
    expect((await fetch(`${url}?query=${encodeURIComponent(QUERY)}&variables=${encodeURIComponent('{"slug":"france"}')}&persisted=1`)).status).toBe(200);
    // A body that is not JSON: Yoga's error.
    expect((await post({}, `${BODY.slice(0, -1)}`)).status).toBe(400);
    // A media type Yoga does not answer with JSON, and a browser asking for a page (GraphiQL).
    expect((await post({ accept: 'text/event-stream' })).headers.get('content-type')).toContain('text/event-stream');
    const page = await fetch(`${url}?query=${encodeURIComponent(QUERY)}&variables=${encodeURIComponent('{"slug":"france"}')}`, {
      headers: { accept: 'text/html,*/*;q=0.8' },
    });
    expect(page.headers.get('content-type')).toContain('text/html');
    // A hash that is not the query's.
    const wrongHash = { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } };
    expect(
      (await post({ accept: 'application/graphql-response+json' }, JSON.stringify({ query: QUERY, variables: { slug: 'france' }, extensions: wrongHash })))
        .status,
    ).toBe(400);
    expect(yogaCalls).toBe(calls + 6);
  });

  it('leaves cross-origin calls to Yoga when CORS is on, so that they get its headers', async () => {
    const withCors = await listen(['https://newsroom.example']);
    try {
      await post({}, BODY, withCors.url);
      const calls = yogaCalls;
      const crossOrigin = await post({ origin: 'https://newsroom.example' }, BODY, withCors.url);
      expect(crossOrigin.headers.get('access-control-allow-origin')).toBe('https://newsroom.example');
      expect(yogaCalls).toBe(calls + 1);
      const sameOrigin = await post({}, BODY, withCors.url);
      expect(yogaCalls).toBe(calls + 1);
      // Answers differ by Origin once CORS is on: every one says so, from the cache or from Yoga.
      for (const answer of [crossOrigin, sameOrigin]) expect(answer.headers.get('vary')).toMatch(/\bAccept\b.*\bOrigin\b|\bOrigin\b.*\bAccept\b/);
    } finally {
      await new Promise((resolve) => withCors.server.close(resolve));
    }
  });

  it('answers 500 and logs a defect after the body is read, and keeps serving', async () => {
    const failed = await post({ 'x-test-defect': '1' }, JSON.stringify({ query: '{ sources { id } }' }));
    expect(failed.status).toBe(500);
    const error = (await failed.json()).errors[0];
    expect(error).toEqual({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) } });
    // The log line with that id has the real message; the client has neither it nor a stack.
    expect(lines.find((l) => l.msg === 'unexpected error')).toMatchObject({
      error: 'defect for the test',
      path: '/graphql',
      requestId: error.extensions.requestId,
    });
    expect(lines.find((l) => l.msg === 'request' && l.status === 500)).toMatchObject({ requestId: error.extensions.requestId });
    expect((await post()).status).toBe(200);
  });

  it('survives a client that leaves in the middle of its body', async () => {
    const { port } = server.address() as { port: number };
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${BODY.length}\r\n\r\n${BODY.slice(0, 10)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await post()).status).toBe(200);
  });
});
