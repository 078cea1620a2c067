import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adoptFirstLegacyStore, adoptLegacyStore, desktopFolders } from '../../../hosts/desktop/data-folder.js';
import { chooseDataDir, DATA_ENV, legacyDesktopDataDir, MACHINE_MARKER, type PlatformFacts } from '../../../hosts/shared/paths.js';
import { dataDirFrom } from '../../../hosts/cli/args.js';

const facts = (platform: NodeJS.Platform, env: Record<string, string> = {}, existing: string[] = []): PlatformFacts => ({
  platform,
  env,
  home: platform === 'win32' ? 'C:\\Users\\keeper' : platform === 'darwin' ? '/Users/keeper' : '/home/keeper',
  exists: (p) => existing.includes(p),
});

describe('one data folder on every OS', () => {
  it('Linux: XDG data home, for the CLI, the browser host and the desktop alike', () => {
    expect(chooseDataDir(facts('linux'))).toEqual({ dir: '/home/keeper/.local/share/village-points-store', source: 'user' });
    expect(chooseDataDir(facts('linux', { XDG_DATA_HOME: '/data/xdg' })).dir).toBe('/data/xdg/village-points-store');
    // XDG: a relative value is to be ignored.
    expect(chooseDataDir(facts('linux', { XDG_DATA_HOME: 'rel/xdg' })).dir).toBe('/home/keeper/.local/share/village-points-store');
    const d = desktopFolders(facts('linux'), null);
    expect(d.dataDir).toBe('/home/keeper/.local/share/village-points-store');
    // Electron's own default (~/.config/<app name>) is where an older desktop kept its store.
    expect(d.legacyDirs).toEqual(['/home/keeper/.config/积分超市', '/home/keeper/.config/village-points-store']);
    expect(d.sessionDir).toBe('/home/keeper/.local/share/village-points-store/desktop-profile');
  });

  it('macOS: Application Support', () => {
    expect(chooseDataDir(facts('darwin')).dir).toBe('/Users/keeper/Library/Application Support/village-points-store');
    expect(legacyDesktopDataDir(facts('darwin'), '积分超市')).toBe('/Users/keeper/Library/Application Support/积分超市');
  });

  it('Windows: the machine-wide folder when the per-machine installer made it, else the roaming profile', () => {
    const env = { APPDATA: 'C:\\Users\\keeper\\AppData\\Roaming', ProgramData: 'C:\\ProgramData' };
    expect(chooseDataDir(facts('win32', env))).toEqual({ dir: 'C:\\Users\\keeper\\AppData\\Roaming\\village-points-store', source: 'user' });
    const machine = facts('win32', env, [`C:\\ProgramData\\village-points-store\\${MACHINE_MARKER}`]);
    expect(chooseDataDir(machine)).toEqual({ dir: 'C:\\ProgramData\\village-points-store', source: 'machine' });
    // The folder without the installer's marker is not enough.
    expect(chooseDataDir(facts('win32', env, ['C:\\ProgramData\\village-points-store'])).source).toBe('user');
    const d = desktopFolders(machine, null);
    expect(d).toMatchObject({
      dataDir: 'C:\\ProgramData\\village-points-store',
      sessionDir: 'C:\\ProgramData\\village-points-store\\desktop-profile',
      sealKey: false,
    });
    expect(d.legacyDirs).toEqual(['C:\\Users\\keeper\\AppData\\Roaming\\积分超市', 'C:\\Users\\keeper\\AppData\\Roaming\\village-points-store']);
    // Per user, Electron's folder under the package name is the shared folder itself.
    expect(desktopFolders(facts('win32', env), null).legacyDirs).toEqual(['C:\\Users\\keeper\\AppData\\Roaming\\积分超市']);
    // A per-user store keeps its key sealed by the OS.
    expect(desktopFolders(facts('win32', env), null).sealKey).toBe(true);
  });

  it('--data, then POINTS_STORE_DATA, win over the defaults on every OS', () => {
    const marker = [`C:\\ProgramData\\village-points-store\\${MACHINE_MARKER}`];
    expect(chooseDataDir(facts('win32', { ProgramData: 'C:\\ProgramData', [DATA_ENV]: 'D:\\store' }, marker))).toEqual({ dir: 'D:\\store', source: 'env' });
    expect(chooseDataDir(facts('linux', { [DATA_ENV]: '/srv/store' }), '/mnt/usb/store')).toEqual({ dir: '/mnt/usb/store', source: 'option' });
    expect(() => chooseDataDir(facts('linux', { [DATA_ENV]: 'relative/store' }))).toThrow(/absolute/);
  });

  it('the CLI (and the browser host it serves) takes the same answer', () => {
    const saved = process.env[DATA_ENV];
    try {
      process.env[DATA_ENV] = join(tmpdir(), 'vps-elsewhere');
      expect(dataDirFrom(undefined)).toBe(join(tmpdir(), 'vps-elsewhere'));
      expect(desktopFolders({ platform: process.platform, env: process.env, home: '/nowhere', exists: existsSync }, null).dataDir).toBe(dataDirFrom(undefined));
    } finally {
      if (saved === undefined) delete process.env[DATA_ENV];
      else process.env[DATA_ENV] = saved;
    }
  });
});

