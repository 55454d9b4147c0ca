// HTTP as an attacker (and a probe) sends it, for tests/attacks.test.ts: node:http with each
// caller's own connection, so that a probe never waits in a pool behind the attack; raw bytes
// on a socket for what fetch refuses to send; and a flood that measures a probe meanwhile.
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

export interface Sent {
  method?: string;
  path: string;
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer | Buffer[];
  agent?: Agent | false;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  ms: number;
  text: () => string;
  json: () => any;
}

/** Sends one request and reads the whole answer. A list of buffers is sent chunked, one write each. */
export function send(base: string, { method = 'GET', path, headers = {}, body, agent = false }: Sent): Promise<Answer> {
  const { hostname, port } = new URL(base);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const all = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: all,
          ms: performance.now() - started,
          text: () => all.toString('utf8'),
          json: () => JSON.parse(all.toString('utf8')),
        });
      });
    });
    req.on('error', reject);
    if (Array.isArray(body)) {
      for (const chunk of body) req.write(chunk);
      req.end();
    } else {
      req.end(body);
    }
  });
}

/** A GraphQL POST with a JSON body. */
export function post(base: string, query: string, variables?: Record<string, unknown>, options: { headers?: OutgoingHttpHeaders; agent?: Agent | false } = {}) {
  return send(base, {
    method: 'POST',
    path: '/graphql',
    // What modern clients send: refusals are then 4xx, as the spec gives them for this media type.
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9', ...options.headers },
    body: JSON.stringify({ query, variables }),
    agent: options.agent ?? false,
  });
}

/** Writes bytes as they are on a new connection and returns everything the server sends until it closes. */
export function raw(base: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('utf8'));
    }, 5000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    socket.write(bytes);
  });
}

/** The process's resident set in MB, from /proc (the server's own view of it could be what an attack breaks). */
export function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

export interface FloodResult {
  attacks: number;
  /** Each probe's latency in ms, in the order sent. */
  probes: number[];
  statuses: Map<number, number>;
}

/**
 * Runs `attack` on `connections` connections, one request after another on each, for
 * `durationMs` (or until `requests` have been sent, when given), while a probe (on a connection
 * of its own) sends `probe` every `probeEveryMs`.
 */
export async function flood(
  attack: (i: number, agent: Agent) => Promise<Answer>,
  probe: () => Promise<Answer>,
  { connections = 2, durationMs = 4000, requests = Infinity, probeEveryMs = 100 } = {},
): Promise<FloodResult> {
  const end = requests === Infinity ? performance.now() + durationMs : Infinity;
  const statuses = new Map<number, number>();
  let attacks = 0;
  let attacking = connections;
  const attacker = async (worker: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let i = worker; performance.now() < end && i < requests; i += connections) {
        const answer = await attack(i, agent);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        attacks++;
      }
    } finally {
      agent.destroy();
      attacking--;
    }
  };
  const probes: number[] = [];
  const prober = async () => {
    // Let the attack get going first.
    await new Promise((resolve) => setTimeout(resolve, 200));
    while (attacking > 0) {
      const answer = await probe();
      if (answer.status !== 200) throw new Error(`the probe got ${answer.status}: ${answer.text().slice(0, 200)}`);
      probes.push(answer.ms);
      await new Promise((resolve) => setTimeout(resolve, probeEveryMs));
    }
  };
  await Promise.all([...Array.from({ length: connections }, (_, worker) => attacker(worker)), prober()]);
  return { attacks, probes, statuses };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
