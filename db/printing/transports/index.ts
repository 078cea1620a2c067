import { DeviceTransport } from './device.js';
import { SpoolerTransport } from './spooler.js';
import { SystemTransport } from './system.js';
import { TcpTransport } from './tcp.js';
import type { PrinterTransport, SystemPrintFn } from './types.js';
import { parsePrinterUri, type PrinterTarget } from './uri.js';

export type { PrinterTransport, SystemPrintFn } from './types.js';
export { parsePrinterUri, describeTarget, type PrinterTarget } from './uri.js';

export interface TransportOptions {
  /** Provided by the Electron host; without it `system:` reports PRINTER_SYSTEM_UNAVAILABLE. */
  systemPrint?: SystemPrintFn | null;
  /** The store's data folder: a device transport refuses to write into it. */
  dataDir?: string | null;
}

export function createTransport(target: PrinterTarget | string, opts: TransportOptions = {}): PrinterTransport {
  const t = typeof target === 'string' ? parsePrinterUri(target) : target;
  switch (t.kind) {
    case 'tcp':
      return new TcpTransport(t);
    case 'device':
      return new DeviceTransport(t, opts.dataDir ?? null);
    case 'spooler':
      return new SpoolerTransport(t);
    case 'system':
      return new SystemTransport(t, opts.systemPrint ?? null);
  }
}
