/**
 * The customer display (客显) in the desktop app: a second window, full screen on the
 * second monitor when there is one, on a display-only credential of its own (the core
 * lets it see this counter's sale and the public boards, nothing else).
 */
import { BrowserWindow, screen } from 'electron';
import type { Core } from '../../db/core.js';

export function openCustomerDisplay(core: Core, origin: string, preload: string, counterWindow: BrowserWindow): BrowserWindow | null {
  const primary = screen.getPrimaryDisplay();
  const second = screen.getAllDisplays().find((d) => d.id !== primary.id);
  // One screen only: nobody to face; the address is in 设置 → 读卡器与客显 for later.
  if (!second) return null;
  const { token } = core.displays.issue('customer', 'main');
  const win = new BrowserWindow({
    x: second.bounds.x,
    y: second.bounds.y,
    width: second.bounds.width,
    height: second.bounds.height,
    fullscreen: true,
    frame: false,
    focusable: false,
    autoHideMenuBar: true,
    title: '客显',
    webPreferences: { preload, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  void win.loadURL(`${origin}/display#key=${token}`);
  // The counter's window closing ends the app; the display must not keep it running.
  counterWindow.on('closed', () => {
    if (!win.isDestroyed()) win.close();
    core.displays.revoke(token);
  });
  return win;
}
