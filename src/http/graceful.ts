// Graceful shutdown that loses no request the server has accepted.
// Node's server.close() also destroys "idle" connections, and a connection whose request bytes
// are still arriving counts as idle: under load, that resets requests clients have already sent.
// So: stop listening without touching open connections, answer what arrives on them with
// "Connection: close", close keep-alive connections once they fall idle after a response (and
// no bytes of a next request have arrived), and only past the deadline cut what is left.
// One race is left, as in every HTTP/1.1 server: a client may send on an idle keep-alive
// connection just as it is closed; clients retry such requests on a new connection.
import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

interface Tracked {
  /** Requests begun on this connection, and responses finished. */
  started: number;
  finished: number;
  opened: number;
  /** socket.bytesRead once the last request had fully arrived: more means a next request is arriving. */
  bytesAtRequestEnd: number;
}

/** How long a new connection may take to send its first request once shutdown has begun. */
const FIRST_REQUEST_GRACE_MS = 1000;

export function gracefulShutdown(server: Server) {
  const sockets = new Map<Socket, Tracked>();
  const inFlight = new Set<ServerResponse>();
  let stopping = false;

  server.on('connection', (socket) => {
    sockets.set(socket, { started: 0, finished: 0, opened: Date.now(), bytesAtRequestEnd: 0 });
    socket.once('close', () => sockets.delete(socket));
  });
  // Before the app's own listener, so that even responses it writes at once (/health, /ready)
  // carry "Connection: close" during shutdown.
  server.prependListener('request', (request, response) => {
    const tracked = sockets.get(request.socket);
    if (tracked) {
      tracked.started++;
      // A client sends its next request only after this response, so the count taken when
      // this one has arrived (headers now, the body at its end) is exact.
      tracked.bytesAtRequestEnd = request.socket.bytesRead;
      request.once('end', () => (tracked.bytesAtRequestEnd = request.socket.bytesRead));
    }
    if (stopping) response.shouldKeepAlive = false;
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
    response.once('finish', () => {
      if (tracked) tracked.finished++;
      if (stopping && tracked && tracked.finished === tracked.started) request.socket.end();
    });
  });

  return {
    /** Stops accepting, lets accepted requests finish, and resolves when every connection is closed (or the deadline passed). */
    stop(deadlineMs: number): Promise<'drained' | 'deadline'> {
      stopping = true;
      // Responses still being computed tell their clients that the connection will close.
      for (const response of inFlight) if (!response.headersSent) response.shouldKeepAlive = false;
      return new Promise((resolve) => {
        let done = false;
        const finish = (how: 'drained' | 'deadline') => {
          if (done) return;
          done = true;
          clearInterval(sweep);
          clearTimeout(deadline);
          resolve(how);
        };
        // net.Server's close: stop listening, leave open connections alone (unlike http.Server's).
        NetServer.prototype.close.call(server, () => finish('drained'));
        const sweep = setInterval(() => {
          const now = Date.now();
          for (const [socket, tracked] of sockets) {
            // Bytes since the last response are a request on its way: leave it to finish (or the deadline).
            const receiving = socket.bytesRead > tracked.bytesAtRequestEnd;
            const idleAfterResponse = tracked.started > 0 && tracked.finished === tracked.started && !receiving;
            const silent = tracked.started === 0 && !receiving && now - tracked.opened > FIRST_REQUEST_GRACE_MS;
            if (idleAfterResponse || silent) socket.end();
          }
        }, 50);
        const deadline = setTimeout(() => {
          for (const socket of sockets.keys()) socket.destroy();
          finish('deadline');
        }, deadlineMs);
      });
    },
  };
}
