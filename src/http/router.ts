// The routes beside GraphQL (the exports, the dashboard's and GraphiQL's files, health,
// readiness and metrics): a table of plain handlers from Request to Response, which know nothing
// of Yoga. One Yoga plugin mounts the table, so that each route's answers get the request id,
// the log line, the metrics and the security headers that every answer gets.
import type { Plugin } from 'graphql-yoga';

export interface Route {
  /** The exact path it answers. */
  path: string;
  /** Which requests at the path it takes (others go on, e.g. to GraphQL at /graphql); all when absent. */
  accepts?: (request: Request) => boolean;
  handle(request: Request, url: URL): Response | Promise<Response>;
}

export function routesPlugin(routes: readonly Route[]): Plugin {
  const byPath = new Map<string, Route[]>();
  for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
  return {
    async onRequest({ url, request, endResponse }) {
      const route = byPath.get(url.pathname)?.find((candidate) => candidate.accepts?.(request) ?? true);
      if (route) endResponse(await route.handle(request, url));
    },
  };
}

/** GET and HEAD, as files and probes are asked for. */
export const isRead = (request: Request) => request.method === 'GET' || request.method === 'HEAD';
