// Apollo Client 4 set up for Entente: the cache knows the schema's interfaces (possibleTypes),
// merges timeline pages into one list (relayStylePagination) and answers node(id:) from what it
// holds; automatic persisted queries are sent as GET, which a CDN or browser can cache.
// Used as it is by tests/clients.test.ts.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { relayStylePagination } from '@apollo/client/utilities';
import { createHash } from 'node:crypto'; // in a browser: crypto.subtle.digest, or the crypto-hash package
import possibleTypes from '../../schema/possible-types.json' with { type: 'json' };
import { typenameOf } from './global-id.js';


export function ententeApolloClient(uri: string, options: { persistedQueries?: boolean; fetch?: typeof fetch } = {}) {
  const http = new HttpLink({ uri, ...(options.fetch && { fetch: options.fetch }) });
  const sha256 = (query: string) => createHash('sha256').update(query).digest('hex');
  const link = options.persistedQueries ? ApolloLink.from([new PersistedQueryLink({ sha256, useGETForHashedQueries: true }), http]) : http;
  return new ApolloClient({
    link,
    cache: new InMemoryCache({
      possibleTypes,
      typePolicies: {
        Query: {
          fields: {
            // Pages with the same filter are one list; `first`, `after`, `last` and `before` only page it.
            timeline: relayStylePagination(['filter']),
            actors: relayStylePagination(['search']),
            // An object fetched by any query is in the cache under its global ID.
            node: { read: (_existing, { args, toReference }) => (args?.id ? toReference({ __typename: typenameOf(args.id), id: args.id }) : undefined) },
          },
        },
        Actor: { fields: { timeline: relayStylePagination(['filter']) } },
        // Types without an id are stored inside their parent.
        TimeSpan: { keyFields: false },
        Citation: { keyFields: false },
      },
    }),
  });
}
