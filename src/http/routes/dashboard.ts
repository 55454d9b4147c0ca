// The dashboard page (dashboard/ at the project root): plain files, read once at start-up.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DASHBOARD_POLICY } from '../security-headers.js';
import { ServedFile } from './static-files.js';

export type DashboardFiles = ReadonlyMap<string, ServedFile>;

const FILES = [
  { path: '/', file: 'index.html', contentType: 'text/html; charset=utf-8', policy: DASHBOARD_POLICY },
  { path: '/dashboard/dashboard.js', file: 'dashboard.js', contentType: 'text/javascript; charset=utf-8' },
  { path: '/dashboard/zones.js', file: 'zones.js', contentType: 'text/javascript; charset=utf-8' },
  { path: '/dashboard/dashboard.css', file: 'dashboard.css', contentType: 'text/css; charset=utf-8' },
];

export async function loadDashboard(dir: string): Promise<DashboardFiles> {
  const entries = await Promise.all(
    FILES.map(async ({ path, file, contentType, policy }) => {
      // The names carry no hash: browsers revalidate them (a 304 when unchanged).
      const served = new ServedFile({ body: await readFile(join(dir, file)), contentType, immutable: false, ...(policy && { policy }) });
      return [path, served] as const;
    }),
  );
  return new Map(entries);
}
