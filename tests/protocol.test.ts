// GraphQL over HTTP: the graphql-http audit suite against the real HTTP server, CSRF prevention and CORS.
import { createServer, type Server } from 'node:http';
import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, createEntenteYoga } from '../src/yoga.js';
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
  it('passes every graphql-http server audit (MUST, SHOULD and MAY)', async () => {
    // The audits' GET requests are "simple" requests: like any non-browser client, they send the
    // CSRF header (a browser on another site cannot, without a CORS preflight we refuse).
    const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set(CSRF_HEADER, '1');
      return fetch(input, { ...init, headers });
    };
    const results = await auditServer({ url, fetchFn });
    const failed = results.filter((r) => r.status !== 'ok').map((r) => `${r.status}: ${r.name}`);
    expect(failed).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(60);
    console.log(`graphql-http audits: ${results.length} run, ${results.filter((r) => r.status === 'ok').length} ok`);
  });
});

describe('CSRF prevention', () => {
  const get = (headers: Record<string, string> = {}) =>
    fetch(`${url}?query=${encodeURIComponent('{ sources { id } }')}`, { headers: { accept: 'application/json', ...headers } });

  it('refuses a GET without the CSRF header, as a forged cross-site link would be', async () => {
    expect((await get()).status).toBe(403);
    expect((await get({ [CSRF_HEADER]: '1' })).status).toBe(200);
  });

  it('refuses simple POSTs (forms, text/plain) without the header, and lets JSON through', async () => {
    const body = JSON.stringify({ query: '{ sources { id } }' });
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body })).status).toBe(403);
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query={sources{id}}' })).status).toBe(403);
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(200);
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
