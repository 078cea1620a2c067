/**
 * `npm run test:desktop`: starts the real desktop app (the Electron runtime from
 * node_modules/electron and the bundle in dist/app) through Playwright's Electron
 * support, under Xvfb on a Linux machine without a display, and checks what the unit
 * tests can only check as plain functions: the window's settings, the data folder
 * Electron was told to use, the app:// protocol, the IPC bridge, kiosk shortcuts, and a
 * crashed page being reloaded with a message and a log line.
 *
 * Not part of `npm test`: the runtime is a separate download (npm ci fetches it only with
 * internet). Where it is missing this says so and exits with status 2.
 *
 * It drives the unpackaged app: Playwright attaches through --inspect, which the packaged
 * build's fuses turn off on purpose.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { LOG_FILE, LOG_FOLDER } from '../../hosts/desktop/event-log.js';
import { SESSION_FOLDER } from '../../hosts/desktop/data-folder.js';
import { DATA_ENV } from '../../hosts/shared/paths.js';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'app', 'main.mjs');
// Starting Electron and opening a store on a loaded build machine can take a while.
const LAUNCH_TIMEOUT_MS = 120_000;
// How long to wait for an event the app should raise (the reload message, a key press).
const WAIT_MS = 60_000;

/** The runtime binary, found the way build/start.mjs finds it (never by requiring 'electron'). */
function electronBinary(): string | null {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const exe = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

const exe = electronBinary();
if (exe === null) {
  console.error(
    [
      'test:desktop NOT RUN: the Electron runtime is missing here.',
      '  node_modules/electron has no downloaded binary (npm ci fetches it only with internet access).',
      '  On a build machine with internet: npm ci (or: node node_modules/electron/install.js), then npm run test:desktop.',
    ].join('\n'),
  );
  process.exit(2);
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  // No display: run again inside a virtual one.
  const which = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' });
  if (which.status !== 0) {
    console.error('test:desktop NOT RUN: no display, and xvfb-run is not installed (apt-get install xvfb).');
    process.exit(2);
  }
  const r = spawnSync('xvfb-run', ['-a', process.execPath, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
if (!existsSync(MAIN)) {
  console.error(`test:desktop: ${MAIN} is missing: run npm run build:electron first.`);
  process.exit(1);
}

function check(cond: unknown, what: string): void {
  if (!cond) throw new Error(what);
}

async function launch(args: string[], env: Record<string, string>): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await _electron.launch({
    executablePath: exe!,
    args: [MAIN, ...args],
    cwd: ROOT,
    env: { ...(process.env as Record<string, string>), ...env },
    timeout: LAUNCH_TIMEOUT_MS,
  });
  const page = await app.firstWindow({ timeout: LAUNCH_TIMEOUT_MS });
  await page.waitForLoadState('load');
  return { app, page };
}

const results: { name: string; error?: string }[] = [];
async function scenario(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
    results.push({ name });
    console.log(`  ✓ ${name}`);
  } catch (e) {
    results.push({ name, error: e instanceof Error ? e.message : String(e) });
    console.log(`  ✗ ${name}\n      ${e instanceof Error ? e.message : String(e)}`);
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'vps-desktop-'));
console.log(`desktop app: ${exe}`);
try {
  await scenario('Electron uses the shared data folder (POINTS_STORE_DATA, no --data), with the store in it', async () => {
    const { app } = await launch(['--demo'], { [DATA_ENV]: dataDir });
    try {
      const paths = await app.evaluate(({ app: a }) => ({ userData: a.getPath('userData'), sessionData: a.getPath('sessionData') }));
      check(paths.userData === dataDir, `userData is ${paths.userData}, not ${dataDir}`);
      check(paths.sessionData === join(dataDir, SESSION_FOLDER), `sessionData is ${paths.sessionData}`);
      // The main process opens the store before it creates the window, and launch() waited for
      // the window's page to load: the file is there by now or it never will be.
      check(existsSync(join(dataDir, 'store.sqlite')), 'the store file is missing');
    } finally {
      await app.close();
    }
  });

  const { app, page } = await launch(['--kiosk', '--data', dataDir], {});
  try {
    await scenario('the window is kiosk, with no application menu, on our page', async () => {
      const s = await app.evaluate(({ BrowserWindow, Menu }) => {
        const w = BrowserWindow.getAllWindows()[0]!;
        return { kiosk: w.isKiosk(), menuRemoved: Menu.getApplicationMenu() === null, url: w.webContents.getURL() };
      });
      check(s.kiosk && s.menuRemoved, JSON.stringify(s));
      check(s.url === 'app://counter/index.html', s.url);
    });

    // Page code runs in the renderer; it is passed as text (this file has no DOM types).
    await scenario('the page sees one bridge function and no Node (context isolation, sandbox, no Node integration)', async () => {
      const seen = await page.evaluate<string>(
        `JSON.stringify({ bridge: Object.keys(window.pointsStore), require: typeof require, process: typeof process, buffer: typeof Buffer })`,
      );
      check(seen === JSON.stringify({ bridge: ['call'], require: 'undefined', process: 'undefined', buffer: 'undefined' }), seen);
      const status = await page.evaluate<{ ok: boolean }>(`window.pointsStore.call('setup.status', {}, null)`);
      check(status.ok, `setup.status over IPC: ${JSON.stringify(status)}`);
    });

    await scenario('app:// answers 400 to bad %-encoding and 404 outside the renderer', async () => {
      const codes = await page.evaluate<number[]>(`Promise.all(['/%E0%A4%A', '/..%2F..%2Fstore.sqlite'].map((u) => fetch(u).then((r) => r.status)))`);
      check(codes[0] === 400, `bad encoding: ${codes[0]}`);
      check(codes[1] === 404, `outside the renderer folder: ${codes[1]}`);
    });

    await scenario('permissions are refused', async () => {
      const state = await page.evaluate<string>(`navigator.permissions.query({ name: 'geolocation' }).then((p) => p.state)`);
      check(state === 'denied', `geolocation: ${state}`);
    });

    await scenario('reload, close and DevTools shortcuts never reach the page in kiosk mode, and the window stays', async () => {
      // The page resolves a promise on the x key, pressed last: every key before it has been
      // delivered (or swallowed) by then.
      await page.evaluate(`window.keysSeen = []; window.sawX = new Promise((resolve) => window.addEventListener('keydown', (e) => {
        window.keysSeen.push((e.ctrlKey ? 'C-' : '') + e.key);
        if (e.key === 'x') resolve(window.keysSeen);
      }, true))`);
      for (const k of ['Control+r', 'F5', 'Control+w', 'F12', 'Control+Shift+I']) await page.keyboard.press(k);
      await page.keyboard.press('x');
      const seen = await page.evaluate<string[]>(
        `Promise.race([window.sawX, new Promise((_, reject) => setTimeout(() => reject(new Error('the x key never reached the page')), ${WAIT_MS}))])`,
      );
      // A bare Control press reaches the page; the shortcuts themselves must not.
      check(
        JSON.stringify(seen.filter((k) => k !== 'Control' && k !== 'C-Control' && k !== 'Shift' && k !== 'C-Shift')) === JSON.stringify(['x']),
        `the page saw ${JSON.stringify(seen)}`,
      );
      check((await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)) === 1, 'the window closed');
    });

    await scenario('a crashed page is reloaded with a message, and the crash logged', async () => {
      await app.evaluate(({ dialog }) => {
        // The first message box resolves a promise the test awaits: an event, not a poll.
        const g = globalThis as unknown as { boxes: string[]; boxShown: Promise<string[]> };
        g.boxes = [];
        g.boxShown = new Promise((resolve) => {
          dialog.showMessageBox = ((...a: unknown[]) => {
            g.boxes.push((a[a.length - 1] as { message: string }).message);
            resolve(g.boxes);
            return Promise.resolve({ response: 0, checkboxChecked: false });
          }) as typeof dialog.showMessageBox;
        });
      });
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer());
      const boxes = await app.evaluate(
        (_electron, ms) =>
          Promise.race([
            (globalThis as unknown as { boxShown: Promise<string[]> }).boxShown,
            new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no reload message')), ms)),
          ]),
        WAIT_MS,
      );
      check(boxes[0]!.includes('已重新载入'), boxes[0] ?? '');
      const alive = await app.evaluate(({ BrowserWindow }) => {
        const wc = BrowserWindow.getAllWindows()[0]!.webContents;
        return !wc.isCrashed() && wc.getURL();
      });
      check(alive === 'app://counter/index.html', `after the crash: ${String(alive)}`);
      const log = readFileSync(join(dataDir, LOG_FOLDER, LOG_FILE), 'utf8');
      check(/"event":"renderer-gone"/.test(log), log);
    });
  } finally {
    await app.close();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const failed = results.filter((r) => r.error !== undefined);
console.log(`\ntest:desktop: ${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length === 0 ? 0 : 1);
