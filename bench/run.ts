// `npm run bench`: Entente against the physical limit (precomputed answers), a hand-written
// endpoint and two GraphQL peers serving the same schema, on one machine in one run.
// Each server runs in a fresh child process, measured one at a time with autocannon: fixed
// connections, a discarded warm-up, then the median of repeated rounds. Every server's answers
// are checked against Entente's before it is timed. Then the window query runs against Entente
// on each data set of BENCH_WINDOW_SIZES, to see how it scales with the number of events.
//
// Settings (environment):
//   BENCH_SECONDS (10)      seconds per round          BENCH_ROUNDS (3)   rounds; the median is reported
//   BENCH_WARMUP (5)        seconds of warm-up, discarded, before each server's rounds of each query
//   BENCH_CONNECTIONS (10)  concurrent connections     BENCH_SERVERS      comma-separated subset of the servers
//   BENCH_DATA (bench/data/10k)                         the data set of the comparison
//   BENCH_WINDOW_SIZES (bench/data/10k,bench/data/1m)   data sets for the window query against Entente ("" skips)
//   BENCH_ACTOR, BENCH_WINDOW_FROM, BENCH_WINDOW_TO, BENCH_WINDOW_DAYS (7): query parameters (found in the data if unset)
//   BENCH_NODE_OPTIONS      NODE_OPTIONS for every server (none by default: all get Node's defaults)
//   BENCH_START_TIMEOUT (900) seconds a server may take to load its data and start
// A missing data directory named like 10k or 1m is generated with bench/generate.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { freePort } from '../scripts/free-port.js';
import { benchQueries, NESTED_PAGE, SMALL_LOOKUP, WINDOW, type BenchQuery, type QueryName, type QueryParams } from './queries.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_FILE = join(ROOT, 'bench', 'results.md');
/** Where bench/results.md's hand-written part begins: a run rewrites what is above it only. */
const KEPT_MARKER = '<!-- Measurements behind design choices: kept by bench/run.ts -->';

