// Shared test helpers: the app over the real data files, queried through yoga.fetch (no port).
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { loadEntente } from '../src/yoga.js';

export const DATA_DIR = fileURLToPath(new URL('../data', import.meta.url));
export const EXAMPLES_DIR = fileURLToPath(new URL('../schema/examples', import.meta.url));
export const DASHBOARD_DIR = fileURLToPath(new URL('../dashboard', import.meta.url));

let app: ReturnType<typeof loadEntente> | undefined;

/** The app over the committed data, loaded once per test file. */
export function entente() {
  app ??= loadEntente({ dataDir: DATA_DIR, examplesDir: EXAMPLES_DIR, dashboardDir: DASHBOARD_DIR });
  return app;
}

// Responses default to `any`: each test reads the fields its own query asked for.
export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, any>;
}

/** Posts a query to /graphql and returns the parsed body. */
export async function query<T = any>(source: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const { yoga } = await entente();
  const response = await yoga.fetch('http://entente.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: source, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** Runs a query that must succeed, and returns its data. */
export async function data<T = any>(source: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await query<T>(source, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

/** Runs a query that must fail, and returns its one error. */
export async function error(source: string, variables?: Record<string, unknown>) {
  const result = await query(source, variables);
  expect(result.errors, 'expected an error').toBeDefined();
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!;
}

export function globalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`).toString('base64');
}
