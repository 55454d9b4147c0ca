// Conditional GETs and POSTs: whether a client's If-None-Match names the answer it would get.

/** The opaque part of an entity tag, for weak comparison: W/"x" and "x" are the same tag. */
function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

/**
 * Whether If-None-Match matches `etag` by weak comparison (RFC 9110, 13.1.2): a list of tags,
 * and weak ones (as proxies that compress make them). `*` ("any representation you have")
 * counts for GET and HEAD only: a POST names its query in its body, so that no representation
 * of it exists until it has been answered once, for that client.
 */
export function ifNoneMatchMatches(header: string | null | undefined, etag: string, method: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return method === 'GET' || method === 'HEAD';
  const wanted = opaque(etag);
  return header.split(',').some((tag) => opaque(tag.trim()) === wanted);
}
