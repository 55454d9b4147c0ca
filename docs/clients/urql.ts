// urql 6 with Graphcache set up for Entente: the schema (from introspection) tells it the
// interfaces, `keys` says which types have no id (stored inside their parent, never normalised),
// and relayPagination merges timeline pages. urql's default sends short queries as GET with
// only an Accept header, which Entente answers (and a CDN may cache). Used by tests/clients.test.ts.
import { Client, fetchExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import type { IntrospectionQuery } from 'graphql';
import { typenameOf } from './global-id.js';

/** Every type of Entente's schema without an `id` (tests/clients.test.ts checks that the list is whole). */
export const TYPES_WITHOUT_ID = [
  'ActorConnection', 'ActorEdge', 'Ballot', 'Citation', 'Dataset', 'EventConnection', 'EventEdge', 'HistogramBucket',
  'Interaction', 'KindCount', 'Membership', 'PageInfo', 'Participation', 'Place', 'TimelineChange', 'TimeSpan', 'VoteTally',
] as const;

export function ententeUrqlClient(url: string, schema: IntrospectionQuery, options: { fetch?: typeof fetch } = {}) {
  return new Client({
    url,
    ...(options.fetch && { fetch: options.fetch }),
    exchanges: [
      cacheExchange({
        schema,
        keys: Object.fromEntries(TYPES_WITHOUT_ID.map((name) => [name, () => null])),
        resolvers: {
          Query: {
            timeline: relayPagination(),
            actors: relayPagination(),
            // An object fetched by any query is in the cache under its global ID.
            node: (_parent, args) => ({ __typename: typenameOf(String(args.id)), id: String(args.id) }),
          },
          Actor: { timeline: relayPagination() },
        },
      }),
      fetchExchange,
    ],
  });
}