describe('the real CLI', () => {
  it('creates its store where the desktop would open it (no --data)', () => {
    const home = mkdtempSync(join(tmpdir(), 'vps-home-'));
    try {
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        HOME: home,
        XDG_DATA_HOME: join(home, 'xdg'),
        APPDATA: join(home, 'AppData', 'Roaming'),
      };
      // tsx compiles the CLI on start: generous on a loaded machine.
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', '..', '..', 'hosts', 'cli', 'main.ts'), 'init'], {
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const desktop = desktopFolders({ platform: process.platform, env, home, exists: existsSync }, null).dataDir;
      expect(existsSync(join(desktop, 'store.sqlite'))).toBe(true);
      expect(r.stdout).toContain(desktop);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 90_000);
});

describe('a store left in the old desktop folder', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'vps-legacy-'));
    dirs.push(d);
    return d;
  };

  it('moves once to the shared folder when that has no store', () => {
    const root = tmp();
    const legacy = join(root, 'legacy');
    const shared = join(root, 'shared');
    mkdirSync(legacy);
    writeFileSync(join(legacy, 'store.sqlite'), 'db');
    writeFileSync(join(legacy, 'secret.key.sealed'), 'key');
    expect(adoptLegacyStore(legacy, shared)).toBe('moved');
    expect(readFileSync(join(shared, 'store.sqlite'), 'utf8')).toBe('db');
    expect(readFileSync(join(shared, 'secret.key.sealed'), 'utf8')).toBe('key');
    expect(existsSync(legacy)).toBe(false);
    expect(adoptLegacyStore(legacy, shared)).toBe('none');
  });

  it("a shared folder without a store (empty, or holding the installer's marker) is no obstacle", () => {
    const root = tmp();
    mkdirSync(join(root, 'legacy'));
    mkdirSync(join(root, 'shared'));
    writeFileSync(join(root, 'legacy', 'store.sqlite'), 'db');
    writeFileSync(join(root, 'shared', MACHINE_MARKER), 'marker');
    expect(adoptLegacyStore(join(root, 'legacy'), join(root, 'shared'))).toBe('moved');
    expect(readdirSync(join(root, 'shared')).sort()).toEqual([MACHINE_MARKER, 'store.sqlite']);
  });

  it('is found in whichever old folder holds it', () => {
    const root = tmp();
    mkdirSync(join(root, 'old-b'));
    writeFileSync(join(root, 'old-b', 'store.sqlite'), 'db');
    expect(adoptFirstLegacyStore([join(root, 'old-a'), join(root, 'old-b')], join(root, 'shared'))).toEqual({ outcome: 'moved', from: join(root, 'old-b') });
    expect(adoptFirstLegacyStore([join(root, 'old-a'), join(root, 'old-b')], join(root, 'shared'))).toEqual({ outcome: 'none', from: null });
  });

  it('is left alone when the shared folder already holds a store', () => {
    const root = tmp();
    for (const d of ['legacy', 'shared']) {
      mkdirSync(join(root, d));
      writeFileSync(join(root, d, 'store.sqlite'), d);
    }
    expect(adoptLegacyStore(join(root, 'legacy'), join(root, 'shared'))).toBe('kept-both');
    expect(readFileSync(join(root, 'shared', 'store.sqlite'), 'utf8')).toBe('shared');
    expect(readFileSync(join(root, 'legacy', 'store.sqlite'), 'utf8')).toBe('legacy');
  });
});
