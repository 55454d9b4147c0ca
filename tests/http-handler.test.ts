// The node:http handler in front of Yoga: a repeated query is answered from the response cache
// without reaching Yoga, exactly as Yoga would answer it; anything Yoga might answer otherwise
// reaches Yoga.
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpHandler } from '../src/server/http-handler.js';
import { jsonLogger, REQUEST_ID_HEADER } from '../src/server/observability.js';
import { ResponseCache } from '../src/server/response-cache.js';
import { createEntenteYoga } from '../src/yoga.js';
import { entente } from './helpers.js';

const QUERY = 'query Pair($slug: String!) { actor(slug: $slug) { id name } timeline(first: 2) { totalCount edges { node { id } } } }';
const BODY = JSON.stringify({ query: QUERY, variables: { slug: 'france' } });

let server: Server;
let url: string;
let yogaCalls = 0;
let lines: Record<string, any>[] = [];

async function listen(cors: string[]): Promise<{ server: Server; url: string }> {
  const { store } = await entente();
  const responseCache = new ResponseCache('test', { maxBytes: 1_000_000, maxEntryBytes: 100_000 });
  const logger = jsonLogger('info', (line) => lines.push(JSON.parse(line)));
  const yoga = createEntenteYoga({ store, responseCache, logger, corsOrigins: cors });
  const handler = createHttpHandler({
    yoga: {
      handleNodeRequestAndResponse: (request, response) => {
        yogaCalls++;
        // Stands for a defect between reading the body and answering.
        if (request.headers['x-test-defect']) throw new Error('defect for the test');
        return yoga.handleNodeRequestAndResponse(request, response);
      },
    },
    responseCache,
    logger,
    maxBodyBytes: 10_000,
    cors: cors.length > 0,
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
    const logged = lines.filter((l) => l.msg === 'request').map(({ method, path, status, operationName, cost }) => ({ method, path, status, operationName, cost }));
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

  it('hands Yoga every request it might answer otherwise, with its body intact', async () => {
    await post(); // cached from here on
    const calls = yogaCalls;
    // Another media type asked for: Yoga's answer has another content type.
    const graphqlResponse = await post({ accept: 'application/graphql-response+json' });
    expect(graphqlResponse.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect((await graphqlResponse.json()).data.actor.name).toBe('France');
    // A parameter Yoga does not know: refused.
    const extra = await post({}, JSON.stringify({ query: QUERY, variables: { slug: 'france' }, persisted: true }));
    expect(extra.status).toBe(400);
    expect((await extra.json()).errors[0].message).toContain('Unexpected parameter "persisted"');
    // A body that is not JSON: Yoga's error.
    expect((await post({}, `${BODY.slice(0, -1)}`)).status).toBe(400);
    // The same query over GET.
    const get = await fetch(`${url}?query=${encodeURIComponent(QUERY)}&variables=${encodeURIComponent('{"slug":"france"}')}`, { headers: { 'x-graphql-yoga-csrf': '1' } });
    expect(get.status).toBe(200);
    expect(yogaCalls).toBe(calls + 4);
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
    expect(lines.find((l) => l.msg === 'unexpected error')).toMatchObject({ error: 'defect for the test', path: '/graphql', requestId: error.extensions.requestId });
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
