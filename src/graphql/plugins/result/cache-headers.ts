// Adds Vary to every /graphql answer (and Origin with CORS on: a shared cache must not give one
// site's CORS headers to another), Cache-Control to GET answers, and to cached answers their ETag,
// turning them into 304s for clients that have them. Without a cache it only adds the headers. It
// must come before the plugin that logs requests, so that the log has the status sent.
import type { Plugin } from 'graphql-yoga';
import type { RequestStates } from '../../../observability/request-state.js';
import { ifNoneMatchMatches } from '../../../support/conditional.js';
import { cacheControlFor, ETAG_SUFFIXES, etagFor, VARY } from '../../response-cache.js';

function mediaTypeOf(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

export function cacheHeadersPlugin({
  graphqlEndpoint,
  cors,
  cacheMaxAgeSeconds,
  requestStates,
}: {
  graphqlEndpoint: string;
  cors: boolean;
  cacheMaxAgeSeconds: number;
  requestStates: RequestStates;
}): Plugin {
  const cacheControl = cacheControlFor(cacheMaxAgeSeconds);
  // Requests whose answer has errors: never to be kept by a browser or CDN.
  const erred = new WeakSet<Request>();
  return {
    onResultProcess({ request, result }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result || result.errors?.length) erred.add(request);
    },
    onResponse({ request, response, setResponse, fetchAPI }) {
      const atEndpoint = new URL(request.url).pathname === graphqlEndpoint;
      if (atEndpoint) response.headers.append('vary', VARY);
      if (cors && !/\bOrigin\b/i.test(response.headers.get('vary') ?? '')) response.headers.append('vary', 'Origin');
      // A GET's answer (not GraphiQL's page, which has its own) may be kept by browsers and CDNs when it has no error.
      const json = ETAG_SUFFIXES[mediaTypeOf(response)] !== undefined;
      if (atEndpoint && request.method === 'GET' && json) {
        response.headers.set('cache-control', response.status === 200 && !erred.has(request) ? cacheControl : 'no-store');
      }
      const { cacheKey: key, cachedAnswer } = requestStates.of(request);
      if (key === undefined || !cachedAnswer || response.status !== 200) return;
      const etag = etagFor(key, mediaTypeOf(response));
      if (etag === undefined) return;
      if (ifNoneMatchMatches(request.headers.get('if-none-match'), etag, request.method)) {
        const notModified: Record<string, string> = { etag, vary: response.headers.get('vary') ?? VARY };
        const cacheHeader = response.headers.get('cache-control');
        if (cacheHeader !== null) notModified['cache-control'] = cacheHeader;
        setResponse(new fetchAPI.Response(null, { status: 304, headers: notModified }));
      } else {
        response.headers.set('etag', etag);
      }
    },
  };
}
