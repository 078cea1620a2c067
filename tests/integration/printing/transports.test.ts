import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../db/contract/errors.js';
import { runPrintTestCli } from '../../../db/printing/cli.js';
import { encodeDocument } from '../../../db/printing/escpos.js';
import { testPageDocument } from '../../../db/printing/layout.js';
import { printTest } from '../../../db/printing/print-test.js';
import { createTransport } from '../../../db/printing/transports/index.js';
import { decode, FakePrinter } from '../../helpers/fake-printer.js';

const doc = testPageDocument(58, {}, new Date('2026-11-29T02:00:00Z'));
const payload = { bytes: encodeDocument(doc), document: doc };

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a printer error');
}

describe('transports', () => {
  let printer: FakePrinter;
  beforeEach(async () => {
    printer = await FakePrinter.start();
  });
  afterEach(async () => {
    await printer.stop();
  });

  it('tcp: delivers the bytes and resolves once the printer has read them all', async () => {
    await createTransport(printer.uri).send(payload);
    expect(printer.jobs).toHaveLength(1);
    expect(printer.jobs[0]!.equals(payload.bytes)).toBe(true);
  });

  it('tcp: a printer that is off is "打印机未连接"', async () => {
    await printer.setMode('refuse');
    const e = await errorOf(createTransport(printer.uri).send(payload));
    expect(e.code).toBe('PRINTER_REFUSED');
    expect(e.message).toContain('打印机未连接');
    expect(await createTransport(printer.uri).probe()).toMatchObject({ reachable: false });
  });

  it('tcp: a printer that accepts but never reads times out', async () => {
    await printer.setMode('blackhole');
    // The code says the write timed out (no clock is read here: the test's own time limit
    // is what catches a send that hangs).
    const e = await errorOf(createTransport(printer.uriWith({ writeTimeout: 300 })).send(payload));
    expect(e.code).toBe('PRINTER_WRITE_TIMEOUT');
    expect(e.message).toContain('打印机无响应');
    expect(printer.jobs).toHaveLength(0);
  });

  it('tcp: a connection reset is reported, not taken as printed', async () => {
    await printer.setMode('reset');
    const e = await errorOf(createTransport(printer.uriWith({ writeTimeout: 1000 })).send(payload));
    expect(['PRINTER_DISCONNECTED', 'PRINTER_REFUSED']).toContain(e.code);
  });

  it('tcp: probe connects without printing', async () => {
    const before = printer.connections;
    expect(await createTransport(printer.uri).probe()).toEqual({ reachable: true, error: null });
    // Once the printer has seen the connection and it is closed, nothing more can arrive.
    await expect.poll(() => printer.connections === before + 1 && printer.openSockets === 0).toBe(true);
    expect(printer.jobs).toHaveLength(0);
  });

  it('device path: writes the bytes to an existing device, refuses a missing one without creating it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vps-dev-'));
    try {
      // A pipe stands in for /dev/usb/lp0: the transport writes only to devices and pipes (issue 12).
      const dev = join(dir, 'lp0');
      execFileSync('mkfifo', [dev]);
      const received = new Promise<Buffer>((done, fail) => {
        const chunks: Buffer[] = [];
        createReadStream(dev)
          .on('data', (c) => chunks.push(c as Buffer))
          .on('end', () => done(Buffer.concat(chunks)))
          .on('error', fail);
      });
      await createTransport({ kind: 'device', path: dev, writeTimeoutMs: 15_000 }).send(payload);
      expect((await received).equals(payload.bytes)).toBe(true);
      const missing = join(dir, 'lp9');
      const e = await errorOf(createTransport({ kind: 'device', path: missing, writeTimeoutMs: 15_000 }).send(payload));
      expect(e.code).toBe('PRINTER_DEVICE_NOT_FOUND');
      expect(e.message).toContain('找不到打印机设备');
      expect(() => readFileSync(missing)).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('system: without the Electron host says so', async () => {
    const e = await errorOf(createTransport('system:').send(payload));
    expect(e.code).toBe('PRINTER_SYSTEM_UNAVAILABLE');
  });

  it('system: hands the Electron host a page built from the same document', async () => {
    let html = '';
    await createTransport('system:XP-80', {
      systemPrint: (job) => {
        html = job.html;
        expect(job.deviceName).toBe('XP-80');
        return Promise.resolve();
      },
    }).send(payload);
    expect(html).toContain('<svg');
    expect(html).toContain('打印测试');
    expect(html).not.toContain('<script');
  });

  it('printTest sends a sample receipt with Chinese, a wrapped long name, a QR and a cut', async () => {
    for (const width of [58, 80] as const) {
      const r = await printTest({ uri: printer.uri, width });
      expect(r.target).toContain('127.0.0.1');
      const d = decode(printer.jobs.at(-1)!);
      const text = d.lines.map((l) => l.text).join('\n');
      expect(text).toContain('打印测试');
      expect(text).toContain('金龙鱼大豆油5L');
      expect(text).toContain('Premium');
      expect(d.qrPrints).toBe(1);
      expect(d.cuts).toBe(1);
      for (const l of d.lines) expect(l.printedColumns).toBeLessThanOrEqual(width === 58 ? 32 : 48);
    }
  });

  it('runPrintTestCli: routes arguments and reports clearly', async () => {
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await runPrintTestCli(['--printer', printer.uri, '--width', '80'], io)).toBe(0);
    expect(out.join('\n')).toContain('测试页已发送');
    expect(printer.jobs).toHaveLength(1);
    out.length = 0;
    expect(await runPrintTestCli(['print-test', '--printer', 'ftp://x'], io)).toBe(2);
    expect(out.join('\n')).toContain('打印机地址格式不正确');
    expect(await runPrintTestCli(['--width', '76', '--printer', printer.uri], io)).toBe(2);
    expect(await runPrintTestCli([], io)).toBe(2);
    await printer.setMode('refuse');
    out.length = 0;
    expect(await runPrintTestCli([`--printer=${printer.uri}`], io)).toBe(2);
    expect(out.join('\n')).toContain('打印机未连接');
  });
});
