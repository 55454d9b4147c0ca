// Data that change while the server runs, end to end: `npm start`'s server over a copy of the
// fixture data, a subscription open over server-sent events, and edits to the files.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR } from './helpers.js';
import { SERVER_ARGS, start, type Started } from './server-process.js';

const SOURCE = join('sources', 'ria-novosti-2012-11-29.yaml');
const OLD_TITLE = 'NCC conference in Rome to further unite Syrian opposition groups';
const NEW_TITLE = 'NCC conference in Rome to unite the Syrian opposition';

let dir: string;
let server: Started;

async function query(query: string): Promise<any> {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return response.json();
}

const revision = async () => (await query('{ dataset { revision eventCount } }')).data.dataset as { revision: string; eventCount: number };

/** A subscription over SSE, as a browser's EventSource opens it (GET, Accept: text/event-stream); its `next` payloads as they come. */
function subscribe(subscription: string) {
  const url = `${server.url}/graphql?query=${encodeURIComponent(subscription)}`;
  const controller = new AbortController();
  const payloads: any[] = [];
  let completed = false;
  let buffer = '';
  const waiters: (() => void)[] = [];
  const ready = fetch(url, { headers: { accept: 'text/event-stream' }, signal: controller.signal }).then(async (response) => {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    void (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(message)?.[1];
            const data = /^data: (.*)$/m.exec(message)?.[1];
            if (event === 'next' && data) payloads.push(JSON.parse(data));
            if (event === 'complete') completed = true;
            waiters.splice(0).forEach((wake) => wake());
          }
        }
      } catch {
        // aborted by the test
      }
      completed = true;
      waiters.splice(0).forEach((wake) => wake());
    })();
  });
  const until = async (condition: () => boolean, what: string, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; payloads: ${JSON.stringify(payloads)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  return { ready, payloads, until, completed: () => completed, close: () => controller.abort() };
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'entente-live-'));
  await cp(DATA_DIR, dir, { recursive: true });
  server = await start(process.execPath, SERVER_ARGS, { DATA_DIR: dir, DATA_RELOAD_DEBOUNCE_MS: '100', LOG_LEVEL: 'info' });
}, 30_000);

afterAll(async () => {
  if (server?.alive()) await server.stop('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('data that change while the server runs', () => {
  it('serves an edit to a data file within seconds, to queries and to an open subscription', async () => {
    const before = await revision();
    const subscription = subscribe(
      `subscription { timelineChanged(filter: { kinds: [MEETING] }) { revision previousRevision removed upserted { id slug title } } }`,
    );
    const votes = subscribe(`subscription { timelineChanged(filter: { kinds: [VOTE] }) { revision } }`);
    await Promise.all([subscription.ready, votes.ready]);
    // Let the subscriptions reach the server's feed before the edit.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await (await fetch(`${server.url}/metrics`)).text()).toMatch(/^entente_subscriptions_open 2$/m);

    const file = join(dir, SOURCE);
    await writeFile(file, (await readFile(file, 'utf8')).replace(`title: ${OLD_TITLE}`, `title: ${NEW_TITLE}`));

    await subscription.until(() => subscription.payloads.length > 0, 'the change over SSE');
    const change = subscription.payloads[0].data.timelineChanged;
    expect(change.previousRevision).toBe(before.revision);
    expect(change.revision).not.toBe(before.revision);
    expect(change.removed).toEqual([]);
    expect(change.upserted).toEqual([expect.objectContaining({ slug: 'rome-opposition-conference', title: NEW_TITLE })]);

    const after = await revision();
    expect(after.revision).toBe(change.revision);
    const rome = await query('{ event(slug: "rome-opposition-conference") { title } }');
    expect(rome.data.event.title).toBe(NEW_TITLE);
    // A change that touches no vote (the Rome conference is no vote's meeting) sends the votes' subscriber nothing.
    expect(votes.payloads).toEqual([]);
    expect(await (await fetch(`${server.url}/metrics`)).text()).toMatch(/^entente_subscription_events_total 1$/m);
    subscription.close();
    votes.close();
  }, 30_000);

  it('keeps serving the last good revision when an edit breaks the data, and logs every problem with its file', async () => {
    const before = await revision();
    const file = join(dir, SOURCE);
    const good = await readFile(file, 'utf8');
    await writeFile(file, good.replace('kind: MEETING', 'kind: MEETNG'));
    await waitFor(
      async () => server.output(),
      (output) => output.includes('Data not reloaded'),
      'the problems in the log',
    );
    const line = server
      .output()
      .split('\n')
      .find((l) => l.includes('Data not reloaded') && l.includes('MEETNG'));
    expect(line, server.output()).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 'error', file: expect.stringContaining('ria-novosti-2012-11-29.yaml') });
    expect(await revision()).toEqual(before);
    expect((await query('{ event(slug: "rome-opposition-conference") { title } }')).data.event.title).toBe(NEW_TITLE);
    // Fixed again: served again.
    await writeFile(file, good.replace(`title: ${NEW_TITLE}`, `title: ${OLD_TITLE}`));
    await waitFor(revision, (r) => r.revision !== before.revision, 'the fixed data');
    expect((await query('{ event(slug: "rome-opposition-conference") { title } }')).data.event.title).toBe(OLD_TITLE);
  }, 30_000);

  it('cuts a stream whose client stopped reading soon after SIGTERM, rather than waiting to the shutdown deadline', async () => {
    // A reader that never reads: answers far larger than the socket's buffers pile up on the server.
    const aliases = Array.from({ length: 30 }, (_, i) => `t${i}: text`).join(' ');
    const query = `subscription Stalled { timelineChanged { upserted { citations { source { ${aliases} } } } } }`;
    const own = await mkdtemp(join(tmpdir(), 'entente-stalled-'));
    await cp(DATA_DIR, own, { recursive: true });
    const stalled = await start(process.execPath, SERVER_ARGS, { DATA_DIR: own, DATA_RELOAD_DEBOUNCE_MS: '50', LOG_LEVEL: 'info' });
    const { port } = new URL(stalled.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(`GET /graphql?query=${encodeURIComponent(query)} HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n`);
    socket.pause();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const file = join(own, SOURCE);
    for (let i = 0; i < 4; i++) {
      await writeFile(file, (await readFile(file, 'utf8')).replace(/title: NCC conference in Rome[^\n]*/, `title: NCC conference in Rome ${i}`));
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    const started = Date.now();
    const { code, output } = await stalled.stop('SIGTERM');
    socket.destroy();
    await rm(own, { recursive: true, force: true });
    expect(code).toBe(0);
    // The shutdown deadline is SHUTDOWN_TIMEOUT_MS (10 s): the stalled stream is cut long before.
    expect(Date.now() - started, output.split('\n').slice(-8).join('\n')).toBeLessThan(4_000);
    expect(output).not.toContain('stopped at the deadline');
    expect(output.split('\n').some((l) => l.includes('"subscription ended"') && l.includes('Stalled'))).toBe(true);
  }, 30_000);

  it('completes open subscriptions on SIGTERM, before the shutdown deadline, and logs them', async () => {
    const subscription = subscribe(`subscription Watch { timelineChanged { revision } }`);
    await subscription.ready;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    const { code, output } = await server.stop('SIGTERM');
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    await subscription.until(subscription.completed, 'the stream to end');
    const ended = output.split('\n').find((l) => l.includes('"subscription ended"') && l.includes('Watch'));
    expect(ended, output).toBeDefined();
  }, 30_000);
});
