import type { Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../../../support/error-codes.js';

/**
 * Yoga answers an Accept header it cannot serve with 406, and a body type it cannot read with
 * 415, with no body at all: here they say what is wrong and what to send, with a code.
 */
export function mediaRefusalsPlugin(graphqlEndpoint: string): Plugin {
  return {
    onResponse({ request, response, setResponse, fetchAPI }) {
      if (response.status !== 406 && response.status !== 415) return;
      if (response.headers.get('content-type') !== null || new URL(request.url).pathname !== graphqlEndpoint) return;
      const refusal =
        response.status === 406
          ? {
              code: 'NOT_ACCEPTABLE' satisfies ErrorCode,
              header: 'accept',
              message:
                'No media type in the Accept header can be answered: ask for application/graphql-response+json or application/json (in UTF-8), or text/event-stream for a stream',
            }
          : {
              code: 'UNSUPPORTED_MEDIA_TYPE' satisfies ErrorCode,
              header: 'content-type',
              message: 'The request body is of a type that is not read: send application/json (or a GET with the query in the URL)',
            };
      const body = JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code, header: refusal.header } }] });
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-type', 'application/json; charset=utf-8');
      setResponse(new fetchAPI.Response(body, { status: response.status, headers }));
    },
  };
}
