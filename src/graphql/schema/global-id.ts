import { GraphQLError } from 'graphql';
import { badUserInput, echoed } from './errors.js';
import { encodeGlobalID, NODE_TYPES, parseGlobalID, type NodeType } from '../../domain/global-id.js';

export { encodeGlobalID, NODE_TYPES, type NodeType };

/**
 * Decodes strictly: unlike the relay plugin's default decoder, garbage (bad base64,
 * no separator, an unknown type) is a BAD_USER_INPUT error naming the ID.
 */
export function decodeGlobalID(globalID: string): { typename: NodeType; id: string } {
  const parsed = parseGlobalID(globalID);
  if (parsed.ok) return { typename: parsed.typename, id: parsed.id };
  const why =
    parsed.unknownType === undefined
      ? 'not a global ID (expected base64 of "Type:id")'
      : `unknown type "${echoed(parsed.unknownType)}" (expected one of ${NODE_TYPES.join(', ')})`;
  throw badUserInput(`Invalid ID "${echoed(globalID)}": ${why}`, { id: echoed(globalID) });
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
    throw badUserInput(
      `Invalid ID "${echoed(globalID)}" in ${where}: it is ${/^[AEIOU]/.test(typename) ? 'an' : 'a'} ${typename} ID, expected ${expected.join(' or ')}`,
      { id: echoed(globalID), argument: where },
    );
  }
  return id;
}
