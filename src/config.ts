// Settings from the environment, checked once at start-up with errors that name the variable.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { LIMIT_SETTINGS, type Limits, type NumericLimit } from './graphql/limits/limits.js';
import { LOG_LEVELS, type LogLevel } from './observability/logger.js';

/** Bytes of whole answers the response cache keeps, and of the largest one it keeps. */
export const DEFAULT_RESPONSE_CACHE_BYTES = 32 * 1024 * 1024;
export const DEFAULT_RESPONSE_CACHE_ENTRY_BYTES = 1024 * 1024;
/** How long browsers and CDNs may keep a GET answer without asking again. */
export const DEFAULT_CACHE_MAX_AGE_SECONDS = 60;
/** Characters of automatic persisted queries kept (some 400 queries of the examples' size). */
export const DEFAULT_PERSISTED_QUERY_BYTES = 1024 * 1024;

/** The project root: one level above src/ (under tsx) or dist/ (compiled). */
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Config {
  /** Interface to bind; undefined binds every interface. */
  host: string | undefined;
  port: number;
  dataDir: string;
  examplesDir: string;
  dashboardDir: string;
  /** How long in-flight requests may take to finish on SIGTERM/SIGINT. */
  shutdownTimeoutMs: number;
  /** How long to keep serving after SIGTERM, with /ready failing, before the listener closes. */
  shutdownDelayMs: number;
  /** How long a request (headers and body) may take to arrive. */
  requestTimeoutMs: number;
  /** How long a connection may send and receive nothing, mid-request or mid-answer, before it is closed. */
  idleTimeoutMs: number;
  limits: Limits;
  /** Origins that may call the API cross-origin (CORS); empty means same-origin only. */
  corsOrigins: string[];
  logLevel: LogLevel;
  introspection: boolean;
  /** Whether a change to the data files is served without a restart. */
  watchData: boolean;
  /** How long the data files must be quiet before a change is reloaded. */
  dataReloadDebounceMs: number;
  graphiql: boolean;
  /** Bytes of whole responses kept by the response cache; 0 turns it off. */
  responseCacheBytes: number;
  /** Bytes of the largest response it keeps. */
  responseCacheEntryBytes: number;
  /** Cache-Control max-age of error-free GET answers; 0 sends no-cache (revalidate with the ETag every time). */
  cacheMaxAgeSeconds: number;
  /** Characters of automatic persisted queries kept. */
  persistedQueryBytes: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

/** A comma-separated list of origins such as https://newsroom.example (scheme, host and port only). */
function origins(env: NodeJS.ProcessEnv, name: string): string[] {
  const list = (env[name] ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of list) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin) throw new ConfigError(`${name} must list origins such as https://newsroom.example (got "${origin}")`);
  }
  return list;
}

function logLevel(env: NodeJS.ProcessEnv, name: string): LogLevel {
  const raw = env[name] || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be one of ${LOG_LEVELS.join(', ')} (got "${raw}")`);
  return raw as LogLevel;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false (or 1 or 0; got "${raw}")`);
}

/** Settings that were renamed: a deployment that still sets one is told what replaced it, not ignored. */
const REPLACED: Record<string, string> = {
  RESPONSE_CACHE_ENTRIES: 'RESPONSE_CACHE_BYTES (the cache is bounded in bytes, 0 turns it off)',
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  for (const [name, replacement] of Object.entries(REPLACED)) {
    if (env[name] !== undefined) throw new ConfigError(`${name} is no longer read: set ${replacement}`);
  }
  return {
    host: env.HOST || undefined,
    port: integer(env, 'PORT', 4000, 0, 65535),
    dataDir: resolve(PROJECT_ROOT, env.DATA_DIR || 'data'),
    examplesDir: resolve(PROJECT_ROOT, env.EXAMPLES_DIR || 'schema/examples'),
    dashboardDir: resolve(PROJECT_ROOT, env.DASHBOARD_DIR || 'dashboard'),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    shutdownDelayMs: integer(env, 'SHUTDOWN_DELAY_MS', 0, 0, 600_000),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 10_000, 1, 600_000),
    idleTimeoutMs: integer(env, 'IDLE_TIMEOUT_MS', 30_000, 1, 3_600_000),
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    logLevel: logLevel(env, 'LOG_LEVEL'),
    introspection: flag(env, 'INTROSPECTION', true),
    watchData: flag(env, 'WATCH_DATA', true),
    dataReloadDebounceMs: integer(env, 'DATA_RELOAD_DEBOUNCE_MS', 200, 0, 60_000),
    graphiql: flag(env, 'GRAPHIQL', true),
    responseCacheBytes: integer(env, 'RESPONSE_CACHE_BYTES', DEFAULT_RESPONSE_CACHE_BYTES, 0, 2 ** 40),
    responseCacheEntryBytes: integer(env, 'RESPONSE_CACHE_ENTRY_BYTES', DEFAULT_RESPONSE_CACHE_ENTRY_BYTES, 1, 2 ** 40),
    cacheMaxAgeSeconds: integer(env, 'CACHE_MAX_AGE_SECONDS', DEFAULT_CACHE_MAX_AGE_SECONDS, 0, 31_536_000),
    persistedQueryBytes: integer(env, 'PERSISTED_QUERY_BYTES', DEFAULT_PERSISTED_QUERY_BYTES, 0, 2 ** 30),
    limits: {
      ...(Object.fromEntries(
        Object.entries(LIMIT_SETTINGS).map(([key, setting]) => [key, integer(env, setting.env, setting.default, 1, 100_000_000)]),
      ) as Record<NumericLimit, number>),
      hideSuggestions: flag(env, 'HIDE_SUGGESTIONS', env.NODE_ENV === 'production'),
    },
  };
}
