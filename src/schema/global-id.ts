import { GraphQLError, isObjectType, type GraphQLSchema } from 'graphql';
import { BoundedMemo } from '../bounded-memo.js';
import { badUserInput, echoed } from './errors.js';

/** Types that implement Node: the only typenames a global ID may carry. */
export const NODE_TYPES = ['Actor', 'Meeting', 'Statement', 'Vote', 'Source'] as const;
export type NodeType = (typeof NODE_TYPES)[number];
const nodeTypes = new Set<string>(NODE_TYPES);

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A global ID is base64("Type:id"), as Relay servers usually make them. */
export function encodeGlobalID(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64');
}

/**
 * Decodes strictly: unlike the relay plugin's default decoder, garbage (bad base64,
 * no separator, an unknown type) is a BAD_USER_INPUT error naming the ID.
 */
export function decodeGlobalID(globalID: string): { typename: NodeType; id: string } {
  const invalid = (why: string) => badUserInput(`Invalid ID "${echoed(globalID)}": ${why}`, { id: echoed(globalID) });
  if (globalID.length === 0 || !BASE64.test(globalID)) throw invalid('not a global ID (expected base64 of "Type:id")');
  const decoded = Buffer.from(globalID, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) throw invalid('not a global ID (expected base64 of "Type:id")');
  const typename = decoded.slice(0, colon);
  if (!nodeTypes.has(typename)) throw invalid(`unknown type "${echoed(typename)}" (expected one of ${NODE_TYPES.join(', ')})`);
  return { typename: typename as NodeType, id: decoded.slice(colon + 1) };
}

/** Decodes an ID that must be of one of `expected` types. */
export function decodeGlobalIDOf<T extends NodeType>(globalID: string, expected: readonly T[], where: string): string {
  let decoded: ReturnType<typeof decodeGlobalID>;
  try {
    decoded = decodeGlobalID(globalID);
  } catch (error) {
    if (error instanceof GraphQLError) throw badUserInput(`${error.message} (in ${where})`, { ...error.extensions, argument: where });
    throw error;
  }
  const { typename, id } = decoded;
  if (!(expected as readonly string[]).includes(typename)) {
    throw badUserInput(`Invalid ID "${echoed(globalID)}" in ${where}: it is ${/^[AEIOU]/.test(typename) ? 'an' : 'a'} ${typename} ID, expected ${expected.join(' or ')}`, { id: echoed(globalID), argument: where });
  }
  return id;
}

const MAX_REMEMBERED_IDS = 100_000;

/**
 * Makes every Node's `id` field synchronous. The relay plugin resolves global IDs in an async
 * function, so each object with an id became a promise for graphql-js to wait on (a nested page
 * of 50 events has about 900). Every node object carries its own `id` (see refs.ts), so the global
 * ID is computed directly, with the same encoding.
 */
export function resolveGlobalIDsSynchronously(schema: GraphQLSchema): GraphQLSchema {
  for (const typename of NODE_TYPES) {
    const type = schema.getType(typename);
    const field = isObjectType(type) ? type.getFields().id : undefined;
    if (!field) throw new Error(`Node type ${typename} has no id field`);
    // Remembered per type: a nested page repeats the same actors, and encoding goes through a
    // Buffer (about 0.5 µs, 573 IDs on the benchmark's nested page).
    const encoded = new BoundedMemo<string, string>(MAX_REMEMBERED_IDS);
    const encode = (id: string) => encodeGlobalID(typename, id);
    field.resolve = (node: { id: string }) => encoded.get(node.id, encode);
  }
  return schema;
}
