// Entente's IDs are global (Relay): base64 of "<Typename>:<key>", e.g. "Actor:sergei-lavrov".
// A normalising cache keys objects by typename and id, so the typename an ID names is what lets
// it answer node(id:) from what it already holds. Clients should not rely on anything else in an ID.

/** The typename a global ID names. */
export function typenameOf(id: string): string {
  return atob(id).split(':', 1)[0]!;
}
