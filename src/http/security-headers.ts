// Headers every response carries, and the content security policies of the two pages.
// The baseline is the strictest: an API answer is never a page, a frame or a script. The
// dashboard and GraphiQL replace its policy with their own (both load only this origin's files).

const BASELINE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': BASELINE_POLICY,
};

const PAGE_POLICY = ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'", "img-src 'self' data:"];

/** The dashboard: its own script, stylesheet and API calls, nothing inline. */
export const DASHBOARD_POLICY = [...PAGE_POLICY, "script-src 'self'", "style-src 'self'", "connect-src 'self'"].join('; ');

/**
 * GraphiQL: its bundle and its editor's workers from this origin. The editor (Monaco) adds
 * style elements and style attributes as it lays text out, so styles may be inline.
 */
export const GRAPHIQL_POLICY = [
  ...PAGE_POLICY,
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "connect-src 'self'",
].join('; ');
