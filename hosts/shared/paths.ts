import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'village-points-store';

/** The OS's per-user app-data folder, as Electron's app.getPath('userData') would pick. */
export function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), APP_FOLDER);
}
