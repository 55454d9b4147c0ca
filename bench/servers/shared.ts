// What every benchmark server shares: its settings from the environment, request bodies,
// and the ready line the harness waits for.
import type { IncomingMessage, Server } from 'node:http';
import { resolve } from 'node:path';

export function port(): number {
  const raw = process.env.PORT ?? '0';
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`PORT must be a port number (got "${raw}")`);
  return value;
}

export function dataDir(): string {
  const dir = process.env.DATA_DIR;
  if (!dir) throw new Error('DATA_DIR must name the data set to serve');
  return resolve(dir);
}

/** The interface to bind: loopback unless HOST says otherwise, as the harness runs on one machine. */
export function host(): string {
  return process.env.HOST || '127.0.0.1';
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The line the harness waits for; it carries the port, since PORT=0 picks one. */
export function announce(name: string, boundPort: number): void {
  console.log(`ready ${name} on port ${boundPort}`);
}

export function listen(server: Server, name: string): void {
  server.listen(port(), host(), () => {
    const address = server.address();
    announce(name, typeof address === 'object' && address ? address.port : port());
  });
  // The harness stops each server with SIGTERM between runs: no draining needed.
  process.on('SIGTERM', () => process.exit(0));
}
