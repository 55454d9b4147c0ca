import { CSRF_HEADER } from './plugins/request/csrf.js';

/**
 * CORS headers for a configured origin only. Yoga's own rule answers any other origin, when
 * several are configured, with "Access-Control-Allow-Origin: null", which every sandboxed frame
 * (whose origin is "null") may read; and it allows credentials, which this API never uses.
 */
export function corsFor(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    return origin !== null && allowed.has(origin)
      ? { origin, methods: ['GET', 'POST'], allowedHeaders: ['content-type', CSRF_HEADER], credentials: false }
      : false;
  };
}
