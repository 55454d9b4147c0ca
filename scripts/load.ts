// `npm run load`: two runs against the production server with the Docker image's 256 MB heap.
//  1. Saturation: the nested timeline query at full speed (autocannon); reports errors (must be
//     0), p50/p99 latency and RSS before and after (growth under 10%).
//  2. Memory soak: 20,000 distinct ordinary queries and 20,000 distinct spellings of zone names,
//     with exports and metrics scrapes in between, after a warm-up that fills every cache to its
//     bound; RSS before and after (growth under 10%).
// LOAD_SECONDS (default 60), LOAD_CONNECTIONS (default 32) and SOAK_REQUESTS (default 20000,
// for each half of the soak) change the runs.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { seededRandom } from '../tests/seeded-random.js';
import { freePort } from './free-port.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 32);
const SOAK_REQUESTS = Number(process.env.SOAK_REQUESTS ?? 20_000);
const SOAK_CONCURRENCY = 8;
const WARM_UP_SECONDS = 15;
const QUERY = `query NestedTimeline {
  timeline(first: 50) {
    edges { node {
      title
      time { start end(zone: "UTC") precision }
      citations { quote source { title } }
      actors { name memberOf { name timeline(first: 3) { totalCount edges { node { title } } } } }
    } }
  }
}`;

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** The server's resident set, read from /proc (not from the server, whose view an attack could skew). */
function rss(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** Every answer must be this one byte for byte (the data do not change): a GraphQL error inside a 200 counts as a mismatch. */
let expectedBody = '';

function saturate(url: string, duration: number) {
  return autocannon({
    expectBody: expectedBody,
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
    connections: CONNECTIONS,
    duration,
  });
}

// Long names (two to the power of their letters is how many spellings each has), and a link.
const ZONES = [
  'america/argentina/buenos_aires',
  'america/north_dakota/new_salem',
  'america/indiana/indianapolis',
  'america/kentucky/louisville',
  'antarctica/dumontdurville',
  'pacific/port_moresby',
  'america/fort_wayne',
];

/** The n-th spelling of one of ZONES: its letters in another case. */
function spelling(n: number): string {
  const name = ZONES[n % ZONES.length]!;
  let bits = Math.floor(n / ZONES.length);
  return [...name]
    .map((c) => {
      if (!/[a-z]/.test(c)) return c;
      const upper = bits & 1;
      bits >>= 1;
      return upper ? c.toUpperCase() : c;
    })
    .join('');
}

/** The n-th of many distinct ordinary queries: what dashboards and people in GraphiQL send. */
function ordinaryRequest(n: number, random: ReturnType<typeof seededRandom>): { path: string; init: RequestInit } {
  const post = (query: string, variables?: Record<string, unknown>) => ({
    path: '/graphql',
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) },
  });
  const year = 2000 + random.int(20);
  switch (n % 6) {
    case 0:
      return post(`query A${n} { actor(slug: "sergei-lavrov") { name a${n}: slug memberOf { name } } }`);
    case 1:
      return post(
        'query W($from: DateTime!, $to: DateTime!) { timeline(filter: { from: $from, to: $to }, first: 20) { totalCount edges { node { title } } } }',
        {
          from: `${year}-01-01T00:00:00Z`,
          to: `${year + 1}-0${1 + random.int(9)}-1${random.int(10)}T00:00:00Z`,
        },
      );
    case 2:
      return post(`query H${n}($zone: TimeZone!) { timelineHistogram(interval: MONTH, zone: $zone) { start count } }`, { zone: 'Europe/Rome' });
    case 3:
      return post('query S($s: String) { timeline(filter: { search: $s }) { totalCount } }', { s: `veto ${n}` });
    case 4:
      return post(`query P${n} { timeline(first: ${1 + (n % 100)}) { edges { cursor node { id title } } } }`);
    default:
      return post(`query D${n} { sources { title } interactions(first: ${1 + (n % 500)}) { count } }`);
  }
}

/** A request with one of the many spellings: a time rendered in it, or an export converted to it. */
function spellingRequest(n: number): { path: string; init: RequestInit } {
  const zone = spelling(n);
  if (n % 4 === 3) return { path: `/export/timeline.json?kinds=VOTE&zone=${encodeURIComponent(zone)}`, init: {} };
  return {
    path: '/graphql',
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query Z($z: TimeZone!) { timeline(first: 3) { edges { node { time { start(zone: $z) end(zone: $z) } } } } }',
        variables: { z: zone },
      }),
    },
  };
}

