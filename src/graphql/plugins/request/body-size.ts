// MAX_BODY_BYTES, in place of Yoga's maxRequestBodySize. Yoga pipes every body through a
// TransformStream to count its bytes, even when Content-Length has said how long it is: that
// stream, with its abort signal, took about a tenth of a small query's time. Node's HTTP parser
// never delivers more than Content-Length bytes, so a body with one is checked by its header;
// a body without one (chunked) is read here, counting, before any parser sees it: every
// parser (JSON, form, multipart) then gets the same 413, rather than a read error it words
// its own way.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../../../support/error-codes.js';

function tooLarge(limit: number): GraphQLError {
  return new GraphQLError(`Request body too large: more than ${limit} bytes (MAX_BODY_BYTES)`, {
    extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' satisfies ErrorCode, limit: 'MAX_BODY_BYTES', max: limit, http: { status: 413 } },
  });
}

/** The whole body, or a 413 as soon as more than `limit` bytes have arrived. */
async function readCounted(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    bytes += chunk.value.byteLength;
    if (bytes > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(chunk.value);
  }
  const whole = new Uint8Array(bytes);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return whole;
}

export function bodySizePlugin(limit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const contentLength = request.headers.get('content-length');
      if (contentLength !== null) {
        if (!/^\d+$/.test(contentLength)) {
          throw new GraphQLError('Content-Length header is invalid.', { extensions: { code: 'BAD_REQUEST' satisfies ErrorCode, http: { status: 400 } } });
        }
        if (Number(contentLength) > limit) throw tooLarge(limit);
        return;
      }
      if (!requestParser || !request.body) return;
      setRequestParser(async (incoming) => {
        const body = incoming.body ? await readCounted(incoming.body, limit) : null;
        return requestParser(new fetchAPI.Request(incoming.url, { method: incoming.method, headers: incoming.headers, signal: incoming.signal, body }));
      });
    },
  };
}
