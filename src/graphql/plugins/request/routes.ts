// Mounts the routes beside GraphQL (the exports, the dashboard's and GraphiQL's files, readiness,
// metrics), which the app hands in: inside Yoga, so that each route's answers get the request id,
// the log line, the metrics and the headers that every answer gets.
import type { Plugin } from 'graphql-yoga';
import type { Route } from '../../../support/route.js';

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
