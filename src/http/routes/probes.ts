// Readiness, for load balancers and orchestrators: /ready answers 200 once the data are loaded,
// and 503 from the moment the server starts shutting down. (Liveness, /health, Yoga answers
// itself, before any plugin.)
import { isRead, type Route } from '../../support/route.js';

export function readinessRoute(isShuttingDown: () => boolean): Route {
  return { path: '/ready', accepts: isRead, handle: () => new Response(null, { status: isShuttingDown() ? 503 : 200 }) };
}
