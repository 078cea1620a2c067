import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { openEngine, type Engine } from './engine.js';
import { migrate } from './migrate.js';

/** The embedded engine's default folder: per user, beside the store's. */
export function defaultHubDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'village-points-hub');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'village-points-hub');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'village-points-hub');
}

/** Opens the hub's database (a server URL, or the embedded engine's folder) and brings its schema up to date. */
export async function openHub(opts: { db?: string | undefined; data?: string | undefined }): Promise<Engine> {
  let engine: Engine;
  if (opts.db) engine = await openEngine({ url: opts.db });
  else {
    const dir = resolve(opts.data ?? defaultHubDataDir());
    mkdirSync(dir, { recursive: true });
    engine = await openEngine({ dataDir: dir });
  }
  await migrate(engine);
  return engine;
}
