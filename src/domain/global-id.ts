// Global IDs (Relay's Global Object Identification): base64 of "Type:id". Pure: the GraphQL layer
// turns a parse failure into its error, the exports write the same IDs into JSON-LD.
import type { EventKind } from './model.js';

/** Types that implement Node: the only typenames a global ID may carry. */
export const NODE_TYPES = ['Actor', 'Meeting', 'Statement', 'Vote', 'Source'] as const;
export type NodeType = (typeof NODE_TYPES)[number];
const nodeTypes = new Set<string>(NODE_TYPES);

/** The GraphQL type of each event kind. */
export const TYPE_OF_KIND = { MEETING: 'Meeting', STATEMENT: 'Statement', VOTE: 'Vote' } as const satisfies Record<EventKind, NodeType>;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function encodeGlobalID(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64');
}

/** A decoded global ID, or why the string is not one (the type named when it is unknown). */
export type ParsedGlobalID = { ok: true; typename: NodeType; id: string } | { ok: false; unknownType?: string };

/** Decodes strictly: bad base64, no separator, an empty part or an unknown type is not a global ID. */
export function parseGlobalID(globalID: string): ParsedGlobalID {
  if (globalID.length === 0 || !BASE64.test(globalID)) return { ok: false };
  const decoded = Buffer.from(globalID, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return { ok: false };
  const typename = decoded.slice(0, colon);
  if (!nodeTypes.has(typename)) return { ok: false, unknownType: typename };
  return { ok: true, typename: typename as NodeType, id: decoded.slice(colon + 1) };
}
