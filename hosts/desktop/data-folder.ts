import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync } from 'node:fs';
import { join, posix, win32 } from 'node:path';
import { DB_FILE } from '../../db/core.js';
import { APP_FOLDER, chooseDataDir, legacyDesktopDataDir, type DataDirSource, type PlatformFacts } from '../shared/paths.js';

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
  /**
   * Where an older desktop build kept its store: Electron's default userData, named after
   * the app (its productName when packaged, the package name when run from a checkout).
   */
  legacyDirs: string[];
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
    legacyDirs: [...new Set([PRODUCT_NAME, APP_FOLDER].map((n) => legacyDesktopDataDir(facts, n)))].filter((d) => d !== choice.dir),
    sealKey: choice.source !== 'machine',
  };
}

export type LegacyOutcome = 'none' | 'moved' | 'kept-both' | 'move-failed';

/**
 * A store left in an old desktop folder is moved (renamed entry by entry, same disk) into
 * the shared folder once, when the shared folder has no store yet; it may already hold
 * other files (the Windows installer's marker). When both hold a store, or a name exists
 * in both, nothing is moved: the shared one is used and the old one is named in the log
 * for the maintainer.
 */
export function adoptLegacyStore(legacyDir: string, dataDir: string): LegacyOutcome {
  if (legacyDir === dataDir || !existsSync(join(legacyDir, DB_FILE))) return 'none';
  if (existsSync(join(dataDir, DB_FILE))) return 'kept-both';
  const entries = readdirSync(legacyDir);
  if (existsSync(dataDir) && entries.some((e) => existsSync(join(dataDir, e)))) return 'kept-both';
  try {
    mkdirSync(dataDir, { recursive: true });
    // The database last, so that a move cut short never leaves a store without its key.
    for (const e of [...entries.filter((x) => !x.startsWith(DB_FILE)), ...entries.filter((x) => x.startsWith(DB_FILE))])
      renameSync(join(legacyDir, e), join(dataDir, e));
    rmdirSync(legacyDir);
    return 'moved';
  } catch {
    return 'move-failed';
  }
}

/** The first old folder that holds a store, adopted as adoptLegacyStore says. */
export function adoptFirstLegacyStore(legacyDirs: readonly string[], dataDir: string): { outcome: LegacyOutcome; from: string | null } {
  for (const dir of legacyDirs) {
    const outcome = adoptLegacyStore(dir, dataDir);
    if (outcome !== 'none') return { outcome, from: dir };
  }
  return { outcome: 'none', from: null };
}
