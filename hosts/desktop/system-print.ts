/**
 * `system:` printers: the receipt goes through the OS printer driver, for printers that
 * only have a Windows driver. A hidden window renders the receipt's HTML (made from the
 * same document model as the ESC/POS bytes) and prints it silently on paper of the
 * receipt's width.
 */
import { BrowserWindow } from 'electron';
import type { SystemPrintFn } from '../../db/printing/transports/index.js';

export const systemPrint: SystemPrintFn = async (job) => {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  try {
    await win.loadURL('data:text/html;charset=utf-8,' + encodeURIComponent(job.html));
    // Roll paper has no page length: size the page to the receipt (about 4.5 mm a line).
    const heightMicrons = Math.max(80_000, job.document.lines.length * 4_500 + 20_000);
    await new Promise<void>((resolve, reject) => {
      win.webContents.print(
        {
          silent: true,
          printBackground: false,
          ...(job.deviceName ? { deviceName: job.deviceName } : {}),
          margins: { marginType: 'none' },
          pageSize: { width: job.widthMm * 1000, height: heightMicrons },
        },
        (ok, reason) => (ok ? resolve() : reject(new Error(reason || '打印失败'))),
      );
    });
  } finally {
    win.destroy();
  }
};
