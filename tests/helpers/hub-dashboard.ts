/** The township dashboard's bundle for end-to-end tests, built when missing or stale. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DASHBOARD_DIR } from '../../hub/server/serve.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

function newest(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n = Math.max(n, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs);
  return n;
}

/** Builds dist/hub-dashboard when it is missing or older than its sources. */
export async function ensureDashboardBuilt(): Promise<void> {
  const index = join(DASHBOARD_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(join(ROOT, 'hub', 'dashboard'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'hub', 'dashboard', 'vite.config.ts'), logLevel: 'warn' });
}
