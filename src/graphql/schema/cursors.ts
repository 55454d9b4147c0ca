// Opaque cursors. They encode the sort key of an item (not its offset), tagged with what
// they page over, so they stay valid as data is added and cannot be mixed up between lists.
import type { EventSortKey } from '../../domain/event-order.js';
import { badUserInput, echoed } from './errors.js';

function encode(payload: unknown[]): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** Far longer than any cursor this API gives out (an event's is under 200 characters). */
const MAX_CURSOR_LENGTH = 512;

function decode(cursor: string): unknown {
  // Decoding is per field that pages: a megabyte of "cursor" would be decoded at each of them.
  if (cursor.length > MAX_CURSOR_LENGTH) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function invalidCursor(cursor: string, argument: string, list: string) {
  return badUserInput(`Invalid cursor "${echoed(cursor)}" in ${argument}: use a cursor this API returned for ${list}`, { argument });
}

export function encodeEventCursor(key: EventSortKey): string {
  return encode(['event', key.startMs, key.endMs, key.id]);
}

export function decodeEventCursor(cursor: string, argument: string): EventSortKey {
  const value = decode(cursor);
  if (
    Array.isArray(value) &&
    value.length === 4 &&
    value[0] === 'event' &&
    Number.isSafeInteger(value[1]) &&
    Number.isSafeInteger(value[2]) &&
    typeof value[3] === 'string'
  ) {
    return { startMs: value[1] as number, endMs: value[2] as number, id: value[3] };
  }
  throw invalidCursor(cursor, argument, 'a timeline');
}

export function encodeActorCursor(actorId: string): string {
  return encode(['actor', actorId]);
}

export function decodeActorCursor(cursor: string, argument: string): string {
  const value = decode(cursor);
  if (Array.isArray(value) && value.length === 2 && value[0] === 'actor' && typeof value[1] === 'string') return value[1];
  throw invalidCursor(cursor, argument, 'actors');
}
