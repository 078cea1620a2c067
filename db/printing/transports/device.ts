/**
 * A device path: /dev/usb/lp0 (Linux usblp), \\.\COM3 or \\HOST\share (Windows). The
 * file is opened write-only WITHOUT create, so a missing device is an error rather than a
 * new regular file. On timeout the job stays queued; an open that completes late is
 * closed unused. A write already handed to the OS cannot be cancelled, so a device that
 * stalls mid-write for longer than the timeout and then recovers may print that job and
 * its retry (a known limit of device files; the TCP path has no such window).
 *
 * Before a single byte is written the opened handle must be a character device (or a
 * FIFO, which cannot overwrite anything) and, when the store's data folder is known, not
 * inside it: the address check (uri.ts) already refuses anything but printer device names,
 * and this second check holds even if such a name is made to point at a file.
 */
import { constants, promises as fs } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { AppError, type ErrorCode } from '../../contract/errors.js';
import type { PrinterTransport, PrintPayload, ProbeResult } from './types.js';
import { describeTarget, type DeviceTarget } from './uri.js';

function errorCode(err: NodeJS.ErrnoException): ErrorCode {
  switch (err.code) {
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
      return 'PRINTER_DEVICE_NOT_FOUND';
    case 'EACCES':
    case 'EPERM':
      return 'PRINTER_DEVICE_DENIED';
    default:
      return 'PRINTER_FAILED';
  }
}

const WINDOWS = process.platform === 'win32';

/** True when `path` (already resolved) is `dir` or inside it. */
function inside(dir: string, path: string): boolean {
  const r = relative(dir, path);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

export class DeviceTransport implements PrinterTransport {
  readonly description: string;

  /** `dataDir`: the store's data folder, which a printer address may never point into. */
  constructor(
    private readonly target: DeviceTarget,
    private readonly dataDir: string | null = null,
  ) {
    this.description = describeTarget(target);
  }

  private notDevice(): AppError {
    return new AppError('PRINTER_URI_NOT_DEVICE', { uri: this.target.path });
  }

  /** Refuses (before any write) a handle that is not a device or lies in the data folder. */
  private async assertDevice(handle: fs.FileHandle | null): Promise<void> {
    if (WINDOWS) return; // \\.\COM3 and \\HOST\share only (uri.ts); fstat says nothing useful there
    const st = handle ? await handle.stat() : await fs.stat(this.target.path);
    if (!st.isCharacterDevice() && !st.isFIFO()) throw this.notDevice();
    if (this.dataDir !== null) {
      const [real, data] = await Promise.all([fs.realpath(this.target.path), fs.realpath(this.dataDir).catch(() => this.dataDir!)]);
      if (inside(data, real)) throw this.notDevice();
    }
  }

  private toAppError(err: unknown): AppError {
    if (err instanceof AppError) return err;
    const e = err as NodeJS.ErrnoException;
    const code = errorCode(e);
    return new AppError(code, { target: this.target.path, detail: e.code ?? e.message });
  }

  async send(payload: PrintPayload): Promise<void> {
    const path = this.target.path;
    const state: { handle: fs.FileHandle | null; timedOut: boolean } = { handle: null, timedOut: false };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        state.timedOut = true;
        reject(new AppError('PRINTER_WRITE_TIMEOUT', { target: path }));
      }, this.target.writeTimeoutMs);
    });
    try {
      await Promise.race([
        (async () => {
          // Checked before the open (opening a pipe waits for its reader) and again on the
          // opened handle (the name may have been swapped in between).
          await this.assertDevice(null);
          // O_NOCTTY: a serial port must not become this process's controlling terminal.
          const handle = await fs.open(path, constants.O_WRONLY | (WINDOWS ? 0 : constants.O_NOCTTY));
          if (state.timedOut) {
            // The open took longer than the timeout: the job is back in the queue, so do not write.
            await handle.close().catch(() => undefined);
            return;
          }
          state.handle = handle;
          await this.assertDevice(handle);
          let off = 0;
          while (off < payload.bytes.length) {
            const { bytesWritten } = await handle.write(payload.bytes, off, payload.bytes.length - off);
            if (bytesWritten <= 0) throw new AppError('PRINTER_FAILED', { target: path, detail: 'write returned 0' });
            off += bytesWritten;
          }
          state.handle = null;
          await handle.close();
        })(),
        timeout,
      ]);
    } catch (err) {
      throw this.toAppError(err);
    } finally {
      clearTimeout(timer);
      if (state.handle !== null) await state.handle.close().catch(() => undefined);
    }
  }

  async probe(): Promise<ProbeResult> {
    try {
      await fs.access(this.target.path, constants.W_OK);
      await this.assertDevice(null);
      return { reachable: true, error: null };
    } catch (err) {
      return { reachable: false, error: this.toAppError(err).message };
    }
  }
}