function setting(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min} (got "${raw}")`);
  return value;
}

function dirs(raw: string): string[] {
  return raw
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => resolve(d));
}

const SECONDS = setting('BENCH_SECONDS', 10, 1);
const ROUNDS = setting('BENCH_ROUNDS', 3, 1);
const WARMUP = setting('BENCH_WARMUP', 5, 0);
const CONNECTIONS = setting('BENCH_CONNECTIONS', 10, 1);
const WINDOW_DAYS = setting('BENCH_WINDOW_DAYS', 7, 1);
const START_TIMEOUT_MS = setting('BENCH_START_TIMEOUT', 900, 1) * 1000;
const DATA = resolve(process.env.BENCH_DATA || 'bench/data/10k');
const WINDOW_SIZES = dirs(process.env.BENCH_WINDOW_SIZES ?? 'bench/data/10k,bench/data/1m');

/** Each server kind: the program the child runs (each reads DATA_DIR and PORT from the environment). */
const SERVERS = {
  precomputed: 'bench/servers/precomputed.ts',
  'hand-written': 'bench/servers/hand-written.ts',
  // Entente itself, as in production: its own entry point, NODE_ENV=production, LOG_LEVEL=warn.
  entente: 'src/server.ts',
  // Entente again with its response cache on (the default): the same query repeated, as a polling dashboard sends it.
  'entente-cached': 'src/server.ts',
  // The same, asked for as Apollo, urql and graphql-request ask (the spec's Accept header).
  'entente-cached-spec': 'src/server.ts',
  apollo: 'bench/servers/apollo.ts',
  mercurius: 'bench/servers/mercurius.ts',
} as const;
type ServerName = keyof typeof SERVERS;
const ALL_SERVERS = Object.keys(SERVERS) as ServerName[];

function selectedServers(): ServerName[] {
  const raw = process.env.BENCH_SERVERS;
  if (!raw) return ALL_SERVERS;
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(ALL_SERVERS as string[]).includes(name)) throw new Error(`BENCH_SERVERS: unknown server "${name}" (expected ${ALL_SERVERS.join(', ')})`);
  }
  return names as ServerName[];
}

function display(dir: string): string {
  const inside = relative(ROOT, dir);
  return inside && !inside.startsWith('..') ? inside : dir;
}

// ---------------------------------------------------------------------------------------------
// Data sets

/** Generates a missing data set whose directory is named by its size (10k, 1m, 2500). */
async function ensureDataset(dir: string): Promise<void> {
  if (existsSync(join(dir, 'actors.yaml'))) return;
  const match = /^(\d+)([km]?)$/i.exec(basename(dir));
  if (!match) throw new Error(`No data set in ${display(dir)}, and its name does not say a size to generate (e.g. bench/data/10k)`);
  const events = Number(match[1]) * ({ k: 1_000, m: 1_000_000 }[match[2]?.toLowerCase() ?? ''] ?? 1);
  const generator = join(ROOT, 'bench', 'generate.ts');
  if (!existsSync(generator)) throw new Error(`No data set in ${display(dir)} and no bench/generate.ts to make one: set BENCH_DATA=data to use the seed data`);
  console.error(`Generating ${events} events into ${display(dir)} …`);
  await new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', generator, '--events', String(events), '--out', dir], { cwd: ROOT, stdio: 'inherit' });
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`bench/generate.ts failed (exit code ${code})`))));
  });
}

// ---------------------------------------------------------------------------------------------
// Servers

interface Running {
  name: ServerName;
  url: string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Starts one server in a fresh process and waits until it answers. */
async function startServer(name: ServerName, dataDir: string, extraEnv: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', SERVERS[name]], {
    cwd: ROOT,
    env: {
      ...process.env,
      // The same settings for every server, so that none is measured in development mode.
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      // "entente" is measured uncached: every request parsed, validated and executed.
      ...(name === 'entente' && { RESPONSE_CACHE_BYTES: '0' }),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  let readyLine = false;
  // Keep reading stdout, so that a chatty server never blocks on a full pipe.
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (/^ready\b/.test(line)) readyLine = true;
    else console.error(`[${name}] ${line}`);
  });
  let exit: string | undefined;
  child.once('exit', (code, signal) => (exit = signal ?? `exit code ${code}`));

  const started = Date.now();
  const ready = async () =>
    // Entente logs at warn, so it prints nothing on start: its readiness endpoint says instead.
    name.startsWith('entente')
      ? fetch(`${url}/ready`).then(
          (r) => r.ok,
          () => false,
        )
      : readyLine;
  while (!(await ready())) {
    if (exit) throw new Error(`${name} stopped before it was ready (${exit}) on ${display(dataDir)}`);
    if (Date.now() - started > START_TIMEOUT_MS) {
      await stopChild(child);
      throw new Error(`${name} was not ready after ${START_TIMEOUT_MS / 1000} s (BENCH_START_TIMEOUT)`);
    }
    await sleep(100);
  }
  return { name, url, stop: () => stopChild(child) };
}

async function post(url: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, text: await response.text() };
}

// ---------------------------------------------------------------------------------------------
// Reference answers and checks

/** The query parameters: from the environment, else found in the data set through Entente. */
async function queryParams(url: string): Promise<{ params: QueryParams; events: number }> {
  const { text } = await post(
    url,
    JSON.stringify({
      query: '{ actors(first: 1, kind: STATE) { edges { node { slug } } } timeline(first: 1) { totalCount edges { node { time { start } } } } }',
    }),
  );
  const found = JSON.parse(text) as {
    data?: { actors: { edges: { node: { slug: string } }[] }; timeline: { totalCount: number; edges: { node: { time: { start: string } } }[] } };
  };
  if (!found.data) throw new Error(`Entente could not describe the data set: ${text.slice(0, 300)}`);
  const slug = process.env.BENCH_ACTOR || found.data.actors.edges[0]?.node.slug;
  const first = found.data.timeline.edges[0]?.node.time.start;
  const from = process.env.BENCH_WINDOW_FROM || first;
  if (!slug || !from) throw new Error('The data set has no state actor or no events: set BENCH_ACTOR and BENCH_WINDOW_FROM');
  // A window of whole days from the first event: the same instants on every data set.
  const to = process.env.BENCH_WINDOW_TO || new Date(Date.parse(from) + WINDOW_DAYS * 86_400_000).toISOString();
  return { params: { slug, from, to }, events: found.data.timeline.totalCount };
}

interface GraphQLAnswer {
  data?: unknown;
  errors?: unknown[];
}

/** Where two answers first differ, as a path into the data, for the error message. */
function firstDifference(a: unknown, b: unknown, path = 'data'): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const inner = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (inner) return inner;
    }
  }
  return `${path}: expected ${JSON.stringify(b)?.slice(0, 200)}, got ${JSON.stringify(a)?.slice(0, 200)}`;
}

/** Asks a server one query and checks its data against Entente's; returns the body it gave. */
async function check(server: Running, query: BenchQuery, reference: unknown): Promise<string> {
  const { status, text } = await post(server.url, query.body);
  let answer: GraphQLAnswer;
  try {
    answer = JSON.parse(text) as GraphQLAnswer;
  } catch {
    throw new Error(`${server.name} answered "${query.name}" with status ${status} and no JSON: ${text.slice(0, 300)}`);
  }
  if (status !== 200 || answer.errors || answer.data === undefined) {
    throw new Error(`${server.name} answered "${query.name}" with status ${status} and errors: ${text.slice(0, 500)}`);
  }
  const difference = firstDifference(answer.data, reference);
  if (difference) throw new Error(`${server.name} gives a different answer to "${query.name}" than Entente: ${difference}`);
  return text;
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Round {
  rps: number;
  p50: number;
  p99: number;
  failures: string[];
}

interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  failures: string[];
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** One autocannon run. Latencies are taken from each response (autocannon's own histogram only
 * has whole milliseconds, too coarse for the fast servers); a change in response size flags
 * answers that differ from the checked one without comparing every body. */
/** What each server is asked for: the spec's Accept header for entente-cached-spec, JSON for the rest. */
const SPEC_ACCEPT = 'application/graphql-response+json, application/json;q=0.9';
function acceptFor(server: ServerName): string {
  return server === 'entente-cached-spec' ? SPEC_ACCEPT : 'application/json';
}

function round(url: string, body: string, seconds: number, accept = 'application/json'): Promise<Round> {
  return new Promise((done, fail) => {
    let latencies = new Float64Array(1 << 16);
    let count = 0;
    let minBytes = Infinity;
    let maxBytes = 0;
    const instance = autocannon(
      { url: `${url}/graphql`, method: 'POST', headers: { 'content-type': 'application/json', accept }, body, connections: CONNECTIONS, duration: seconds },
      (error: unknown, result) => {
        if (error) return fail(error instanceof Error ? error : new Error(String(error)));
        const sorted = latencies.subarray(0, count).sort();
        const failures: string[] = [];
        if (result.errors) failures.push(`${result.errors} connection errors (${result.timeouts} timeouts)`);
        if (result.non2xx) failures.push(`${result.non2xx} non-2xx responses`);
        if (minBytes !== maxBytes && count > 0) failures.push(`response sizes varied (${minBytes}–${maxBytes} bytes)`);
        done({ rps: result.requests.total / result.duration, p50: percentile(sorted, 50), p99: percentile(sorted, 99), failures });
      },
    );
    instance.on('response', (_client, _status, bytes, responseTime) => {
      if (count === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[count++] = responseTime;
      if (bytes < minBytes) minBytes = bytes;
      if (bytes > maxBytes) maxBytes = bytes;
    });
  });
}

async function measure(server: Running, query: BenchQuery): Promise<Measurement> {
  const accept = acceptFor(server.name);
  if (WARMUP > 0) await round(server.url, query.body, WARMUP, accept); // discarded: JIT, caches and heap settle
  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await round(server.url, query.body, SECONDS, accept));
  const measurement = {
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    failures: rounds.flatMap((r) => r.failures),
  };
  console.error(
    `  ${server.name.padEnd(12)} ${query.name.padEnd(12)} ${measurement.rps.toFixed(0).padStart(7)} req/s  p50 ${measurement.p50.toFixed(2)} ms  p99 ${measurement.p99.toFixed(2)} ms${
      measurement.failures.length ? `  FAILED: ${measurement.failures.join('; ')}` : ''
    }`,
  );
  return measurement;
}

// ---------------------------------------------------------------------------------------------
// Report

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) && Number.isFinite(b) ? `${(a / b).toFixed(2)}×` : '—');

function machine(): string {
  const cpus = os.cpus();
  return [
    `- Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length} logical CPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node ${process.version}; load average at start ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
    `- Date: ${new Date().toISOString()}`,
  ].join('\n');
}

