// Starts the real server as a child process, as npm start does, on a free port.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DATA_DIR } from './helpers.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
// As npm start runs it (package.json, checked in server.test.ts): node itself gets the signals
// (the tsx CLI would SIGKILL a server whose event loop is busy for more than 30 ms when a signal
// arrives), with the heap bound of the Docker image.
export const SERVER_ARGS = ['--max-old-space-size=256', '--import', 'tsx', 'src/server.ts'];

export interface Started {
  url: string;
  pid: number;
  /** Whether the process is still running. */
  alive: () => boolean;
  /** What the process has printed so far. */
  output: () => string;
  stop: (signal: NodeJS.Signals) => Promise<{ code: number | null; output: string }>;
}

/** Starts a server process on a free port and waits until it listens. */
export function start(command: string, args: string[], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR, ...env } });
  let output = '';
  let running = true;
  // 'close', not 'exit': only then has all of the child's output been read.
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.on('exit', () => (running = false));
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a server running behind a failed test
      reject(new Error(`server did not start:\n${output}`));
    }, 20_000);
    child.stdout.on('data', () => {
      const port = /localhost:(\d+)\/graphql/.exec(output)?.[1];
      if (!port) return;
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${port}`,
        pid: child.pid!,
        alive: () => running,
        output: () => output,
        stop: async (signal) => {
          child.kill(signal);
          return { code: await exited, output };
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}
