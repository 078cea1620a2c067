/**
 * The desktop host: Electron main process. Opens one locked-down window on the built
 * renderer and answers the contract over IPC. Never imported by tests: every decision
 * here that does not need Electron's objects lives in ./policy/ and ./data-folder.ts as
 * plain functions with unit tests; this file only wires them to Electron.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, net, powerMonitor, protocol, session, type IpcMainInvokeEvent, type Session } from 'electron';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Core } from '../../db/core.js';
import { dispatchAsync } from '../../db/dispatch.js';
import { loadOrCreateSecret } from '../../db/platform/crypto/secret.js';
import { onCoreOpened } from '../../db/trust/integrity/on-open.js';
import { initDemoIfEmpty } from '../../db/setup.js';
import { exportJobs } from '../../db/accounting/exports/jobs.js';
import { PAGE_HEADERS } from '../shared/static-files.js';
import { contentDisposition, EXPORT_DOWNLOAD_PREFIX } from '../browser/export-download.js';
import { koffiReaderLoader } from '../shared/card-readers/index.js';
import { currentPlatformFacts } from '../shared/paths.js';
import { adoptFirstLegacyStore, desktopFolders, type DesktopFolders } from './data-folder.js';
import { logDesktopEvent } from './event-log.js';
import { IPC_CHANNEL } from './ipc-channel.js';
import { resolveAppRequest } from './policy/app-protocol.js';
import { checkSender } from './policy/ipc-guard.js';
import { keyAction } from './policy/keys.js';
import { menuTemplate } from './policy/menu.js';
import { isOwnUrl, ORIGIN, SCHEME, START_URL } from './policy/origin.js';
import { devicePermissionAllowed, permissionAllowed } from './policy/permissions.js';
import { HANG_GRACE_MS, RecoveryPolicy, type RecoveryAction } from './policy/recovery.js';
import { windowOptions } from './policy/window-options.js';
import { safeStorageSealer } from './sealed-secret.js';
import { systemPrint } from './system-print.js';
import { openCustomerDisplay } from './customer-display-window.js';

// The bundle (dist/app/main.mjs) sits beside preload.cjs, with the renderer in ../renderer.
const here = import.meta.dirname;
const rendererDir = resolve(here, '..', 'renderer');

const { values: opts } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  options: { data: { type: 'string' }, demo: { type: 'boolean' }, kiosk: { type: 'boolean' } },
  strict: false,
});
const kiosk = opts.kiosk === true;

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// The data folder before anything else: the single-instance lock and every file Chromium
// writes live under userData, which must be the store's folder (hosts/shared/paths.ts),
// the same one the CLI and the browser host open.
let folders: DesktopFolders;
try {
  folders = desktopFolders(currentPlatformFacts(), typeof opts.data === 'string' ? resolve(opts.data) : null);
  const legacy =
    folders.source === 'option' || folders.source === 'env' ? { outcome: 'none', from: null } : adoptFirstLegacyStore(folders.legacyDirs, folders.dataDir);
  mkdirSync(folders.dataDir, { recursive: true });
  app.setPath('userData', folders.dataDir);
  app.setPath('sessionData', folders.sessionDir);
  if (legacy.outcome !== 'none') logDesktopEvent(folders.dataDir, { event: `legacy-store-${legacy.outcome}`, from: legacy.from, to: folders.dataDir });
} catch (e) {
  dialog.showErrorBox('积分超市无法使用数据目录 / Cannot use the data folder', e instanceof Error ? e.message : String(e));
  app.exit(1);
  throw e;
}

if (!app.requestSingleInstanceLock()) {
  // A second start (a double-clicked icon) focuses the running counter instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    const w = BrowserWindow.getAllWindows()[0];
    if (w) {
      if (w.isMinimized()) w.restore();
      w.focus();
    }
  });
  // Any web contents, not only our window's: a guard that covers what we did not plan.
  app.on('web-contents-created', (_e, wc) => {
    wc.setWindowOpenHandler(() => ({ action: 'deny' }));
    wc.on('will-navigate', (e, url) => {
      if (!isOwnUrl(url)) e.preventDefault();
    });
    wc.on('will-redirect', (e, url) => {
      if (!isOwnUrl(url)) e.preventDefault();
    });
    wc.on('will-attach-webview', (e) => e.preventDefault());
    wc.on('select-bluetooth-device', (e, _devices, cb) => {
      e.preventDefault();
      cb('');
    });
  });
  void app.whenReady().then(start);
}

/** Permissions and device pickers: refused (policy/permissions.ts). */
function lockDownSession(ses: Session): void {
  ses.setPermissionRequestHandler((wc, permission, cb, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    cb(permissionAllowed({ permission, requestingUrl: details.requestingUrl ?? wc.getURL(), isMainFrame: details.isMainFrame, mediaTypes }));
  });
  ses.setPermissionCheckHandler((_wc, permission, origin, details) =>
    permissionAllowed({
      permission,
      requestingUrl: details.requestingUrl ?? origin,
      isMainFrame: details.isMainFrame,
      mediaTypes: details.mediaType ? [details.mediaType] : [],
    }),
  );
  ses.setDevicePermissionHandler((d) => devicePermissionAllowed(d));
  ses.on('select-hid-device', (e, _d, cb) => {
    e.preventDefault();
    cb(null);
  });
  ses.on('select-serial-port', (e, _ports, _wc, cb) => {
    e.preventDefault();
    cb('');
  });
  ses.on('select-usb-device', (e, _d, cb) => {
    e.preventDefault();
    cb();
  });
}

