// Request ids, one structured JSON log line per request, and masked errors that can be traced:
// an unexpected error reaches the client as "Unexpected error." with the request id, and the
// log holds its real message and stack under the same id.
import { randomUUID } from 'node:crypto';
import { getOperationAST, GraphQLError, type ExecutionResult } from 'graphql';
import { maskError as yogaMaskError, type Plugin } from 'graphql-yoga';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  log(level: Exclude<LogLevel, 'silent'>, fields: Record<string, unknown>): void;
}

/** Writes JSON lines to stdout (stderr for warnings and errors), from `level` up. */
export function jsonLogger(level: LogLevel, write: (line: string, level: string) => void = defaultWrite): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  return {
    log(messageLevel, fields) {
      if (LOG_LEVELS.indexOf(messageLevel) < threshold) return;
      write(JSON.stringify({ time: new Date().toISOString(), level: messageLevel, ...fields }), messageLevel);
    },
  };
}

function defaultWrite(line: string, level: string): void {
  (level === 'warn' || level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

export const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_REQUEST_ID = /^[\w.-]{1,64}$/;

interface RequestState {
  id: string;
  started: number;
  operationName?: string;
  cost?: number;
  unexpected: number;
}

/**
 * Yoga's masking, except that a masked error keeps the unexpected one as originalError (never
 * sent to clients) so that it can be logged with the request id. Expected errors, GraphQLErrors
 * all the way down, pass unchanged.
 */
export function maskUnexpected(error: unknown, message: string, isDev?: boolean): Error {
  if (yogaMaskError(error, message, isDev) === error) return error as Error;
  const graphqlError = error instanceof GraphQLError ? error : undefined;
  const original = graphqlError?.originalError ?? (error instanceof Error ? error : new Error(String(error)));
  return new GraphQLError(message, {
    ...(graphqlError?.nodes && { nodes: graphqlError.nodes }),
    ...(graphqlError?.path && { path: graphqlError.path }),
    originalError: original,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

// Module-wide, so that other plugins (the exports) can log under the same id.
const requests = new WeakMap<Request, RequestState>();

/** A caller's request id (e.g. from a proxy) when it is safe to log; otherwise a new one. */
export function requestIdFrom(given: string | null | undefined): string {
  return given && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** What the log line of every request says. */
export interface RequestLine {
  requestId: string;
  method: string;
  path: string;
  status: number;
  started: number;
  operationName?: string | undefined;
  cost?: number | undefined;
  unexpected?: number;
}

/** The cost the limits plugin reported for a result, logged with its request. */
export function requestedCost(result: ExecutionResult): number | undefined {
  return (result.extensions as { cost?: { requested?: number } } | undefined)?.cost?.requested;
}

/** One line per request, at error level for a 5xx. */
export function logRequest(logger: Logger, { requestId, method, path, status, started, operationName, cost, unexpected = 0 }: RequestLine): void {
  logger.log(status >= 500 ? 'error' : 'info', {
    msg: 'request',
    requestId,
    method,
    path,
    status,
    durationMs: Math.round((performance.now() - started) * 100) / 100,
    ...(operationName && { operationName }),
    ...(cost !== undefined && { cost }),
    ...(unexpected > 0 && { unexpectedErrors: unexpected }),
  });
}

function track(request: Request): RequestState {
  const state = { id: requestIdFrom(request.headers.get(REQUEST_ID_HEADER)), started: performance.now(), unexpected: 0 };
  requests.set(request, state);
  return state;
}

/** The operation a request ran, as logged (the response cache keeps it with its entries). */
export function operationNameOf(request: Request): string | undefined {
  return requests.get(request)?.operationName;
}

/** Notes the operation of a request answered without running it (from the response cache). */
export function noteOperationName(request: Request, name: string | undefined): void {
  const state = requests.get(request);
  if (state && name !== undefined) state.operationName = name;
}

/** Logs an unexpected error with its real message and stack under the request's id (clients see neither). */
export function logUnexpected(logger: Logger, requestId: string, error: unknown, fields: Record<string, unknown> = {}): void {
  logger.log('error', {
    requestId,
    msg: 'unexpected error',
    error: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
    ...fields,
  });
}

/** The id under which a request is logged. */
export function requestIdOf(request: Request): string {
  return (requests.get(request) ?? track(request)).id;
}

export function observabilityPlugin(logger: Logger): Plugin {
  return {
    onRequest({ request }) {
      track(request);
    },
    onExecute({ args }) {
      // The operation that runs: named by the client, or the document's only one.
      const state = requests.get((args.contextValue as { request: Request }).request);
      const name = getOperationAST(args.document, args.operationName)?.name?.value;
      if (state && name) state.operationName = name;
    },
    onResultProcess({ request, result, setResult }) {
      const state = requests.get(request);
      // Only single results: no subscriptions or streams here.
      if (!state || Array.isArray(result) || Symbol.asyncIterator in result) return;
      const cost = requestedCost(result);
      if (cost !== undefined) state.cost = cost;
      if (!('errors' in result) || !result.errors) return;
      let changed = false;
      const errors = result.errors.map((error) => {
        if (!(error instanceof GraphQLError) || error.extensions.code !== 'INTERNAL_SERVER_ERROR') return error;
        changed = true;
        state.unexpected++;
        const original = error.originalError;
        logUnexpected(logger, state.id, original ?? error, { path: error.path });
        return new GraphQLError(error.message, { nodes: error.nodes, path: error.path, extensions: { ...error.extensions, requestId: state.id } });
      });
      if (changed) setResult({ ...result, errors });
    },
    onResponse({ request, response }) {
      // Yoga's own /health check and CORS preflights answer before any plugin sees the request.
      const state = requests.get(request) ?? track(request);
      response.headers.set(REQUEST_ID_HEADER, state.id);
      logRequest(logger, {
        requestId: state.id,
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
        started: state.started,
        operationName: state.operationName,
        cost: state.cost,
        unexpected: state.unexpected,
      });
    },
  };
}
