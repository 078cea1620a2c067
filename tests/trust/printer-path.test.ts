/**
 * Issue 12, item 5: a printer address is a printer (a device, a serial or parallel port, a
 * network printer, a share or a print queue), never a regular file and never a file in
 * the data folder. The attack: set the printer to the data folder's key file and print a
 * test page, which overwrote the key so that the store no longer started.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core } from '../../db/core.js';
import { dispatch } from '../../db/dispatch.js';
import { AppError } from '../../db/contract/errors.js';
import { SECRET_FILE } from '../../db/platform/crypto/secret.js';
import { initDemoIfEmpty } from '../../db/setup.js';
import { createTransport, parsePrinterUri } from '../../db/printing/transports/index.js';
import { writePrinterSettings } from '../../db/printing/settings.js';
import { encodeDocument } from '../../db/printing/escpos.js';
import { testPageDocument } from '../../db/printing/layout.js';
import { errorOf, login, TestClock } from '../helpers/core.js';

const payload = (() => {
  const document = testPageDocument(58, {}, new Date('2026-11-29T02:00:00Z'));
  return { bytes: encodeDocument(document), document };
})();

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('printer addresses', () => {
  it('the key file as the printer address is refused in Chinese, and the key is untouched after a test print', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vps-printer-'));
    // No secret given: the core makes the real key file in the data folder, as an installation does.
    const core = new Core({ dataDir: dir, clock: new TestClock() });
    try {
      initDemoIfEmpty(core, { households: 3 });
      const keyFile = join(dir, SECRET_FILE);
      const keyBefore = readFileSync(keyFile);
      const admin = login(core, 'admin');
      for (const uri of [
        keyFile,
        `file://${keyFile}`,
        `device:${keyFile}`,
        join(dir, 'store.db'),
        '/etc/passwd',
        '/dev/usb/../../' + keyFile.slice(1),
        './secret.key',
        'secret.key',
      ]) {
        const e = errorOf(admin.call.raw('printer.saveSettings', { uri, width: 58, autoPrint: true }));
        expect(['PRINTER_URI_NOT_DEVICE', 'PRINTER_URI_INVALID'], uri).toContain(e.code);
        expect(e.message).toMatch(/打印机地址/);
      }
      const e = errorOf(admin.call.raw('printer.saveSettings', { uri: keyFile, width: 58, autoPrint: true }));
      expect(e.code).toBe('PRINTER_URI_NOT_DEVICE');
      expect(e.message).toContain('不能是普通文件');
      // The setting did not change; a test print goes nowhere near the key.
      expect(admin.call('printer.status', {}).configured).toBe(false);
      admin.call('printer.testPage', {});
      await core.printing.drain();
      expect(readFileSync(keyFile).equals(keyBefore)).toBe(true);

      // Even an address written into the settings behind the app's back is not used.
      writePrinterSettingsRaw(core, keyFile);
      admin.call('printer.testPage', {});
      await core.printing.drain();
      expect(readFileSync(keyFile).equals(keyBefore)).toBe(true);
      core.close();
      // And the store still starts with its key.
      const again = new Core({ dataDir: dir, clock: new TestClock() });
      expect(dispatch(again, null, 'session.operators', {}).ok).toBe(true);
      again.close();
    } finally {
      try {
        core.close();
      } catch {
        // already closed
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts printer devices, ports, network printers, shares and queues only', () => {
    for (const ok of [
      '/dev/usb/lp0',
      '/dev/lp1',
      '/dev/ttyUSB0',
      '/dev/ttyACM2',
      '/dev/ttyS0',
      '/dev/cu.usbserial-1410',
      'COM3',
      'LPT1',
      '\\\\.\\COM12',
      '\\\\收银台\\XP58',
      'tcp://192.168.1.50:9100',
      'spooler:XP-58',
      'system:',
    ]) {
      expect(() => parsePrinterUri(ok), ok).not.toThrow();
    }
    for (const bad of [
      '/home/keeper/.local/share/village-points-store/secret.key',
      '/tmp/x',
      '/dev/sda',
      '/dev/null',
      '/dev/usb/lp0/../../sda',
      'C:\\Users\\a\\secret.key',
      'file:///etc/passwd',
      'spooler:-oEvil',
      'spooler:../x',
    ]) {
      expect(() => parsePrinterUri(bad), bad).toThrow(AppError);
    }
  });

  it('the device transport writes only to a device or a pipe, never a regular file (even through a symlink), never into the data folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vps-dev-'));
    try {
      const file = join(dir, 'secret.key');
      writeFileSync(file, 'a'.repeat(64));
      const link = join(dir, 'lp0');
      symlinkSync(file, link);
      for (const path of [file, link]) {
        const e = await refusal(createTransport({ kind: 'device', path, writeTimeoutMs: 5000 }).send(payload));
        expect(e.code).toBe('PRINTER_URI_NOT_DEVICE');
        expect(await createTransport({ kind: 'device', path, writeTimeoutMs: 5000 }).probe()).toMatchObject({ reachable: false });
      }
      expect(readFileSync(file, 'utf8')).toBe('a'.repeat(64));

      // A pipe is what a device looks like to the writer: the bytes arrive whole.
      const fifo = join(dir, 'printer.fifo');
      execFileSync('mkfifo', [fifo]);
      const received = new Promise<Buffer>((done, fail) => {
        const chunks: Buffer[] = [];
        createReadStream(fifo)
          .on('data', (c) => chunks.push(c as Buffer))
          .on('end', () => done(Buffer.concat(chunks)))
          .on('error', fail);
      });
      await createTransport({ kind: 'device', path: fifo, writeTimeoutMs: 10_000 }).send(payload);
      expect((await received).equals(payload.bytes)).toBe(true);
      // The same pipe inside the data folder is refused before anything is written.
      const e = await refusal(createTransport({ kind: 'device', path: fifo, writeTimeoutMs: 5000 }, { dataDir: dir }).send(payload));
      expect(e.code).toBe('PRINTER_URI_NOT_DEVICE');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** What an insider with the sqlite3 shell would do: store the address without the app's check. */
function writePrinterSettingsRaw(core: Core, uri: string): void {
  writePrinterSettings(core.db, { uri: '', width: 58, autoPrint: true });
  core.db.prepare("UPDATE settings SET value = ? WHERE key = 'printer.uri'").run(JSON.stringify(uri));
}
