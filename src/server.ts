// Entry point: loads the data, listens on HOST:PORT, and shuts down gracefully.
import { createServer } from 'node:http';
import { ConfigError, readConfig } from './config.js';
import { DataError } from './validation/problems.js';
import { gracefulShutdown } from './http/graceful.js';
import { clientErrorHandler } from './http/node-handler.js';
import { jsonLogger, logUnexpected } from './observability/logger.js';
import { loadEntente } from './app.js';

/** How long a completed subscription's stream may take to reach its client at shutdown. */
const STREAM_GRACE_MS = 500;

async function main(): Promise<void> {
  const config = readConfig();
  const logger = jsonLogger(config.logLevel);
  let stopping = false;
  const { watchData, dataReloadDebounceMs, ...settings } = config;
  const { yoga, handler, dataset, changes, watcher } = await loadEntente({
    ...settings,
    logger,
    isShuttingDown: () => stopping,
    ...(watchData && { watchData: { debounceMs: dataReloadDebounceMs } }),
  });

  // Node's 300 s default would let a slow client hold a connection for minutes; timeouts are
  // checked every second rather than every 30.
  const server = createServer(
    {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: Math.min(config.requestTimeoutMs, 10_000),
      connectionsCheckingInterval: 1000,
    },
    handler,
  );
  // A client that stops reading its answer would hold the answer's memory for ever (Node has no
  // write timeout): a connection on which nothing moves for this long is closed.
  server.setTimeout(config.idleTimeoutMs);
  server.on('clientError', clientErrorHandler(logger));

  server.once('error', (error: NodeJS.ErrnoException) => {
    const where = `${config.host ?? 'all interfaces'}, port ${config.port}`;
    const why =
      error.code === 'EADDRINUSE'
        ? 'the port is in use: set PORT to another one'
        : error.code === 'ENOTFOUND' || error.code === 'EADDRNOTAVAIL'
          ? 'no such address here: check HOST'
          : error.message;
    console.error(`Entente cannot start: cannot listen on ${where}: ${why}`);
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.log('info', {
      msg: `Entente: ${dataset.events.length} events, ${dataset.actors.length} actors, ${dataset.sources.length} sources. Dashboard at http://localhost:${port}/, ${config.graphiql ? 'GraphiQL' : 'the GraphQL API'} at http://localhost:${port}/graphql`,
      port,
    });
  });

  // A last line of defence, not a fix: a promise that rejects with nobody listening is a defect,
  // logged as one, but it must not end a process that is serving everyone else.
  process.on('unhandledRejection', (reason) => logUnexpected(logger, 'none', reason, { source: 'unhandledRejection' }));

  const graceful = gracefulShutdown(server);
  const shutdown = async (signal: string) => {
    if (stopping) {
      // A second signal is someone who will not wait: stop now.
      logger.log('warn', { msg: `${signal} again: exiting without waiting for in-flight requests` });
      process.exit(1);
    }
    stopping = true; // /ready answers 503 from now on
    if (config.shutdownDelayMs > 0) {
      // Keep serving while load balancers see /ready fail and take this instance out of rotation.
      logger.log('info', { msg: `${signal}: not ready; still serving for ${config.shutdownDelayMs} ms (SHUTDOWN_DELAY_MS)` });
      await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
    }
    logger.log('info', { msg: `${signal}: finishing in-flight requests (up to ${config.shutdownTimeoutMs} ms)` });
    // Streams never finish by themselves: subscriptions are completed first, so that their
    // connections drain like any other.
    await watcher?.close();
    changes.close();
    // Streams whose clients read end at once; those that stopped reading are cut shortly after.
    await handler.endStreams(STREAM_GRACE_MS);
    const how = await graceful.stop(config.shutdownTimeoutMs);
    await yoga.dispose();
    logger.log('info', { msg: how === 'drained' ? 'Entente stopped.' : 'Entente stopped at the deadline, cutting the connections left.' });
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof DataError || error instanceof ConfigError) {
    console.error(`Entente cannot start. ${error.message}`);
  } else {
    console.error('Entente cannot start:', error);
  }
  process.exit(1);
});
