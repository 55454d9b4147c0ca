// CSRF prevention for a public, cookie-less, read-only API: what it still protects, and what not.
//
// A cross-site request forgery makes a visitor's browser send a request that the attacker's page
// cannot read the answer of, for its side effects or for the visitor's credentials. Entente has
// no cookies and no credentials (CORS never allows them), and a query has no side effects: a
// forged GET can only make a browser read public data that the attacker could read itself.
// So GET needs no header, and urql, graphql-request, Apollo Client (useGETForQueries) and
// Relay work with their defaults; Yoga refuses mutations over GET whatever the headers.
//
// What is kept: a POST that a browser sends cross-site without a CORS preflight (an HTML form,
// `text/plain`, `multipart/form-data`, or no content type) must carry CSRF_HEADER. Such a POST
// can carry any operation, and the write API to come will have mutations with side effects; a
// JSON POST, which every client sends, is preflighted, and a preflight from a site not in
// CORS_ORIGINS is refused, so it needs nothing.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../../../support/error-codes.js';

/** Clients that POST forms or text/plain send this header (any value); see the README on CSRF. */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

/** Content types a browser sends cross-site without a preflight (the Fetch standard's CORS-safelisted ones). */
const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

function isSimpleContentType(contentType: string | null): boolean {
  if (contentType === null) return true;
  return SIMPLE_CONTENT_TYPES.has(contentType.split(';', 1)[0]!.trim().toLowerCase());
}

export function csrfPlugin(graphqlEndpoint: string): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'POST' || url.pathname !== graphqlEndpoint) return;
      if (!isSimpleContentType(request.headers.get('content-type')) || request.headers.has(CSRF_HEADER)) return;
      const message = `A POST that is not JSON (a form, text/plain, multipart, or no content type) is what a page on any site can send: add the header "${CSRF_HEADER}" (any value), or send JSON with content-type: application/json`;
      const body = JSON.stringify({
        errors: [new GraphQLError(message, { extensions: { code: 'CSRF_HEADER_REQUIRED' satisfies ErrorCode, header: CSRF_HEADER } })],
      });
      endResponse(new fetchAPI.Response(body, { status: 403, headers: { 'content-type': 'application/json; charset=utf-8' } }));
    },
  };
}
