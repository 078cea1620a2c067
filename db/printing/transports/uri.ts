/**
 * Printer addresses. One string in the settings names the connection:
 *
 *   tcp://192.168.1.50:9100      network printer, raw port (9100 when the port is left out);
 *                                options ?connectTimeout=3000&writeTimeout=15000&eof=0
 *   192.168.1.50:9100            the same, without the scheme
 *   /dev/usb/lp0                 a device path (Linux USB printer class), written directly;
 *                                only printer and serial devices (/dev/usb/lpN, /dev/lpN,
 *                                /dev/ttyUSBN, /dev/ttyACMN, /dev/ttySN, macOS /dev/cu.* and
 *                                /dev/tty.*), never a regular file (issue 12: a printer set
 *                                to the key file overwrote it)
 *   \\.\COM3, COM3, LPT1          a Windows serial/parallel port
 *   \\PC-NAME\XP58               a Windows shared printer (raw share)
 *   spooler:XP-58                the OS print queue, raw (lp -o raw, or winspool RAW on Windows)
 *   system: / system:XP-58       Electron prints through the system driver (desktop app only)
 */
import { AppError } from '../../contract/errors.js';

export interface TcpTarget {
  kind: 'tcp';
  host: string;
  port: number;
  /** Connecting must finish within this. */
  connectTimeoutMs: number;
  /** Sending and the printer's close after the data must finish within this. */
  writeTimeoutMs: number;
  /**
   * Wait for the printer to close its side after reading everything (as CUPS's socket
   * backend does) before calling the job printed. Turn off (eof=0) only for a printer that
   * never closes the connection: then a job counts as printed once the OS took the bytes.
   */
  waitForEof: boolean;
}
export interface DeviceTarget {
  kind: 'device';
  path: string;
  writeTimeoutMs: number;
}
export interface SpoolerTarget {
  kind: 'spooler';
  name: string;
}
export interface SystemTarget {
  kind: 'system';
  /** The OS printer name, or null for the default printer. */
  deviceName: string | null;
}
export type PrinterTarget = TcpTarget | DeviceTarget | SpoolerTarget | SystemTarget;

export const DEFAULT_TCP_PORT = 9100;
export const DEFAULT_CONNECT_TIMEOUT_MS = 3000;
export const DEFAULT_WRITE_TIMEOUT_MS = 15000;

function invalid(uri: string): AppError {
  return new AppError('PRINTER_URI_INVALID', { uri });
}

/**
 * The device files a receipt printer can be on POSIX. Anything else under a path (a file
 * in the data folder, a log, /etc/…) is refused by name here and, should a listed name
 * ever be something else, by the transport, which writes only to a character device.
 */
const POSIX_PRINTER_DEVICE = /^\/dev\/(?:usb\/lp\d{1,3}|lp\d{1,3}|ttyUSB\d{1,3}|ttyACM\d{1,3}|ttyS\d{1,3}|(?:cu|tty)\.[A-Za-z0-9_-][A-Za-z0-9._-]{0,63})$/;

function notDevice(uri: string): AppError {
  return new AppError('PRINTER_URI_NOT_DEVICE', { uri: uri.slice(0, 120) });
}

function devicePath(path: string, uri: string): DeviceTarget {
  if (!POSIX_PRINTER_DEVICE.test(path)) throw notDevice(uri);
  return { kind: 'device', path, writeTimeoutMs: DEFAULT_WRITE_TIMEOUT_MS };
}

function ms(value: string | null, fallback: number, uri: string): number {
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 100 || n > 600000) throw invalid(uri);
  return n;
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\])$/;

function parseTcp(rest: string, uri: string): TcpTarget {
  const q = rest.indexOf('?');
  const hostPort = q === -1 ? rest : rest.slice(0, q);
  const params = new URLSearchParams(q === -1 ? '' : rest.slice(q + 1));
  const m = /^(.+?)(?::(\d{1,5}))?\/?$/.exec(hostPort);
  if (!m || !HOST.test(m[1]!)) throw invalid(uri);
  const port = m[2] === undefined ? DEFAULT_TCP_PORT : Number(m[2]);
  if (port < 1 || port > 65535) throw invalid(uri);
  for (const k of params.keys()) if (!['connectTimeout', 'writeTimeout', 'eof'].includes(k)) throw invalid(uri);
  const eof = params.get('eof');
  if (eof !== null && eof !== '0' && eof !== '1') throw invalid(uri);
  return {
    kind: 'tcp',
    host: m[1]!.replace(/^\[|\]$/g, ''),
    port,
    connectTimeoutMs: ms(params.get('connectTimeout'), DEFAULT_CONNECT_TIMEOUT_MS, uri),
    writeTimeoutMs: ms(params.get('writeTimeout'), DEFAULT_WRITE_TIMEOUT_MS, uri),
    waitForEof: eof !== '0',
  };
}

