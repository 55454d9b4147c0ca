// The real server process: start-up, health, graceful shutdown, start-up errors, the
// production build the Docker image runs, and the deployment files.
import { spawn, execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { DASHBOARD_DIR, DATA_DIR, EXAMPLES_DIR } from './helpers.js';
import { ROOT, SERVER_ARGS, start } from './server-process.js';

const run = promisify(execFile);
const cleanup: string[] = [];

afterAll(async () => {
  await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Runs the server expecting it to refuse to start; returns its exit code and output. */
async function failToStart(env: Record<string, string>) {
  const child = spawn(process.execPath, SERVER_ARGS, { cwd: ROOT, env: { ...process.env, PORT: '0', ...env } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, output };
}

async function post(url: string, query: string) {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await response.json()) as { data?: any; errors?: unknown };
}

describe('the server process', () => {
  it('serves the timeline and /health, and exits 0 on SIGTERM and on SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const server = await start(process.execPath, SERVER_ARGS);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      const result = await post(server.url, '{ timeline { totalCount } }');
      expect(result.data.timeline.totalCount).toBe(25);
      const { code, output } = await server.stop(signal);
      expect(code).toBe(0);
      expect(output).toContain(`${signal}: finishing in-flight requests`);
      expect(output).toContain('Entente stopped.');
    }
  });

  it('finishes every accepted request when SIGTERM arrives under load', async () => {
    const server = await start(process.execPath, SERVER_ARGS);
    const { port } = new URL(server.url);
    const body = JSON.stringify({ query: '{ timeline(first: 100) { edges { node { title actors { name memberOf { name } } } } } }' });
    // One connection per request (no keep-alive). "Accepted" is judged by the server: every
    // request it logged must have been answered, and every answer the clients got, logged.
    // Connections still in the kernel's backlog when the listener closes are reset unread:
    // the server never saw them, so they were not accepted.
    const once = () =>
      new Promise<string>((resolve) => {
        const request = httpRequest(
          { host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent: false, headers: { 'content-type': 'application/json', connection: 'close' } },
          (response) => {
            let text = '';
            response.on('data', (chunk) => (text += chunk));
            response.on('end', () => resolve(response.statusCode === 200 && text.includes('"edges"') ? 'ok' : `status ${response.statusCode}`));
            response.on('error', (error) => resolve(`response ${error.message}`));
          },
        );
        request.on('error', (error: NodeJS.ErrnoException) =>
          resolve(error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET' ? 'refused' : `request ${error.code ?? error.message}`),
        );
        request.end(body);
      });
    const outcomes: string[] = [];
    let signalled = false;
    let afterSignal = 0;
    const worker = async () => {
      for (;;) {
        const outcome = await once();
        outcomes.push(outcome);
        if (signalled && outcome === 'ok') afterSignal++;
        if (outcome === 'refused') return;
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    signalled = true;
    const { code, output } = await server.stop('SIGTERM');
    await Promise.all(workers);
    expect(code).toBe(0);
    expect(output).toContain('Entente stopped.');
    const failures = outcomes.filter((o) => o !== 'ok' && o !== 'refused');
    expect(failures).toEqual([]);
    const answered = outcomes.filter((o) => o === 'ok').length;
    expect(answered).toBeGreaterThan(50);
    const logged = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; path?: string; status?: number })
      .filter((line) => line.msg === 'request' && line.path === '/graphql');
    expect(logged.length).toBe(answered);
    expect(logged.every((line) => line.status === 200)).toBe(true);
    console.log(
      `shutdown under load: ${answered} requests accepted and answered (${afterSignal} after SIGTERM), ${outcomes.filter((o) => o === 'refused').length} refused or reset unread after closing, 0 accepted requests failed`,
    );
  });

  it('on SIGTERM, answers keep-alive requests that are half sent or whose body is late (with Connection: close, /ready 503 too), and delivers a large answer to a client that reads slowly', async () => {
    // The fan-out answer is 3.5 MB: far more than the socket buffers hold while its client is not
    // reading. It is over the default MAX_NODES, and can take more than MAX_EXECUTION_MS on a busy machine.
    const server = await start(process.execPath, SERVER_ARGS, { MAX_NODES: '100000000', MAX_EXECUTION_MS: '5000' });
    const { port } = new URL(server.url);
    const { connect } = await import('node:net');
    const requestText = (query: string) => {
      const body = JSON.stringify({ query });
      return `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    /** A raw keep-alive connection that collects what it receives until the server closes it. */
    const open = async () => {
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      return { socket, closed, received: () => Buffer.concat(chunks).toString('latin1') };
    };
    const idle = await open();
    idle.socket.write(requestText('{ sources { id } }'));
    await expect.poll(() => idle.received(), { timeout: 10_000 }).toContain('"sources"');
    const next = requestText('{ timeline { totalCount } }');
    idle.socket.write(next.slice(0, 40)); // the next request's first bytes only
    // A load balancer's keep-alive connection: its next readiness check is half sent too.
    const probe = await open();
    probe.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    await expect.poll(() => probe.received(), { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 200/);
    const ready = 'GET /ready HTTP/1.1\r\nHost: x\r\n\r\n';
    probe.socket.write(ready.slice(0, 10));
    // A request whose headers have arrived but not all of its body: already in flight at SIGTERM.
    const bodyLate = await open();
    const late = requestText('{ sources { id } }');
    bodyLate.socket.write(late.slice(0, late.length - 5));

    const reader = await open();
    reader.socket.pause();
    reader.socket.write(
      requestText('{ actors(first: 40) { edges { node { memberOf { members { memberOf { members { memberOf { members { name } } } } } } } } } }'),
    );
    await expect.poll(() => server.output(), { timeout: 10_000 }).toContain('"cost":321'); // answered, not yet delivered
    const stopped = server.stop('SIGTERM');
    await expect.poll(() => server.output(), { timeout: 10_000 }).toContain('SIGTERM: finishing in-flight requests');
    await new Promise((resolve) => setTimeout(resolve, 500)); // ten sweeps of idle connections
    idle.socket.write(next.slice(40));
    probe.socket.write(ready.slice(10));
    bodyLate.socket.write(late.slice(late.length - 5));
    reader.socket.resume();
    await Promise.all([idle.closed, reader.closed, probe.closed, bodyLate.closed]);
    expect(bodyLate.received()).toMatch(/^HTTP\/1\.1 200/);
    expect(bodyLate.received()).toMatch(/\r\nconnection: close\r\n/i);
    expect(bodyLate.received()).toContain('"sources"');
    const [, readiness] = probe.received().split(/(?=HTTP\/1\.1 )/);
    expect(readiness).toMatch(/^HTTP\/1\.1 503/);
    expect(readiness).toMatch(/\r\nconnection: close\r\n/i);

    const [, second] = idle.received().split(/(?=HTTP\/1\.1 )/);
    expect(second).toMatch(/^HTTP\/1\.1 200/);
    expect(second).toMatch(/\r\nconnection: close\r\n/i);
    expect(second).toContain('{"data":{"timeline":{"totalCount":25}}');
    const large = reader.received();
    const head = large.slice(0, large.indexOf('\r\n\r\n') + 4);
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    const length = Number(/\r\ncontent-length: (\d+)\r\n/i.exec(head)?.[1]);
    expect(length).toBeGreaterThan(3_000_000);
    expect(large.length - head.length).toBe(length); // every byte, then the server closed the connection
    const { code, output } = await stopped;
    expect(code).toBe(0);
    expect(output).toContain('Entente stopped.');
  });

  it('with SHUTDOWN_DELAY_MS, fails /ready but keeps serving before it stops listening; a second signal exits at once', async () => {
    const server = await start(process.execPath, SERVER_ARGS, { SHUTDOWN_DELAY_MS: '20000' });
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
    const signalled = Date.now();
    const first = server.stop('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await fetch(`${server.url}/ready`)).status).toBe(503);
    expect((await post(server.url, '{ timeline { totalCount } }')).data.timeline.totalCount).toBe(25);
    const { code, output } = await server.stop('SIGINT');
    await first;
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(code).toBe(1);
    expect(output).toContain('SIGTERM: not ready; still serving for 20000 ms (SHUTDOWN_DELAY_MS)');
    expect(output).toContain('SIGINT again: exiting without waiting for in-flight requests');
    expect(readConfig({ SHUTDOWN_DELAY_MS: '5000' }).shutdownDelayMs).toBe(5000);
    expect(() => readConfig({ SHUTDOWN_DELAY_MS: 'soon' })).toThrow(/SHUTDOWN_DELAY_MS must be a whole number/);
  });

  it('closes a request that takes longer than REQUEST_TIMEOUT_MS to arrive', async () => {
    const server = await start(process.execPath, SERVER_ARGS, { REQUEST_TIMEOUT_MS: '1000' });
    const { port } = new URL(server.url);
    const { connect } = await import('node:net');
    const socket = connect(Number(port), '127.0.0.1');
    const started = Date.now();
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    // Headers, then a body that never comes.
    socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    await new Promise((resolve) => socket.on('close', resolve));
    const elapsed = Date.now() - started;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(5000);
    expect((await server.stop('SIGTERM')).code).toBe(0);
  });

  const ARTICLE = 'sources/ria-novosti-2012-11-29.yaml';
  const RECORD = 'sources/unsc-syria-vetoes-2011-2012.yaml';
  it.each([
    ['invalid YAML', ARTICLE, '  - id: ncc-news-conference\n', '  - id: [ncc-news-conference\n', /ria-novosti-2012-11-29\.yaml: invalid YAML/],
    ['a misspelt key', ARTICLE, '    status: PLANNED\n', '    statsu: PLANNED\n', /ria-novosti-2012-11-29\.yaml: event "rome-opposition-conference": .*statsu/],
    [
      'an unknown actor',
      ARTICLE,
      'speaker: sergei-lavrov',
      'speaker: sergey-lavrov',
      /ria-novosti-2012-11-29\.yaml: event "lavrov-calls-for-negotiations": speaker: unknown actor "sergey-lavrov"/,
    ],
    [
      'a quote not in the source',
      ARTICLE,
      'quote: "Calls to the Foreign',
      'quote: "Phone calls to the Foreign',
      /event "foreign-ministry-calls-unanswered": citations\[0\]\.quote: quote not found/,
    ],
    [
      'an unknown time zone',
      ARTICLE,
      'zone: Europe/Rome,',
      'zone: Europe/Roma,',
      /event "rome-opposition-conference": time\.zone: unknown time zone "Europe\/Roma"/,
    ],
    [
      'ballots that miss the tally',
      RECORD,
      'tally: { yes: 13, no: 2, abstain: 0 }',
      'tally: { yes: 12, no: 2, abstain: 0 }',
      /event "vote-s-2012-77": tally\.yes: is 12, but 13 ballots are listed under ballots\.yes/,
    ],
    [
      'a bad actor kind',
      'actors.yaml',
      '  - id: togo\n    name: Togo\n    kind: STATE',
      '  - id: togo\n    name: Togo\n    kind: COUNTRY',
      /actors\.yaml: actor "togo": kind: /,
    ],
  ])('refuses to start on %s, naming the file, entity and field, before opening the port', async (_kind, file, from, to, message) => {
    const dir = await mkdtemp(join(tmpdir(), 'entente-data-'));
    cleanup.push(dir);
    await cp(DATA_DIR, dir, { recursive: true });
    const path = join(dir, file);
    const text = await readFile(path, 'utf8');
    expect(text).toContain(from);
    await writeFile(path, text.replace(from, to));
    const { code, output } = await failToStart({ DATA_DIR: dir });
    expect(code).toBe(1);
    expect(output).toMatch(/Entente cannot start\. The data files have \d+ problems?:/);
    expect(output).toMatch(message);
    expect(output).not.toContain('GraphiQL at'); // it never listened
  });

  it('refuses to start on a port in use or an unknown HOST, naming the variable', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const busy = await failToStart({ PORT: String(port), HOST: '127.0.0.1' });
      expect(busy.code).toBe(1);
      expect(busy.output).toContain(`Entente cannot start: cannot listen on 127.0.0.1, port ${port}: the port is in use: set PORT to another one`);
    } finally {
      blocker.close();
    }
    const unknownHost = await failToStart({ HOST: 'no-such-host.invalid' });
    expect(unknownHost.code).toBe(1);
    expect(unknownHost.output).toContain('check HOST');
  });

  it('refuses to start on a bad PORT, naming the variable', async () => {
    const { code, output } = await failToStart({ PORT: 'eighty' });
    expect(code).toBe(1);
    expect(output).toContain('PORT must be a whole number from 0 to 65535 (got "eighty")');
  });
});

describe('deployment', () => {
  it('builds to JavaScript that runs in production mode, as the Docker image does', async () => {
    const outDir = join(ROOT, 'test-output/build/dist');
    cleanup.push(join(ROOT, 'test-output/build'));
    await run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: ROOT });
    const server = await start(process.execPath, [join(outDir, 'server.js')], { NODE_ENV: 'production', DATA_DIR, EXAMPLES_DIR, DASHBOARD_DIR });
    const result = await post(server.url, '{ actor(slug: "vitaly-churkin") { name } }');
    expect(result.data.actor.name).toBe('Vitaly Churkin');

    // The compose file's health check, pointed at this server, passes; and fails when the server is gone.
    const compose = parse(await readFile(join(ROOT, 'docker-compose.yml'), 'utf8'));
    const [, executable, flag, script] = compose.services.api.healthcheck.test as string[];
    expect(executable).toBe('node');
    expect(script).toContain('/health');
    const healthCheck = () => run(process.execPath, [flag!, script!.replace('127.0.0.1:4000', server.url.slice('http://'.length))]);
    await expect(healthCheck()).resolves.toBeDefined();
    expect((await server.stop('SIGTERM')).code).toBe(0);
    await expect(healthCheck()).rejects.toThrow();
  });

  it('runs npm start with the heap bound of the Docker image, as the tests start the server', async () => {
    const start = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')).scripts.start as string;
    const heap = /--max-old-space-size=(\d+)/.exec(await readFile(join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
    expect(heap).toBeDefined();
    expect(start).toBe(`node --max-old-space-size=${heap} --import tsx src/server.ts`);
    expect(['node', ...SERVER_ARGS].join(' ')).toBe(start);
  });

  it('has one compose service, api, built from the Dockerfile on port 4000', async () => {
    const compose = parse(await readFile(join(ROOT, 'docker-compose.yml'), 'utf8'));
    expect(Object.keys(compose.services)).toEqual(['api']);
    expect(compose.services.api.build).toBe('.');
    expect(compose.services.api.ports).toEqual(['4000:4000']);
  });

  it('builds the image from a slim Node LTS, as a non-root user, with production dependencies only', async () => {
    const dockerfile = await readFile(join(ROOT, 'Dockerfile'), 'utf8');
    const bases = [...dockerfile.matchAll(/^FROM node:(\d+)-slim/gm)].map((m) => Number(m[1]));
    expect(bases.length).toBe(2);
    for (const major of bases) expect(major % 2 === 0 && major >= 20).toBe(true); // even majors are the LTS lines
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/health/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/server\.js"\]$/m);
    // What the image copies in is what the server reads at run time.
    for (const dir of ['data', 'schema', 'dashboard']) expect(dockerfile).toContain(`COPY ${dir} ./${dir}`);
  });
});
