// Files served as they are (the dashboard, GraphiQL's page and bundle): each with an ETag for
// revalidation, compressed once (brotli or gzip, as the client accepts) rather than per
// request, and cacheable for as long as its name promises: a name with a content hash in it
// never changes, so it may be kept for a year.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { isRead, type Route } from '../../support/route.js';
import { ifNoneMatchMatches } from '../../support/conditional.js';

type Encoding = 'br' | 'gzip';

export interface StaticFile {
  body: Buffer;
  contentType: string;
  /** Whether the file's name carries its content hash: then it is cached for a year, else revalidated each time. */
  immutable: boolean;
  /** A content security policy for pages (and workers) that need their own. */
  policy?: string;
}

/** Smaller files are sent as they are: compressing them saves less than its headers cost. */
const MIN_COMPRESSED_BYTES = 1024;
const YEAR_SECONDS = 365 * 24 * 3600;

const compressors: Record<Encoding, (body: Buffer) => Promise<Buffer>> = {
  // Quality 5: most of brotli's gain over gzip for a fraction of its top quality's time (the
  // GraphiQL bundle, the largest file, is compressed once per process, off the event loop).
  br: (body) => promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  gzip: (body) => promisify(gzip)(body, { level: 6 }),
};

/** The encoding to send: brotli, else gzip, when the client accepts it (an explicit q=0 refuses). */
export function chooseEncoding(acceptEncoding: string | null): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Set<string>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...parameters] = part.split(';').map((p) => p.trim());
    const q = parameters.find((p) => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

/** A file ready to serve: its tag, and its compressed forms once first asked for. */
export class ServedFile {
  /** The body's SHA-256 (base64url, cut to 27 characters): its ETag, and the hash in a hashed file's name. */
  readonly hash: string;
  readonly etag: string;
  private readonly compressed = new Map<Encoding, Promise<Buffer>>();

  constructor(readonly file: StaticFile) {
    this.hash = createHash('sha256').update(file.body).digest('base64url').slice(0, 27);
    this.etag = `"${this.hash}"`;
  }

  /** The file's body in an encoding, compressed on first use (and shared by every request after). */
  private bodyIn(encoding: Encoding | undefined): Promise<Buffer> | Buffer {
    if (!encoding || this.file.body.length < MIN_COMPRESSED_BYTES) return this.file.body;
    let body = this.compressed.get(encoding);
    if (!body) {
      body = compressors[encoding](this.file.body);
      // A failure is not remembered: the next request tries again.
      body.catch(() => this.compressed.delete(encoding));
      this.compressed.set(encoding, body);
    }
    return body;
  }

  async respond(request: Request, ResponseClass: typeof Response): Promise<Response> {
    const encoding = this.file.body.length < MIN_COMPRESSED_BYTES ? undefined : chooseEncoding(request.headers.get('accept-encoding'));
    // Each encoding is its own representation, with its own tag.
    const etag = encoding ? `${this.etag.slice(0, -1)}-${encoding}"` : this.etag;
    const headers: Record<string, string> = {
      'content-type': this.file.contentType,
      etag,
      'cache-control': this.file.immutable ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache',
      vary: 'Accept-Encoding',
      ...(this.file.policy && { 'content-security-policy': this.file.policy }),
    };
    if (ifNoneMatchMatches(request.headers.get('if-none-match'), etag, request.method)) return new ResponseClass(null, { status: 304, headers });
    const body = await this.bodyIn(encoding);
    if (encoding) headers['content-encoding'] = encoding;
    headers['content-length'] = String(body.length);
    // Buffers from files and zlib sit on plain ArrayBuffers, which fetch's body type asks for.
    return new ResponseClass(request.method === 'HEAD' ? null : (body as Buffer<ArrayBuffer>), { headers });
  }
}

/** Routes serving files by exact path, for GET and HEAD; `accepts` narrows a path to some requests (GraphiQL's page shares /graphql). */
export function fileRoutes(files: ReadonlyMap<string, ServedFile>, accepts: (request: Request) => boolean = () => true): Route[] {
  return [...files].map(([path, file]) => ({
    path,
    accepts: (request) => isRead(request) && accepts(request),
    handle: (request) => file.respond(request, Response),
  }));
}
