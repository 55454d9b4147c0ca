// Mainstream clients, set up as docs/clients.md says (docs/clients/*.ts), against the real HTTP
// server: each pages through the whole timeline into one cached list, reads an object back by
// its ID from the cache, and uses fragments on the Event interface; Apollo also over automatic
// persisted queries, urql and graphql-request over GET with their defaults.
import { createServer, type Server } from 'node:http';
import { gql } from '@apollo/client';
import { gql as urqlGql } from '@urql/core';
import { buildSchema, getIntrospectionQuery, graphqlSync, isObjectType, type IntrospectionQuery } from 'graphql';
import { GraphQLClient } from 'graphql-request';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ententeApolloClient } from '../docs/clients/apollo.js';
import { ententeUrqlClient, TYPES_WITHOUT_ID } from '../docs/clients/urql.js';
import { entente } from './helpers.js';

let server: Server;
let url: string;
/** Every request the clients make: method, and whether it carried a query or only a hash. */
let requests: { method: string; accept: string | undefined; status: number }[] = [];

beforeAll(async () => {
  const { handler } = await entente();
  server = createServer((request, response) => {
    response.on('finish', () => requests.push({ method: request.method!, accept: request.headers.accept, status: response.statusCode }));
    return handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const SDL = readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8');
const PAGE = `query Page($after: String) {
  timeline(first: 7, after: $after) {
    totalCount
    edges { cursor node { __typename id title ... on Meeting { status } ... on Vote { outcome } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const NODE = `query Node($id: ID!) { node(id: $id) { __typename id ... on Event { title } } }`;
// Answers are \`any\`, as in helpers.ts: each test reads the fields its own query asked for.
type Answer = any;

describe('Apollo Client', () => {
  it('pages the whole timeline into one cached list, reads a node and an Event fragment from the cache, and sends modern Accept headers', async () => {
    requests = [];
    const client = ententeApolloClient(url);
    const first = await client.query<Answer>({ query: gql(PAGE) });
    const total = first.data!.timeline.totalCount as number;
    let page = first.data!.timeline;
    while (page.pageInfo.hasNextPage) {
      // From the network: relayStylePagination reads every page already merged for any cursor.
      const more = await client.query<Answer>({ query: gql(PAGE), variables: { after: page.pageInfo.endCursor }, fetchPolicy: 'network-only' });
      page = more.data!.timeline;
    }
    // One list in the cache, in order, every event once.
    const merged = client.readQuery<Answer>({ query: gql(PAGE) })!.timeline;
    expect(merged.edges).toHaveLength(total);
    expect(new Set(merged.edges.map((e: { node: { id: string } }) => e.node.id)).size).toBe(total);
    // A node read back from the cache alone, through the Event interface (possibleTypes).
    const vote = merged.edges.find((e: { node: { __typename: string } }) => e.node.__typename === 'Vote').node;
    const cached = await client.query<Answer>({ query: gql(NODE), variables: { id: vote.id }, fetchPolicy: 'cache-only' });
    expect(cached.data!.node).toEqual({ __typename: 'Vote', id: vote.id, title: vote.title });
    expect(requests.every((r) => r.accept?.startsWith('application/graphql-response+json') && r.status === 200)).toBe(true);
  });

  it('speaks automatic persisted queries: hash first over GET, the query once, then the hash alone', async () => {
    requests = [];
    const query = gql`
      query Sources {
        sources {
          id
          title
        }
      }
    `;
    const once = await ententeApolloClient(url, { persistedQueries: true }).query<Answer>({ query });
    expect(once.data!.sources.length).toBeGreaterThan(0);
    // A new client (no cache of its own) sends the hash, which the server now knows.
    const again = await ententeApolloClient(url, { persistedQueries: true }).query<Answer>({ query });
    expect(again.data).toEqual(once.data);
    expect(requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 404', 'POST 200', 'GET 200']);
  });

  it('reports a request error with its code', async () => {
    const client = ententeApolloClient(url);
    const failed = await client.query({
      query: gql`
        query R($slug: String!) {
          actor(slug: $slug) {
            id
          }
        }
      `,
      variables: {},
      errorPolicy: 'all',
    });
    expect(failed.error?.message).toContain('Variable "$slug" of required type "String!" was not provided.');
  });
});

describe('urql with Graphcache', () => {
  const introspection = graphqlSync({ schema: buildSchema(SDL), source: getIntrospectionQuery() }).data as unknown as IntrospectionQuery;

  it('lists every type without an id in its keys', () => {
    const schema = buildSchema(SDL);
    const withoutId = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__') && type.name !== 'Query' && type.name !== 'Subscription' && !type.getFields().id)
      .map((type) => type.name)
      .sort();
    expect([...TYPES_WITHOUT_ID].sort()).toEqual(withoutId);
  });

  it('pages the whole timeline into one cached list over GET with its defaults, and reads a node from the cache', async () => {
    requests = [];
    const client = ententeUrqlClient(url, introspection);
    let result = await client.query(urqlGql(PAGE), {}).toPromise();
    expect(result.error).toBeUndefined();
    const total = result.data.timeline.totalCount as number;
    while (result.data.timeline.pageInfo.hasNextPage) {
      result = await client.query(urqlGql(PAGE), { after: result.data.timeline.pageInfo.endCursor }).toPromise();
      expect(result.error).toBeUndefined();
    }
    // relayPagination: every page so far, in one list.
    expect(result.data.timeline.edges).toHaveLength(total);
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.every((r) => r.method === 'GET' && r.status === 200)).toBe(true);
    // The node, from the cache alone.
    const vote = result.data.timeline.edges.find((e: { node: { __typename: string } }) => e.node.__typename === 'Vote').node;
    const cached = await client.query(urqlGql(NODE), { id: vote.id }, { requestPolicy: 'cache-only' }).toPromise();
    expect(cached.data?.node).toMatchObject({ __typename: 'Vote', id: vote.id, title: vote.title });
  });
});

describe('graphql-request', () => {
  it('queries over GET and over POST with its defaults', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const client = new GraphQLClient(url, { method });
      const answer = await client.request<{ actor: { name: string } }>('query A($slug: String!) { actor(slug: $slug) { id name } }', { slug: 'sergei-lavrov' });
      expect(answer.actor.name).toBe('Sergei Lavrov');
    }
  });
});

describe('relay-compiler', () => {
  it('compiles the Relay fixture (docs/clients/relay) against schema/schema.graphql, typing the custom scalars', async () => {
    // In a copy, so that the repository gets no generated files.
    const dir = mkdtempSync(join(tmpdir(), 'entente-relay-'));
    try {
      cpSync(fileURLToPath(new URL('../docs/clients/relay', import.meta.url)), dir, { recursive: true });
      const config = JSON.parse(readFileSync(join(dir, 'relay.config.json'), 'utf8'));
      writeFileSync(join(dir, 'relay.config.json'), JSON.stringify({ ...config, schema: fileURLToPath(new URL('../schema/schema.graphql', import.meta.url)) }));
      const compiler = fileURLToPath(new URL('../node_modules/relay-compiler/cli.js', import.meta.url));
      await promisify(execFile)(process.execPath, [compiler], { cwd: dir });
      const row = readFileSync(join(dir, 'src/__generated__/EventRow_event.graphql.ts'), 'utf8');
      expect(row).toContain('readonly start: string;');
      expect(readFileSync(join(dir, 'src/__generated__/TimelinePaginationQuery.graphql.ts'), 'utf8')).toContain('Timeline_timeline');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
