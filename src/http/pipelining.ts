// Requests pipelined on one connection (HTTP/1.1; browsers never do it) are answered one after
// another, not all at once. Node hands the listener every request it has parsed, so two hundred
// sent in one write ran together and held the event loop for half a minute. Each waits for the
// answer before it, and then for the event loop's next turn: an answer is finished in a
// microtask, so the next would otherwise start before any other connection is read. Past
// MAX_PIPELINED waiting, the connection is closed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../observability/logger.js';

export const MAX_PIPELINED = 16;

type Serve = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A listener that serves each connection's requests in turn. */
export function inTurn(serve: Serve, logger: Logger): (request: IncomingMessage, response: ServerResponse) => Promise<void> | void {
  // Per connection: requests accepted and not yet answered, and when the last of them is answered.
  const lines = new WeakMap<Socket, { pending: number; answered: Promise<void> }>();
  return (request, response) => {
    let line = lines.get(request.socket);
    if (!line) lines.set(request.socket, (line = { pending: 0, answered: Promise.resolve() }));
    if (line.pending > MAX_PIPELINED) {
      logger.log('warn', { msg: `more than ${MAX_PIPELINED} requests pipelined on one connection: closing it` });
      return void request.socket.destroy();
    }
    const current = line;
    const before = current.pending > 0 ? current.answered : undefined;
    current.pending++;
    current.answered = new Promise<void>((resolve) => {
      response.once('finish', () => {
        current.pending--;
        resolve();
      });
      // Unfinished: the connection is gone, and the requests behind with it.
      response.once('close', () => resolve());
    });
    return before ? before.then(nextTurn).then(() => serve(request, response)) : serve(request, response);
  };
}
