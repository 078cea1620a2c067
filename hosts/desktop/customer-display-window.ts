/**
 * The customer display (客显) in the desktop app: a second window, full screen on the
 * second monitor when there is one, on a display-only credential of its own (the core
 * lets it see this counter's sale and the public boards, nothing else).
 */
import { app, BrowserWindow, screen } from 'electron';
import type { Core } from '../../db/core.js';
import { customerDisplayScreen, displayWindowOptions } from './policy/window-options.js';

export function openCustomerDisplay(core: Core, origin: string, preload: string, counterWindow: BrowserWindow): BrowserWindow | null {
  const primary = screen.getPrimaryDisplay();
  const second = customerDisplayScreen(screen.getAllDisplays(), primary.id);
  // One screen only: nobody to face; the address is in 设置 → 读卡器与客显 for later.
  if (!second) return null;
  const { token } = core.displays.issue('customer', 'main');
  const win = new BrowserWindow(displayWindowOptions({ packaged: app.isPackaged, preload, bounds: second.bounds }));
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  // A crashed display page is simply loaded again (it holds nothing: the core has the sale).
  win.webContents.on('render-process-gone', (_e, details) => {
    if (details.reason !== 'clean-exit' && !win.isDestroyed()) void win.loadURL(`${origin}/display#key=${token}`);
  });
  void win.loadURL(`${origin}/display#key=${token}`);
  // The counter's window closing ends the app; the display must not keep it running.
  counterWindow.on('closed', () => {
    if (!win.isDestroyed()) win.close();
    core.displays.revoke(token);
  });
  return win;
}