/** Sends requests `from` to `to` (exclusive) of a kind, a few at a time, scraping /metrics and an export every 500. */
async function soak(base: string, from: number, to: number, request: (n: number) => { path: string; init: RequestInit }): Promise<number> {
  let next = from;
  let failures = 0;
  const worker = async () => {
    while (next < to) {
      const n = next++;
      const { path, init } = request(n);
      const response = await fetch(`${base}${path}`, init);
      const body = await response.text();
      if (response.status !== 200 || body.includes('"errors"')) {
        failures++;
        if (failures <= 5) console.error(`soak request ${n} got ${response.status}: ${body.slice(0, 200)}`);
      }
      if (n % 500 === 0) {
        await (await fetch(`${base}/metrics`)).text();
        await (await fetch(`${base}/export/calendar.ics`)).text();
      }
    }
  };
  await Promise.all(Array.from({ length: SOAK_CONCURRENCY }, worker));
  return failures;
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
// Production settings; warnings only in the log, so that the log does not dominate the measure.
const server = spawn(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', 'src/server.ts'], {
  cwd: ROOT,
  // The response cache off for the saturation run: every request does the whole work, which is
  // what it is about. The soak runs on a second server with every cache on, as deployed.
  env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', RESPONSE_CACHE_BYTES: '0' },
  stdio: ['ignore', 'inherit', 'inherit'],
});

async function ready(url: string): Promise<void> {
  for (let i = 0; ; i++) {
    if (
      await fetch(`${url}/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    if (i > 200) throw new Error('the server did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let failed = false;
try {
  await ready(base);
  expectedBody = await (
    await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) })
  ).text();
  const check = JSON.parse(expectedBody) as { data?: { timeline: { edges: unknown[] } }; errors?: unknown };
  if (check.errors || !check.data?.timeline.edges.length) throw new Error(`unexpected answer: ${expectedBody.slice(0, 200)}`);

  await saturate(`${base}/graphql`, WARM_UP_SECONDS); // warm-up, discarded: the heap grows to its working size
  const before = rss(server.pid!);
  const result = await saturate(`${base}/graphql`, SECONDS);
  const after = rss(server.pid!);
  const errors = result.errors + result.timeouts + result.non2xx + result.mismatches;
  const growth = (after - before) / before;
  console.log(`
Nested timeline query, ${CONNECTIONS} connections, ${SECONDS} s (after a ${WARM_UP_SECONDS} s warm-up)
| requests | req/s (mean) | errors | p50 | p99 | RSS before | RSS after | RSS growth |
| --- | --- | --- | --- | --- | --- | --- | --- |
| ${result.requests.total} | ${result.requests.average.toFixed(0)} | ${errors} | ${result.latency.p50} ms | ${result.latency.p99} ms | ${mb(before)} | ${mb(after)} | ${(growth * 100).toFixed(1)}% |`);
  if (errors > 0 || growth >= 0.1) {
    console.error(errors > 0 ? `FAILED: ${errors} errors` : `FAILED: RSS grew ${(growth * 100).toFixed(1)}% (limit 10%)`);
    failed = true;
  }
} finally {
  server.kill('SIGTERM');
}

// The soak, on a server as deployed (every cache on).
const soakPort = await freePort();
const soakBase = `http://127.0.0.1:${soakPort}`;
const soakServer = spawn(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', 'src/server.ts'], {
  cwd: ROOT,
  env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(soakPort), LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
try {
  await ready(soakBase);
  const random = seededRandom(20121129);
  const ordinary = (n: number) => ordinaryRequest(n, random);
  // Warm: as many requests again of each kind, numbered apart from the measured ones, so that
  // every cache (responses, parsed documents, compiled queries, offset tables) is at its bound.
  const started = performance.now();
  let failures = await soak(soakBase, 1_000_000, 1_000_000 + SOAK_REQUESTS, ordinary);
  failures += await soak(soakBase, 1_000_000, 1_000_000 + SOAK_REQUESTS, spellingRequest);
  const before = rss(soakServer.pid!);
  failures += await soak(soakBase, 0, SOAK_REQUESTS, ordinary);
  const middle = rss(soakServer.pid!);
  failures += await soak(soakBase, 0, SOAK_REQUESTS, spellingRequest);
  const after = rss(soakServer.pid!);
  const growth = (after - before) / before;
  console.log(`
Memory soak: ${SOAK_REQUESTS} distinct ordinary queries, then ${SOAK_REQUESTS} distinct zone spellings (${SOAK_CONCURRENCY} at a time, /metrics and an export every 500), after as many of each to warm up; ${((performance.now() - started) / 1000).toFixed(0)} s in all
| failed requests | RSS warm | after the queries | after the spellings | RSS growth |
| --- | --- | --- | --- | --- |
| ${failures} | ${mb(before)} | ${mb(middle)} | ${mb(after)} | ${(growth * 100).toFixed(1)}% |`);
  if (failures > 0 || growth >= 0.1) {
    console.error(failures > 0 ? `FAILED: ${failures} requests failed` : `FAILED: RSS grew ${(growth * 100).toFixed(1)}% (limit 10%)`);
    failed = true;
  }
} finally {
  soakServer.kill('SIGTERM');
}
if (failed) process.exitCode = 1;
