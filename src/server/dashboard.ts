// Serves the dashboard page (dashboard/ at the project root): plain files, read once at start-up.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'graphql-yoga';

export type StaticFiles = ReadonlyMap<string, { body: string; contentType: string }>;

const FILES = [
  { path: '/', file: 'index.html', contentType: 'text/html; charset=utf-8' },
  { path: '/dashboard/dashboard.js', file: 'dashboard.js', contentType: 'text/javascript; charset=utf-8' },
  { path: '/dashboard/zones.js', file: 'zones.js', contentType: 'text/javascript; charset=utf-8' },
  { path: '/dashboard/dashboard.css', file: 'dashboard.css', contentType: 'text/css; charset=utf-8' },
];

export async function loadDashboard(dir: string): Promise<StaticFiles> {
  const entries = await Promise.all(
    FILES.map(async ({ path, file, contentType }) => [path, { body: await readFile(join(dir, file), 'utf8'), contentType }] as const),
  );
  return new Map(entries);
}

export function dashboardPlugin(files: StaticFiles): Plugin {
  return {
    onRequest({ url, request, endResponse, fetchAPI }) {
      const file = files.get(url.pathname);
      if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      endResponse(new fetchAPI.Response(file.body, { headers: { 'content-type': file.contentType } }));
    },
  };
}
