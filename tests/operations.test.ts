// Operations: request ids, one JSON log line per request, traceable masked errors, readiness,
// and switches for introspection and GraphiQL.
import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { jsonLogger, REQUEST_ID_HEADER } from '../src/observability/logger.js';
import { createEntenteYoga, type EntenteOptions } from '../src/app.js';
import { entente } from './helpers.js';

async function app(options: Omit<EntenteOptions, 'store' | 'revisions'> = {}, store?: MemoryStore) {
  const lines: Record<string, any>[] = [];
  const logger = jsonLogger('debug', (line) => lines.push(JSON.parse(line)));
  const yoga = createEntenteYoga({ store: store ?? (await entente()).store, logger, ...options });
  const post = (query: string, headers: Record<string, string> = {}) =>
    yoga.fetch('http://entente.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, operationName: undefined }),
    });
  return { yoga, lines, post };
}

describe('request ids and logs', () => {
  it('gives every response a request id and logs one JSON line per request', async () => {
    const { post, lines } = await app();
    const response = await post('query Sources { sources { id } }');
    const id = response.headers.get(REQUEST_ID_HEADER)!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'request',
      requestId: id,
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'Sources',
      cost: 1,
    });
    expect(typeof lines[0]!.durationMs).toBe('number');
    expect(Date.parse(lines[0]!.time)).not.toBeNaN();
  });

  it("keeps a caller's safe request id, and replaces an unsafe one", async () => {
    const { post } = await app();
    expect((await post('{ sources { id } }', { [REQUEST_ID_HEADER]: 'proxy-42.a' })).headers.get(REQUEST_ID_HEADER)).toBe('proxy-42.a');
    expect((await post('{ sources { id } }', { [REQUEST_ID_HEADER]: 'bad id\n{"level":"forged"}' })).headers.get(REQUEST_ID_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('masks an unexpected error with the request id, and logs its real message and stack under that id', async () => {
    const store = new MemoryStore((await entente()).dataset);
    store.timelines = async () => {
      throw new Error('connection to /var/lib/secret-db refused');
    };
    const { post, lines } = await app({}, store);
    const response = await post('{ timeline { totalCount } }');
    const id = response.headers.get(REQUEST_ID_HEADER);
    const text = await response.text();
    expect(text).not.toContain('secret');
    const [error] = JSON.parse(text).errors;
    expect(error).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: id } });
    const logged = lines.find((line) => line.msg === 'unexpected error');
    expect(logged).toMatchObject({ level: 'error', requestId: id, error: 'connection to /var/lib/secret-db refused' });
    expect(logged!.stack).toContain('operations.test.ts');
    expect(lines.find((line) => line.msg === 'request')).toMatchObject({ requestId: id, unexpectedErrors: 1 });
  });

  it('logs an export that fails under its request id, and answers 500 without internals', async () => {
    const store = new MemoryStore((await entente()).dataset);
    store.findSources = async () => {
      throw new Error('read /var/lib/secret-db/sources failed');
    };
    const { yoga, lines } = await app({}, store);
    const response = await yoga.fetch('http://entente.test/export/calendar.ics');
    expect(response.status).toBe(500);
    const id = response.headers.get(REQUEST_ID_HEADER)!;
    const text = await response.text();
    expect(text).not.toContain('secret');
    expect(JSON.parse(text).errors[0]).toEqual({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: id } });
    expect(lines.find((line) => line.msg === 'unexpected error')).toMatchObject({
      level: 'error',
      requestId: id,
      path: '/export/calendar.ics',
      error: 'read /var/lib/secret-db/sources failed',
    });
    expect(lines.find((line) => line.msg === 'request')).toMatchObject({ level: 'error', requestId: id, status: 500 });
  });

  it('gives /health, which Yoga answers before any plugin, a request id and a log line too', async () => {
    const { yoga, lines } = await app();
    const response = await yoga.fetch('http://entente.test/health', { headers: { [REQUEST_ID_HEADER]: 'probe-1' } });
    expect(response.status).toBe(200);
    expect(response.headers.get(REQUEST_ID_HEADER)).toBe('probe-1');
    expect(lines).toEqual([expect.objectContaining({ msg: 'request', requestId: 'probe-1', path: '/health', status: 200 })]);
  });

  it('logs from the configured level up', () => {
    const lines: string[] = [];
    const logger = jsonLogger('warn', (line) => lines.push(line));
    logger.log('info', { msg: 'skipped' });
    logger.log('error', { msg: 'kept' });
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['kept']);
    expect(readConfig({}).logLevel).toBe('info');
    expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of debug, info, warn, error, silent/);
  });
});

describe('metrics', () => {
  it("serves Prometheus metrics on a registry of each app's own", async () => {
    const first = await app();
    const second = await app(); // a second app in the same process: no "already registered"
    await first.post('query Sources { sources { id } }');
    const text = await (await first.yoga.fetch('http://entente.test/metrics')).text();
    expect(text).toMatch(/^graphql_yoga_http_duration_count\{[^}]*\} \d+/m);
    expect(text).toMatch(/^graphql_envelop_request_duration_count\{[^}]*operationType="query"[^}]*\} 1$/m);
    // Client-chosen operation names are not labels: a flood of names cannot grow the registry.
    for (let i = 0; i < 20; i++) await first.post(`query Name${i} { sources { id } }`);
    const after = await (await first.yoga.fetch('http://entente.test/metrics')).text();
    expect(after).not.toContain('operationName=');
    expect(after.length).toBeLessThan(text.length * 1.2);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    const other = await (await second.yoga.fetch('http://entente.test/metrics')).text();
    expect(other).not.toMatch(/^graphql_envelop_request_duration_count\{[^}]*\} [1-9]/m);
  });
});

describe('readiness and switches', () => {
  it('answers /ready with 200, and 503 once shutting down', async () => {
    let stopping = false;
    const { yoga } = await app({ isShuttingDown: () => stopping });
    expect((await yoga.fetch('http://entente.test/ready')).status).toBe(200);
    stopping = true;
    expect((await yoga.fetch('http://entente.test/ready')).status).toBe(503);
    expect((await yoga.fetch('http://entente.test/health')).status).toBe(200);
  });

  it('turns introspection and GraphiQL off when asked, and keeps both on by default', async () => {
    const off = await app({ introspection: false, graphiql: false });
    const introspection = (await (await off.post('{ __schema { queryType { name } } }')).json()) as { errors?: { message: string }[] };
    expect(introspection.errors?.[0]?.message).toMatch(/introspection has been disabled/);
    expect(await (await off.post('{ sources { id } }')).json()).toHaveProperty('data.sources');
    const page = await off.yoga.fetch('http://entente.test/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('Entente: diplomatic event timelines');

    const on = await app();
    expect(await (await on.post('{ __schema { queryType { name } } }')).json()).toEqual(
      expect.objectContaining({ data: { __schema: { queryType: { name: 'Query' } } } }),
    );
    expect(readConfig({}).introspection && readConfig({}).graphiql).toBe(true);
    expect(readConfig({ INTROSPECTION: 'false', GRAPHIQL: '0' })).toMatchObject({ introspection: false, graphiql: false });
  });
});
