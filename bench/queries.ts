// The three benchmark queries, shared by the harness and the servers. They take their
// parameters as GraphQL variables, as real clients do, so that the query text stays fixed and
// the hand-written server can recognise each one by its text.

export const SMALL_LOOKUP = `query SmallLookup($slug: String!) {
  actor(slug: $slug) { id name kind }
}`;

export const NESTED_PAGE = `query NestedPage {
  timeline(first: 50) {
    edges { node {
      id title
      time { start end precision }
      citations { quote source { title } }
      actors { id name memberOf { id name } }
    } }
  }
}`;

export const WINDOW = `query Window($from: DateTime!, $to: DateTime!) {
  timeline(filter: { from: $from, to: $to }, first: 20) {
    totalCount
    edges { node { id title time { start end } } }
  }
}`;

/** What the queries are asked about: found in the data set unless given through the environment. */
export interface QueryParams {
  /** An actor's slug for the small lookup. */
  slug: string;
  /** The window, as ISO 8601 instants with offsets. */
  from: string;
  to: string;
}

export const QUERY_NAMES = ['small lookup', 'nested page', 'window'] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

export interface BenchQuery {
  name: QueryName;
  /** The exact POST body sent to /graphql (the precomputed server keys its answers by it). */
  body: string;
}

export function benchQueries(params: QueryParams): BenchQuery[] {
  return [
    { name: 'small lookup', body: JSON.stringify({ query: SMALL_LOOKUP, variables: { slug: params.slug } }) },
    { name: 'nested page', body: JSON.stringify({ query: NESTED_PAGE }) },
    { name: 'window', body: JSON.stringify({ query: WINDOW, variables: { from: params.from, to: params.to } }) },
  ];
}