function start(): void {
  const { dataDir } = folders;
  const log = (event: string, detail: Record<string, string | number | boolean | null> = {}) => {
    try {
      logDesktopEvent(dataDir, { event, ...detail });
    } catch {
      // A full disk must not take the counter down with it.
    }
  };

  const menu = menuTemplate({ kiosk, packaged: app.isPackaged, platform: process.platform });
  if (menu !== 'default') Menu.setApplicationMenu(menu === null ? null : Menu.buildFromTemplate(menu));

  let core: Core;
  try {
    // The installation key sealed by the OS (safeStorage) rather than left in a plain
    // file, except in the machine-wide folder (data-folder.ts says why).
    const sealer = folders.sealKey ? safeStorageSealer() : undefined;
    core = new Core({
      dataDir,
      systemPrint,
      readerLoader: koffiReaderLoader,
      // An administrator's PIN-guarded exit (host.exit): the one way out of kiosk mode.
      hostExit: () => {
        log('admin-exit', { kiosk });
        app.quit();
      },
      secret: loadOrCreateSecret(dataDir, sealer),
      sealer,
    });
  } catch (e) {
    // Opening can fail before any window exists (a database upgrade on a full disk, a
    // file from a newer app): say why in a box the shopkeeper sees, not in a log.
    dialog.showErrorBox('积分超市无法打开数据 / Cannot open the store data', e instanceof Error ? e.message : String(e));
    app.quit();
    return;
  }
  if (opts.demo === true) initDemoIfEmpty(core);
  core.startBackground();
  const stopTrustServices = onCoreOpened(core);

  protocol.handle(SCHEME, async (req) => {
    const url = new URL(req.url);
    // Finished exports: the same route as the browser host, so the page's download link
    // works in both; Electron then asks where to save the file.
    if (url.pathname.startsWith(EXPORT_DOWNLOAD_PREFIX)) {
      const id = url.pathname.slice(EXPORT_DOWNLOAD_PREFIX.length);
      const found = /^[A-Za-z0-9_-]{16,40}$/.test(id) ? exportJobs(core).download(id) : null;
      if (!found) return new Response('文件不存在，或登录已结束：请重新导出', { status: 404 });
      const res = await net.fetch(pathToFileURL(found.file).toString());
      return new Response(res.body, {
        status: 200,
        headers: { 'Content-Disposition': contentDisposition(found.fileName), 'Content-Length': String(found.bytes), 'Cache-Control': 'no-store' },
      });
    }
    const decided = resolveAppRequest(rendererDir, req.url);
    if (decided.kind === 'refuse')
      return new Response(decided.body, { status: decided.status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...PAGE_HEADERS } });
    let res: Response;
    try {
      res = await net.fetch(pathToFileURL(decided.file).toString());
    } catch {
      return new Response('not found', { status: 404 });
    }
    return new Response(res.body, { status: res.status, headers: { ...decided.headers, ...PAGE_HEADERS } });
  });

  lockDownSession(session.defaultSession);

  ipcMain.handle(IPC_CHANNEL, (event: IpcMainInvokeEvent, op: unknown, input: unknown, token: unknown) => {
    const f = event.senderFrame;
    const main = event.sender.mainFrame;
    const verdict = checkSender({
      frame: f ? { url: f.url, isTopFrame: f.parent === null, isMainFrameOfSender: f.processId === main.processId && f.routingId === main.routingId } : null,
    });
    if (!verdict.ok) return verdict;
    if (typeof op !== 'string') return { ok: false, error: { code: 'BAD_INPUT', message: '操作名无效' } };
    // Async only for imports, whose file is read on a worker thread (the counter keeps answering).
    return dispatchAsync(core, typeof token === 'string' ? token : null, op, input);
  });

  const win = new BrowserWindow(windowOptions({ kiosk, packaged: app.isPackaged, preload: join(here, 'preload.cjs') }));
  const wc = win.webContents;

  // Kiosk: the window stays until the OS shuts down or the page is beyond recovery.
  let mayClose = !kiosk;
  win.on('close', (e) => {
    if (!mayClose) e.preventDefault();
  });
  win.on('session-end', () => (mayClose = true));
  // app.quit() itself (OS shutdown on a Mac, an administrator's exit) may close it.
  app.on('before-quit', () => (mayClose = true));
  powerMonitor.on('shutdown', () => (mayClose = true));

  wc.on('before-input-event', (e, input) => {
    if (keyAction(input, { packaged: app.isPackaged, kiosk, platform: process.platform }) !== 'pass') e.preventDefault();
  });

  // A crashed or hung page is reloaded with a message, and the event logged.
  const recovery = new RecoveryPolicy();
  let killingHungPage = false;
  const act = (a: RecoveryAction, cause: string) => {
    log(`renderer-${cause}`, { action: a.kind });
    if (a.kind === 'ignore') return;
    if (a.kind === 'reload') {
      wc.once('did-finish-load', () => void dialog.showMessageBox(win, { type: 'warning', title: '积分超市', message: a.message }));
      wc.reload();
    } else {
      mayClose = true;
      void dialog.showMessageBox(win, { type: 'error', title: '积分超市', message: a.message });
    }
  };
  wc.on('render-process-gone', (_e, details) => {
    if (killingHungPage) {
      killingHungPage = false;
      return;
    }
    log('renderer-gone', { reason: details.reason, exitCode: details.exitCode });
    act(recovery.onGone(details.reason, Date.now()), 'gone');
  });
  let hangTimer: NodeJS.Timeout | null = null;
  win.on('unresponsive', () => {
    log('renderer-unresponsive');
    hangTimer ??= setTimeout(() => {
      hangTimer = null;
      const a = recovery.onHung(Date.now());
      if (a.kind === 'reload') {
        killingHungPage = true;
        wc.forcefullyCrashRenderer();
      }
      act(a, 'hung');
    }, HANG_GRACE_MS);
  });
  win.on('responsive', () => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = null;
  });

  void win.loadURL(START_URL);
  // The customer display (客显) on the second monitor, when there is one.
  openCustomerDisplay(core, ORIGIN, join(here, 'preload.cjs'), win);

  app.on('window-all-closed', () => {
    stopTrustServices();
    core.close();
    app.quit();
  });
}
