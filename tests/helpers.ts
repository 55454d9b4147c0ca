// Shared test helpers: the app over the tests' own data set (tests/fixtures/data), queried
// through yoga.fetch (no port). The facts tests (facts*.test.ts) alone read the project's data/.
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { loadEntente } from '../src/app.js';

/** The behaviour tests' data set: a frozen copy of the seed plus fixture-only sources. */
export const DATA_DIR = fileURLToPath(new URL('./fixtures/data', import.meta.url));
/** The project's own data, whose facts tests/facts.test.ts checks. */
export const SEED_DATA_DIR = fileURLToPath(new URL('../data', import.meta.url));
/** A small data set of made-up votes, one of each kind (tests/votes.test.ts). */
export const VOTES_DATA_DIR = fileURLToPath(new URL('./fixtures/votes', import.meta.url));
export const EXAMPLES_DIR = fileURLToPath(new URL('../schema/examples', import.meta.url));
export const DASHBOARD_DIR = fileURLToPath(new URL('../dashboard', import.meta.url));

/** Queries through yoga.fetch against the app over one data directory, loaded once per test file. */
export function clientOver(dataDir: string) {
  let app: ReturnType<typeof loadEntente> | undefined;
  const entente = () => (app ??= loadEntente({ dataDir, examplesDir: EXAMPLES_DIR, dashboardDir: DASHBOARD_DIR }));

  /** Posts a query to /graphql and returns the parsed body. */
  async function query<T = any>(source: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    const { yoga } = await entente();
    const response = await yoga.fetch('http://entente.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: source, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  }

  /** Runs a query that must succeed, and returns its data. */
  async function data<T = any>(source: string, variables?: Record<string, unknown>): Promise<T> {
    const result = await query<T>(source, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data as T;
  }

  /** Runs a query that must fail, and returns its one error. */
  async function error(source: string, variables?: Record<string, unknown>) {
    const result = await query(source, variables);
    expect(result.errors, 'expected an error').toBeDefined();
    expect(result.errors).toHaveLength(1);
    return result.errors![0]!;
  }

  return { entente, query, data, error };
}

// Responses default to `any`: each test reads the fields its own query asked for.
export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, any>;
}

/** The app over the behaviour tests' data set. */
export const { entente, query, data, error } = clientOver(DATA_DIR);

/** The app over the project's data/: only for testing the seed's facts. */
export const seed = clientOver(SEED_DATA_DIR);

export function globalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`).toString('base64');
}
