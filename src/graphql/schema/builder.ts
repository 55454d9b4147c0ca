// The Pothos schema builder. It defines no types: each type has its own module in ./types.
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import EntentePlugin from './plugins/entente-plugin.js';
import type { ParsedInstant } from '../../time/zones.js';
import type { Context } from './context.js';
import { decodeGlobalID, encodeGlobalID } from './global-id.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    ID: { Input: string; Output: string };
    /** Parsed input is a Luxon DateTime; resolvers return strings already rendered in the requested zone. */
    DateTime: { Input: ParsedInstant; Output: string };
    TimeZone: { Input: string; Output: string };
    /** A calendar date, YYYY-MM-DD, validated. */
    Date: { Input: string; Output: string };
  };
  /** Extra fields every connection's shape carries. */
  Connection: { totalCount: number };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  // Order matters: the first plugin wraps outermost (the guard sees every list as it is returned).
  plugins: [EntentePlugin, RelayPlugin, DataloaderPlugin],
  // Fields are non-null unless they say otherwise, as the contract mostly wants.
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    encodeGlobalID,
    decodeGlobalID,
    edgesFieldOptions: { nullable: false, description: 'The items of this page, in order.' },
    nodeFieldOptions: { nullable: false, description: 'The item at the end of the edge.' },
    cursorFieldOptions: { description: 'An opaque cursor for this edge: pass it as `after` or `before` to page from here.' },
    pageInfoFieldOptions: { description: 'Where this page sits in the whole list.' },
    nodeTypeOptions: { description: 'An object with a globally unique, opaque ID (Relay Global Object Identification).' },
    idFieldOptions: { description: 'Globally unique, opaque and stable: refetch the object with `node(id:)`.' },
    pageInfoTypeOptions: { description: 'Paging information for a connection (Relay Cursor Connections).' },
    hasNextPageFieldOptions: { description: 'Whether more items follow the last edge of this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether more items precede the first edge of this page.' },
    startCursorFieldOptions: { description: 'The cursor of the first edge, if any.' },
    endCursorFieldOptions: { description: 'The cursor of the last edge, if any.' },
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID; null if there is none.',
      args: { id: { description: 'A global ID, as returned in any `id` field.' } },
    },
    // Query.nodes is defined in types/query.ts, so that one invalid ID fails only its own item.
    nodesQueryOptions: false,
  },
});
