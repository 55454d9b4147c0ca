// Structured JSON log lines, and request ids that tie a client's answer to the lines about it.
import { randomUUID } from 'node:crypto';

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
