/**
 * The desktop host: Electron main process. Opens one locked-down window on the built
 * renderer and answers the contract over IPC. Never imported by tests (they use the
 * browser host, which calls the same dispatch()).
 */
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { mkdirSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Core } from '../../db/core.js';
import { dispatchAsync } from '../../db/dispatch.js';
import { loadOrCreateSecret } from '../../db/platform/crypto/secret.js';
import { onCoreOpened } from '../../db/trust/integrity/on-open.js';
import { initDemoIfEmpty } from '../../db/setup.js';
import { CSP } from '../browser/browser-host.js';
import { IPC_CHANNEL } from './ipc-channel.js';
import { contentDisposition, EXPORT_DOWNLOAD_PREFIX } from '../browser/export-download.js';
import { exportJobs } from '../../db/accounting/exports/jobs.js';
import { safeStorageSealer } from './sealed-secret.js';
import { systemPrint } from './system-print.js';
import { koffiReaderLoader } from '../shared/card-readers/index.js';
import { allowCameraOnly, openCustomerDisplay } from './customer-display-window.js';

const SCHEME = 'app';
const ORIGIN = `${SCHEME}://counter`;
const root = resolve(import.meta.dirname, '..', '..', '..');
const rendererDir = join(root, 'dist', 'renderer');

const { values: opts } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  options: { data: { type: 'string' }, demo: { type: 'boolean' }, kiosk: { type: 'boolean' } },
  strict: false,
});

// A privileged custom scheme instead of file://: lets us send a CSP header and keeps
// the page's origin fixed so IPC senders can be checked.
protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

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
  void app.whenReady().then(start);
}

function start(): void {
  const dataDir = typeof opts.data === 'string' ? resolve(opts.data) : app.getPath('userData');
  // The installation key sealed by the OS (safeStorage) rather than left in a plain file.
  mkdirSync(dataDir, { recursive: true });
  let core: Core;
  try {
    const sealer = safeStorageSealer();
    core = new Core({ dataDir, systemPrint, secret: loadOrCreateSecret(dataDir, sealer), sealer, readerLoader: koffiReaderLoader });
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
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    let file = join(rendererDir, rel || 'index.html');
    if (!file.startsWith(rendererDir + sep)) return new Response('not found', { status: 404 });
    if (rel === '' || !rel.includes('.')) file = join(rendererDir, 'index.html');
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });

  // Nothing on this PC may ask for location, notifications…; the camera only for the webcam QR option.
  session.defaultSession.setPermissionRequestHandler(allowCameraOnly(ORIGIN));

  ipcMain.handle(IPC_CHANNEL, (event: IpcMainInvokeEvent, op: unknown, input: unknown, token: unknown) => {
    // Only our own page may call the core, never a frame that got navigated elsewhere.
    const sender = event.senderFrame?.url ?? '';
    if (!sender.startsWith(ORIGIN + '/')) return { ok: false, error: { code: 'FORBIDDEN', message: '来源不被允许' } };
    if (typeof op !== 'string') return { ok: false, error: { code: 'BAD_INPUT', message: '操作名无效' } };
    // Async only for imports, whose file is read on a worker thread (the counter keeps answering).
    return dispatchAsync(core, typeof token === 'string' ? token : null, op, input);
  });

  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 700,
    kiosk: opts.kiosk === true,
    autoHideMenuBar: true,
    title: '积分超市',
    webPreferences: {
      preload: join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e, url) => {
    if (!url.startsWith(ORIGIN + '/')) e.preventDefault();
  });
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  void win.loadURL(`${ORIGIN}/index.html`);
  openCustomerDisplay(core, ORIGIN, join(import.meta.dirname, 'preload.cjs'), win);

  app.on('window-all-closed', () => {
    stopTrustServices();
    core.close();
    app.quit();
  });
}