/** Parses a printer address; throws AppError PRINTER_URI_INVALID (or PRINTER_NOT_CONFIGURED when empty). */
export function parsePrinterUri(input: string): PrinterTarget {
  const uri = input.trim();
  if (uri === '') throw new AppError('PRINTER_NOT_CONFIGURED');
  if (/[\u0000-\u001f]/.test(uri)) throw invalid(uri);
  const lower = uri.toLowerCase();
  if (lower.startsWith('tcp://')) return parseTcp(uri.slice(6), uri);
  if (lower.startsWith('spooler:')) {
    const name = uri.slice(8).trim();
    // A queue name, never an option for lp (leading -) or a path.
    if (!name || name.length > 200 || name.startsWith('-') || /[\\/]/.test(name)) throw invalid(uri);
    return { kind: 'spooler', name };
  }
  if (lower.startsWith('system:')) {
    const name = uri.slice(7).trim();
    if (name.length > 200) throw invalid(uri);
    return { kind: 'system', deviceName: name || null };
  }
  if (lower === 'system') return { kind: 'system', deviceName: null };
  if (lower.startsWith('file://')) {
    let path: string;
    try {
      path = decodeURIComponent(uri.slice(7));
    } catch {
      throw invalid(uri);
    }
    if (!path.startsWith('/')) throw invalid(uri);
    return devicePath(path, uri);
  }
  if (lower.startsWith('device:')) return parsePrinterUri(uri.slice(7));
  // Windows ports: COM3, LPT1 (also written \\.\COM3).
  if (/^(com\d{1,3}|lpt\d)$/i.test(uri)) return { kind: 'device', path: `\\\\.\\${uri.toUpperCase()}`, writeTimeoutMs: DEFAULT_WRITE_TIMEOUT_MS };
  if (/^\\\\\.\\(com\d{1,3}|lpt\d|usb\d{3})$/i.test(uri)) return { kind: 'device', path: uri, writeTimeoutMs: DEFAULT_WRITE_TIMEOUT_MS };
  // A Windows share: \\HOST\Printer
  if (/^\\\\[^\\/.?][^\\/]*\\[^\\/]+$/.test(uri)) return { kind: 'device', path: uri, writeTimeoutMs: DEFAULT_WRITE_TIMEOUT_MS };
  if (uri.startsWith('/')) return devicePath(uri, uri);
  // host:port without a scheme.
  if (/^[A-Za-z0-9.-]{2,}:\d{1,5}$/.test(uri)) return parseTcp(uri, uri);
  throw invalid(uri);
}

/** A short Chinese description for the counter and for error messages. */
export function describeTarget(t: PrinterTarget): string {
  switch (t.kind) {
    case 'tcp':
      return `网络打印机 ${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;
    case 'device':
      return `打印机设备 ${t.path}`;
    case 'spooler':
      return `系统打印队列 ${t.name}`;
    case 'system':
      return t.deviceName ? `系统打印机 ${t.deviceName}` : '系统默认打印机';
  }
}

/** A target in its canonical string form (what to store). */
export function formatPrinterUri(t: PrinterTarget): string {
  switch (t.kind) {
    case 'tcp': {
      const host = t.host.includes(':') ? `[${t.host}]` : t.host;
      const opts = new URLSearchParams();
      if (t.connectTimeoutMs !== DEFAULT_CONNECT_TIMEOUT_MS) opts.set('connectTimeout', String(t.connectTimeoutMs));
      if (t.writeTimeoutMs !== DEFAULT_WRITE_TIMEOUT_MS) opts.set('writeTimeout', String(t.writeTimeoutMs));
      if (!t.waitForEof) opts.set('eof', '0');
      const q = opts.toString();
      return `tcp://${host}:${t.port}${q ? `?${q}` : ''}`;
    }
    case 'device':
      return t.path;
    case 'spooler':
      return `spooler:${t.name}`;
    case 'system':
      return `system:${t.deviceName ?? ''}`;
  }
}
