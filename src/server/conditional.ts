// Conditional GETs and POSTs: whether a client's If-None-Match names the answer it would get.

/** The opaque part of an entity tag, for weak comparison: W/"x" and "x" are the same tag. */
function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

/**
 * Whether If-None-Match matches `etag` by weak comparison (RFC 9110, 13.1.2): a list of tags,
 * weak ones (as proxies that compress make them) and `*` all count.
 */
export function ifNoneMatchMatches(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const wanted = opaque(etag);
  return header.split(',').some((tag) => opaque(tag.trim()) === wanted);
}
