// Which media type Yoga answers a request's Accept header with, worked out as Yoga works it out
// (graphql-yoga's use-result-processor.js and accept.js): so that an answer sent without Yoga
// (a cached one, src/http/node-handler.ts) has the content type Yoga would have given it.
//  - The header is read as a list; q-values are ignored, and an entry whose charset is not utf-8
//    is skipped. No header is read as `*/*`.
//  - Of the entries that a JSON answer matches, the first one listed decides: the spec's
//    `application/graphql-response+json`, or `application/json` for `application/json` itself
//    and for wildcards (`*/*`, `application/*`).
//  - When no entry matches, Yoga answers 406: undefined here.

import { BoundedMemo } from './bounded-memo.js';

export type JsonMediaType = 'application/json' | 'application/graphql-response+json';

const JSON_TYPES: readonly JsonMediaType[] = ['application/graphql-response+json', 'application/json'];

function matches(type: string, wanted: string): boolean {
  const [wantedType, wantedSubtype] = wanted.split('/');
  const [typeName, subtype] = type.split('/');
  return (wantedType === '*' || wantedType === typeName) && (wantedSubtype === '*' || wantedSubtype === subtype);
}

/** Accept headers seen, with their answer: clients send a handful, and each is asked thousands of times. */
const known = new BoundedMemo<string, JsonMediaType | null>(256);

/** The media type of Yoga's answer to a query (not a stream) under this Accept header, or undefined for its 406. */
export function jsonMediaTypeFor(accept: string | null | undefined): JsonMediaType | undefined {
  const header = accept || '*/*';
  // Only short headers are remembered: a client could send a new long one with every request.
  return header.length > 200 ? negotiate(header) : (known.get(header, () => negotiate(header) ?? null) ?? undefined);
}

/** The media types of an Accept header's entries, in order, leaving out those in a charset other than UTF-8 (as Yoga does). */
function utf8MediaTypes(accept: string): string[] {
  const types: string[] = [];
  for (const entry of accept.replace(/\s/g, '').toLowerCase().split(',')) {
    const [mediaType, ...params] = entry.split(';');
    const charset = params.find((param) => param.includes('charset=')) ?? 'charset=utf-8';
    if (mediaType && charset === 'charset=utf-8') types.push(mediaType);
  }
  return types;
}

function negotiate(accept: string): JsonMediaType | undefined {
  for (const mediaType of utf8MediaTypes(accept)) {
    // Yoga keeps the last match it meets, going through its types in this order for each entry.
    let chosen: JsonMediaType | undefined;
    for (const type of JSON_TYPES) if (matches(type, mediaType)) chosen = type;
    if (chosen) return chosen;
  }
  return undefined;
}

/**
 * Whether Yoga can stream a subscription under this Accept header: only as server-sent events
 * (Yoga streams subscriptions in no other way), from an entry `text/event-stream` matches, in UTF-8.
 */
export function acceptsEventStream(accept: string | null | undefined): boolean {
  return utf8MediaTypes(accept || '*/*').some((mediaType) => matches('text/event-stream', mediaType));
}
