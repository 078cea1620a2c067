import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { posix, resolve, win32 } from 'node:path';

/**
 * Where the store's data folder is: one answer for the desktop app, the browser host and
 * the CLI on every OS, so that all three open the same store. The desktop tells Electron
 * to use it (app.setPath('userData', …)) instead of Electron's own per-product folder.
 *
 * In order: an explicit `--data` folder; the POINTS_STORE_DATA environment variable (a
 * store moved elsewhere); on Windows, the machine-wide folder when the per-machine
 * installer made it (one store for every Windows account on the counter PC); otherwise
 * the OS's per-user application data folder.
 */

export const APP_FOLDER = 'village-points-store';
/** Names a data folder for every host at once (a store moved to another disk). */
export const DATA_ENV = 'POINTS_STORE_DATA';
/**
 * Written by the Windows per-machine installer into %ProgramData%\village-points-store
 * (build/resources/installer.nsh). Its presence, not the folder's, decides: a folder left
 * behind by something else must not silently become the store.
 */
export const MACHINE_MARKER = 'machine-wide.txt';

/** What the choice depends on: passed in so that every OS's answer is testable anywhere. */
export interface PlatformFacts {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  exists(path: string): boolean;
}

export type DataDirSource = 'option' | 'env' | 'machine' | 'user';

export interface DataDirChoice {
  dir: string;
  source: DataDirSource;
}

function pathsFor(platform: NodeJS.Platform): typeof posix {
  return platform === 'win32' ? win32 : posix;
}

/** An environment value usable as a folder: set, and absolute (XDG says to ignore relative ones). */
function absoluteEnv(facts: PlatformFacts, name: string): string | null {
  const v = facts.env[name];
  if (v === undefined || v.trim() === '') return null;
  return pathsFor(facts.platform).isAbsolute(v) ? v : null;
}

/** Windows' machine-wide application data folder for the store (%ProgramData%), or null elsewhere. */
export function machineDataDir(facts: PlatformFacts): string | null {
  if (facts.platform !== 'win32') return null;
  const programData = absoluteEnv(facts, 'ProgramData') ?? absoluteEnv(facts, 'ALLUSERSPROFILE') ?? 'C:\\ProgramData';
  return win32.join(programData, APP_FOLDER);
}

/** The OS's per-user application data folder for the store. */
export function userDataDir(facts: PlatformFacts): string {
  const p = pathsFor(facts.platform);
  if (facts.platform === 'win32') return p.join(absoluteEnv(facts, 'APPDATA') ?? p.join(facts.home, 'AppData', 'Roaming'), APP_FOLDER);
  if (facts.platform === 'darwin') return p.join(facts.home, 'Library', 'Application Support', APP_FOLDER);
  return p.join(absoluteEnv(facts, 'XDG_DATA_HOME') ?? p.join(facts.home, '.local', 'share'), APP_FOLDER);
}

export function chooseDataDir(facts: PlatformFacts, option?: string | null): DataDirChoice {
  const p = pathsFor(facts.platform);
  if (option !== undefined && option !== null && option.trim() !== '') return { dir: option, source: 'option' };
  const fromEnv = facts.env[DATA_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    if (!p.isAbsolute(fromEnv)) throw new Error(`${DATA_ENV} must be an absolute folder path: ${fromEnv}`);
    return { dir: fromEnv, source: 'env' };
  }
  const machine = machineDataDir(facts);
  if (machine !== null && facts.exists(p.join(machine, MACHINE_MARKER))) return { dir: machine, source: 'machine' };
  return { dir: userDataDir(facts), source: 'user' };
}

/**
 * Where Electron kept the desktop's data before it was told to use the shared folder:
 * its default userData, named after the product (积分超市). A store found there is moved
 * to the shared folder once (hosts/desktop/data-folder.ts).
 */
export function legacyDesktopDataDir(facts: PlatformFacts, productName: string): string {
  const p = pathsFor(facts.platform);
  if (facts.platform === 'win32') return p.join(absoluteEnv(facts, 'APPDATA') ?? p.join(facts.home, 'AppData', 'Roaming'), productName);
  if (facts.platform === 'darwin') return p.join(facts.home, 'Library', 'Application Support', productName);
  return p.join(absoluteEnv(facts, 'XDG_CONFIG_HOME') ?? p.join(facts.home, '.config'), productName);
}

export function currentPlatformFacts(): PlatformFacts {
  return { platform: process.platform, env: process.env, home: homedir(), exists: existsSync };
}

/** `--data` if given (resolved against the working folder), else the default. */
export function resolveDataDir(option?: string | null): DataDirChoice {
  const choice = chooseDataDir(currentPlatformFacts(), option);
  return choice.source === 'option' ? { ...choice, dir: resolve(choice.dir) } : choice;
}
