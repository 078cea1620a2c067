import { existsSync, readdirSync, renameSync, rmdirSync } from 'node:fs';
import { join, posix, win32 } from 'node:path';
import { DB_FILE } from '../../db/core.js';
import { chooseDataDir, legacyDesktopDataDir, type DataDirSource, type PlatformFacts } from '../shared/paths.js';

/** Electron's product name: its default userData folder was named after it. */
export const PRODUCT_NAME = '积分超市';
/** Chromium's own files (cache, local storage) in a subfolder, apart from the store's. */
export const SESSION_FOLDER = 'desktop-profile';

export interface DesktopFolders {
  /** The store: what the CLI and the browser host open too; Electron's userData. */
  dataDir: string;
  /** Electron's sessionData. */
  sessionDir: string;
  source: DataDirSource;
  /** Where an older desktop build kept its store (Electron's default userData). */
  legacyDir: string;
  /**
   * The installation key is sealed with safeStorage only for a per-user store: on
   * Windows that is DPAPI under the current account, which another account on the same
   * counter PC could not open. The machine-wide folder's key is guarded by its ACL.
   */
  sealKey: boolean;
}

export function desktopFolders(facts: PlatformFacts, option: string | null): DesktopFolders {
  const choice = chooseDataDir(facts, option);
  const p = facts.platform === 'win32' ? win32 : posix;
  return {
    dataDir: choice.dir,
    sessionDir: p.join(choice.dir, SESSION_FOLDER),
    source: choice.source,
    legacyDir: legacyDesktopDataDir(facts, PRODUCT_NAME),
    sealKey: choice.source !== 'machine',
  };
}

export type LegacyOutcome = 'none' | 'moved' | 'kept-both' | 'move-failed';

/**
 * A store left in the old desktop folder is moved (renamed, same disk) to the shared
 * folder once, when the shared folder has no store yet. When both hold a store nothing is
 * moved: the shared one is used and the old one is named in the log for the maintainer.
 */
export function adoptLegacyStore(legacyDir: string, dataDir: string): LegacyOutcome {
  if (legacyDir === dataDir || !existsSync(join(legacyDir, DB_FILE))) return 'none';
  if (existsSync(join(dataDir, DB_FILE))) return 'kept-both';
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) return 'kept-both';
  try {
    if (existsSync(dataDir)) rmdirSync(dataDir);
    renameSync(legacyDir, dataDir);
    return 'moved';
  } catch {
    return 'move-failed';
  }
}