function comparisonTable(results: Map<ServerName, Map<QueryName, Measurement>>, queries: BenchQuery[]): string {
  const lines = [
    '| query | server | req/s (median) | p50 ms | p99 ms | entente ÷ server req/s | entente ÷ server p50 | entente ÷ server p99 |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const query of queries) {
    const entente = results.get('entente')?.get(query.name);
    for (const [server, byQuery] of results) {
      const m = byQuery.get(query.name);
      if (!m) continue;
      const flag = m.failures.length ? ' ⚠' : '';
      const ratios = entente && server !== 'entente' ? [ratio(entente.rps, m.rps), ratio(entente.p50, m.p50), ratio(entente.p99, m.p99)] : ['', '', ''];
      lines.push(`| ${query.name} | ${server}${flag} | ${fmt(m.rps, 0)} | ${fmt(m.p50)} | ${fmt(m.p99)} | ${ratios.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

/** The issue's targets, each with the measured ratio. */
function targets(results: Map<ServerName, Map<QueryName, Measurement>>, windowRows: WindowResult[]): string {
  const rps = (server: ServerName, query: QueryName) => results.get(server)?.get(query)?.rps;
  const line = (what: string, value: number | undefined, base: number | undefined, goal: number, higherIsBetter = true) => {
    if (value === undefined || base === undefined) return `- ${what}: not measured`;
    const r = value / base;
    const met = higherIsBetter ? r >= goal : r <= goal;
    return `- ${what}: ${r.toFixed(2)}× (target ${higherIsBetter ? '≥' : '≤'} ${goal}×) ${met ? 'met' : 'missed'}`;
  };
  const nested = 'nested page' as QueryName;
  const last = windowRows.at(-1);
  return [
    line('nested page, uncached, entente ÷ hand-written (req/s)', rps('entente', nested), rps('hand-written', nested), 0.5),
    line('nested page, uncached, entente ÷ mercurius (req/s)', rps('entente', nested), rps('mercurius', nested), 1),
    line('nested page, uncached, entente ÷ apollo (req/s)', rps('entente', nested), rps('apollo', nested), 2),
    line('nested page repeated, entente-cached ÷ precomputed (req/s)', rps('entente-cached', nested), rps('precomputed', nested), 0.7),
    line('nested page repeated, spec Accept ÷ application/json (req/s)', rps('entente-cached-spec', nested), rps('entente-cached', nested), 0.9),
    line('nested page repeated, spec Accept ÷ precomputed (req/s)', rps('entente-cached-spec', nested), rps('precomputed', nested), 0.7),
    line(
      `window p50, ${last ? display(last.dir) : 'largest'} ÷ ${windowRows[0] ? display(windowRows[0].dir) : 'first'}`,
      last?.m.p50,
      windowRows[0]?.m.p50,
      2,
      false,
    ),
  ].join('\n');
}

interface WindowResult {
  dir: string;
  events: number;
  matches: number;
  m: Measurement;
}

function windowTable(rows: WindowResult[]): string {
  const base = rows[0];
  const lines = [
    '| data set | events | events in window (totalCount) | req/s (median) | p50 ms | p99 ms | p50 ÷ p50 of the first |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${display(r.dir)} | ${r.events} | ${r.matches} | ${fmt(r.m.rps, 0)} | ${fmt(r.m.p50)} | ${fmt(r.m.p99)} | ${base ? ratio(r.m.p50, base.m.p50) : '—'} |${
        r.m.failures.length ? ' ⚠' : ''
      }`,
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The run

const scratch = await mkdtemp(join(os.tmpdir(), 'entente-bench-'));
const running: Running[] = [];
try {
  const servers = selectedServers();
  await ensureDataset(DATA);
  // 1. Entente's answers are the reference: every other server must give the same data.
  console.error(`Reference answers from Entente on ${display(DATA)} …`);
  const reference = await startServer('entente', DATA);
  running.push(reference);
  const { params, events } = await queryParams(reference.url);
  const queries = benchQueries(params);
  const answers = new Map<QueryName, { text: string; data: unknown }>();
  for (const query of queries) {
    const { status, text } = await post(reference.url, query.body);
    const parsed = JSON.parse(text) as GraphQLAnswer;
    if (status !== 200 || parsed.errors || parsed.data === undefined)
      throw new Error(`Entente answered "${query.name}" with status ${status}: ${text.slice(0, 500)}`);
    answers.set(query.name, { text, data: parsed.data });
  }
  await reference.stop();
  running.pop();
  const answersFile = join(scratch, 'answers.json');
  await writeFile(answersFile, JSON.stringify(queries.map((q) => ({ body: q.body, answer: answers.get(q.name)?.text }))));
  const windowMatches = (answers.get('window')?.data as { timeline: { totalCount: number } }).timeline.totalCount;

  // 2. Each server in turn, fresh: check every answer, then time every query.
  console.error(`Measuring: ${CONNECTIONS} connections, ${WARMUP} s warm-up, ${ROUNDS} × ${SECONDS} s per query`);
  const results = new Map<ServerName, Map<QueryName, Measurement>>();
  for (const name of servers) {
    const server = await startServer(name, DATA, { BENCH_ANSWERS: answersFile });
    running.push(server);
    for (const query of queries) await check(server, query, answers.get(query.name)?.data);
    const byQuery = new Map<QueryName, Measurement>();
    for (const query of queries) byQuery.set(query.name, await measure(server, query));
    // Once more after the load: still the same answers.
    for (const query of queries) await check(server, query, answers.get(query.name)?.data);
    results.set(name, byQuery);
    await server.stop();
    running.pop();
  }

  // 3. The window query against Entente on each size: its p50 should hardly grow with the data.
  const windowRows: WindowResult[] = [];
  const windowQuery = queries.find((q) => q.name === 'window') as BenchQuery;
  for (const dir of WINDOW_SIZES) {
    const same = results.get('entente')?.get('window');
    if (dir === DATA && same) {
      windowRows.push({ dir, events, matches: windowMatches, m: same });
      continue;
    }
    await ensureDataset(dir);
    console.error(`Window query against Entente on ${display(dir)} (loading may take a while) …`);
    const server = await startServer('entente', dir);
    running.push(server);
    const size = await queryParams(server.url);
    const { status, text } = await post(server.url, windowQuery.body);
    const parsed = JSON.parse(text) as GraphQLAnswer & { data?: { timeline: { totalCount: number } } };
    if (status !== 200 || parsed.errors || !parsed.data)
      throw new Error(`Entente answered "window" on ${display(dir)} with status ${status}: ${text.slice(0, 500)}`);
    windowRows.push({ dir, events: size.events, matches: parsed.data.timeline.totalCount, m: await measure(server, windowQuery) });
    await server.stop();
    running.pop();
  }

  // 4. The report.
  const failed = [...results.values()].some((q) => [...q.values()].some((m) => m.failures.length > 0)) || windowRows.some((r) => r.m.failures.length > 0);
  const report = [
    '# Entente benchmark',
    '',
    machine(),
    `- Settings: ${CONNECTIONS} connections, ${WARMUP} s warm-up (discarded), median of ${ROUNDS} rounds of ${SECONDS} s per server and query; autocannon in the harness process, servers in child processes on the same machine`,
    `- Data: ${display(DATA)} (${events} events); small lookup of \`${params.slug}\`; window [${params.from}, ${params.to})`,
    `- Servers: precomputed = node:http replaying Entente's body; hand-written = node:http building the JSON from the store; entente = \`node --import tsx src/server.ts\`, NODE_ENV=production, LOG_LEVEL=warn, response cache off (RESPONSE_CACHE_BYTES=0); entente-cached = the same with its response cache on; apollo = @apollo/server standalone; mercurius = fastify + mercurius (jit: 1). Apollo and Mercurius serve Entente's own schema and store. NODE_OPTIONS: ${process.env.BENCH_NODE_OPTIONS || '(none)'}`,
    '',
    '## Comparison',
    '',
    comparisonTable(results, queries),
    '',
    'Ratios are Entente ÷ the server: below 1× for req/s, or above 1× for latency, means Entente is slower.',
    ...(windowRows.length > 0 ? ['', '## Window query against Entente by data size', '', windowTable(windowRows)] : []),
    '',
    '## Targets',
    '',
    targets(results, windowRows),
    '',
    '## Queries',
    '',
    '```graphql',
    SMALL_LOOKUP,
    NESTED_PAGE,
    WINDOW,
    '```',
    ...(failed ? ['', '⚠ Some runs had errors, non-2xx responses or varying response sizes: see the log; those numbers are not valid.'] : []),
    '',
  ].join('\n');
  console.log(`\n${report}`);
  // The measurements behind design choices (written by hand, below the marker) outlive each run.
  const kept = existsSync(RESULTS_FILE) ? (await readFile(RESULTS_FILE, 'utf8')).split(KEPT_MARKER)[1] : undefined;
  await writeFile(RESULTS_FILE, kept === undefined ? report : `${report.trimEnd()}\n\n${KEPT_MARKER}${kept}`);
  console.error(`Written to ${display(RESULTS_FILE)}`);
  if (failed) process.exitCode = 1;
} catch (error) {
  // A failed check or start ends the run with its message, not a stack trace.
  console.error(`\nbench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  for (const server of running) await server.stop();
  await rm(scratch, { recursive: true, force: true });
}
