// `npm run load`: holds the nested timeline query at saturation against the production server
// and reports errors (must be 0), p50/p99 latency and RSS before and after (growth under 10%).
// LOAD_SECONDS (default 60) and LOAD_CONNECTIONS (default 32) change the run.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort } from './free-port.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 32);
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

async function rss(base: string): Promise<number> {
  const metrics = await (await fetch(`${base}/metrics`)).text();
  const match = /^process_resident_memory_bytes (\d+)/m.exec(metrics);
  if (!match) throw new Error('no process_resident_memory_bytes in /metrics');
  return Number(match[1]);
}

/** Every answer must be this one byte for byte (the data do not change): a GraphQL error inside a 200 counts as a mismatch. */
let expectedBody = '';

function run(url: string, duration: number) {
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

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
// Production settings; warnings only in the log, so that the log does not dominate the measure.
const server = spawn(fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url)), ['src/server.ts'], {
  cwd: ROOT,
  // As in the Docker image: a bounded old space (live data is under 100 MB) makes V8 collect
  // rather than grow the heap under load, so RSS settles instead of creeping up.
  // The response cache off: every request does the whole work, which is what this load is about.
  env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', RESPONSE_CACHE_ENTRIES: '0', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=256`.trim() },
  stdio: ['ignore', 'inherit', 'inherit'],
});
try {
  for (let i = 0; ; i++) {
    const ready = await fetch(`${base}/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (i > 100) throw new Error('the server did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expectedBody = await (await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) })).text();
  const check = JSON.parse(expectedBody) as { data?: { timeline: { edges: unknown[] } }; errors?: unknown };
  if (check.errors || check.data?.timeline.edges.length !== 25) throw new Error(`unexpected answer: ${expectedBody.slice(0, 200)}`);

  await run(`${base}/graphql`, WARM_UP_SECONDS); // warm-up, discarded: the heap grows to its working size
  const before = await rss(base);
  const result = await run(`${base}/graphql`, SECONDS);
  const after = await rss(base);
  const errors = result.errors + result.timeouts + result.non2xx + result.mismatches;
  const growth = (after - before) / before;
  const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
  console.log(`
Nested timeline query, ${CONNECTIONS} connections, ${SECONDS} s (after a ${WARM_UP_SECONDS} s warm-up)
| requests | req/s (mean) | errors | p50 | p99 | RSS before | RSS after | RSS growth |
| --- | --- | --- | --- | --- | --- | --- | --- |
| ${result.requests.total} | ${result.requests.average.toFixed(0)} | ${errors} | ${result.latency.p50} ms | ${result.latency.p99} ms | ${mb(before)} | ${mb(after)} | ${(growth * 100).toFixed(1)}% |`);
  if (errors > 0 || growth >= 0.1) {
    console.error(errors > 0 ? `FAILED: ${errors} errors` : `FAILED: RSS grew ${(growth * 100).toFixed(1)}% (limit 10%)`);
    process.exitCode = 1;
  }
} finally {
  server.kill('SIGTERM');
}
