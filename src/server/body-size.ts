// MAX_BODY_BYTES, in place of Yoga's maxRequestBodySize. Yoga pipes every body through a
// TransformStream to count its bytes, even when Content-Length has said how long it is: that
// stream, with its abort signal, took about a tenth of a small query's time. Node's HTTP parser
// never delivers more than Content-Length bytes, so only bodies without one (chunked) are
// counted as they arrive. The errors are Yoga's own.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

function tooLarge(): GraphQLError {
  return new GraphQLError('Request body too large', { extensions: { code: 'REQUEST_ENTITY_TOO_LARGE', http: { status: 413 } } });
}

/** The request with its body cut off by a 413 once more than `limit` bytes have arrived. */
function withCountedBody(request: Request, limit: number, fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream }): Request {
  const body = request.body;
  if (!body) return request;
  // A native stream cannot be piped through the ponyfill's TransformStream, nor the reverse.
  const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let bytes = 0;
  const counted = body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  // `duplex` is required for a stream body but missing from the DOM types.
  return new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body: counted, duplex: 'half' } as RequestInit);
}

export function bodySizePlugin(limit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const contentLength = request.headers.get('content-length');
      if (contentLength !== null) {
        if (!/^\d+$/.test(contentLength)) {
          throw new GraphQLError('Content-Length header is invalid.', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
        }
        if (Number(contentLength) > limit) throw tooLarge();
        return;
      }
      if (!requestParser || !request.body) return;
      setRequestParser((incoming) => requestParser(withCountedBody(incoming, limit, fetchAPI)));
    },
  };
}
