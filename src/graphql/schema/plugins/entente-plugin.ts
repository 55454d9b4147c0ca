// Entente's Pothos plugin: what every field needs beyond its own resolver, added while the schema
// is built (Pothos's wrapResolve) rather than patched onto the built schema.
//  - The execution guard (limits/execution-guard.ts): lists of objects are counted as they
//    resolve, fields with arguments check the deadline and count their errors.
//  - Global IDs resolved synchronously: the relay plugin's `id` resolver is asynchronous, so
//    every node with an id was a promise for graphql-js to wait on; each node object carries its
//    own `id`, so the global ID is encoded at once, with the same encoding, remembered per type.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { encodeGlobalID, NODE_TYPES } from '../../../domain/global-id.js';
import { BoundedMemo } from '../../../support/bounded-memo.js';
import { guardResolver } from '../../limits/execution-guard.js';

const MAX_REMEMBERED_IDS = 100_000;
const nodeTypes = new Set<string>(NODE_TYPES);

function isListOfObjects<Types extends SchemaTypes>(config: PothosOutputFieldConfig<Types>): boolean {
  const { type } = config;
  return type.kind === 'List' && (type.type.kind === 'Object' || type.type.kind === 'Interface' || type.type.kind === 'Union');
}

export class EntentePlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    config: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (config.name === 'id' && nodeTypes.has(config.parentType)) {
      const typename = config.parentType;
      const encoded = new BoundedMemo<string, string>(MAX_REMEMBERED_IDS);
      const encode = (id: string) => encodeGlobalID(typename, id);
      return (node) => encoded.get((node as { id: string }).id, encode);
    }
    // Fields an object type takes from an interface keep the interface's kind, so every field is
    // wrapped (an interface's own resolvers never run: graphql-js calls the object type's).
    return guardResolver(resolver as GraphQLFieldResolver<unknown, object>, {
      listOfObjects: isListOfObjects(config),
      hasArguments: Object.keys(config.args).length > 0,
    }) as GraphQLFieldResolver<unknown, Types['Context'], object>;
  }
}

const PLUGIN_NAME = 'entente';

SchemaBuilder.registerPlugin(PLUGIN_NAME, EntentePlugin);

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Pothos declares its plugins in this namespace
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      entente: EntentePlugin<Types>;
    }
  }
}

export default PLUGIN_NAME;
