import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../db/contract/errors.js';
import type { ReceiptView } from '../../../db/contract/views.js';
import { migrate, openDatabase, schemaVersion, type Db } from '../../../db/platform/open.js';
import { sampleReceiptView } from '../../../db/printing/layout.js';
import { PrintQueue } from '../../../db/printing/queue.js';
import { DEFAULT_PRINTER_SETTINGS, readPrinterSettings, writePrinterSettings, type PrinterSettings } from '../../../db/printing/settings.js';
import { decode, FakePrinter } from '../../helpers/fake-printer.js';

const store = { storeName: '幸福村积分超市', villageName: '幸福村', receiptFooter: '谢谢惠顾', timeZone: 'Asia/Shanghai' };

function receipts(): Map<number, ReceiptView> {
  const m = new Map<number, ReceiptView>();
  for (const id of [1, 2, 3]) {
    const v = sampleReceiptView(new Date('2026-11-29T02:00:00Z'));
    v.id = id;
    v.receiptNo = `20261129-000${id}`;
    m.set(id, v);
  }
  return m;
}

describe('print queue', () => {
  let dir: string;
  let db: Db;
  let printer: FakePrinter;
  let settings: PrinterSettings;
  let views: Map<number, ReceiptView>;
  let queue: PrintQueue;

  const makeQueue = () =>
    new PrintQueue({
      db,
      printerSettings: () => settings,
      storeSettings: () => store,
      loadReceipt: (id) => {
        const v = views.get(id);
        if (!v) throw new AppError('REDEMPTION_NOT_FOUND');
        return v;
      },
    });
  const jobCount = () => db.prepare('SELECT count(*) FROM print_jobs').pluck().get() as number;
  const texts = (i: number) =>
    decode(printer.jobs[i]!)
      .lines.map((l) => l.text)
      .join('\n');

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vps-pq-'));
    db = openDatabase(join(dir, 'store.sqlite'));
    printer = await FakePrinter.start();
    settings = { uri: printer.uriWith({ connectTimeout: 1000, writeTimeout: 400 }), width: 58, autoPrint: true };
    views = receipts();
    queue = makeQueue();
  });
  afterEach(async () => {
    queue.stop();
    await printer.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migration 002 creates print_jobs (STRICT, never deleted)', () => {
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(2);
    const id = queue.enqueueTestPage();
    expect(() => db.prepare('DELETE FROM print_jobs WHERE id = ?').run(id)).toThrow(/never deleted/);
    expect(() => db.prepare("UPDATE print_jobs SET payload = 'x' WHERE id = ?").run(id)).toThrow(/fixed/);
    expect(() => db.prepare("INSERT INTO print_jobs (kind, ref_id, created_at, updated_at) VALUES ('redemption', 'abc', 'x', 'x')").run()).toThrow();
    expect(() => db.prepare("INSERT INTO print_jobs (kind, ref_id, created_at, updated_at) VALUES ('redemption', NULL, 'x', 'x')").run()).toThrow();
  });

  it('migration 002 applies on top of a version-1 database and keeps its data', () => {
    const file = join(dir, 'v1.sqlite');
    const old = openDatabase(file, { upTo: 1 });
    expect(schemaVersion(old)).toBe(1);
    old.prepare("INSERT INTO settings (key, value) VALUES ('store.storeName', '\"老超市\"')").run();
    expect(migrate(old)).toBeGreaterThanOrEqual(2);
    expect(old.prepare("SELECT value FROM settings WHERE key = 'store.storeName'").pluck().get()).toBe('"老超市"');
    expect(old.prepare('SELECT count(*) FROM print_jobs').pluck().get()).toBe(0);
    old.close();
  });

  it('enqueue is one INSERT inside the caller transaction: rolled back with it, never twice', () => {
    expect(() =>
      db.transaction(() => {
        queue.enqueueReceipt(1, 'redemption');
        throw new Error('sale failed');
      })(),
    ).toThrow('sale failed');
    expect(jobCount()).toBe(0);
    const a = db.transaction(() => queue.enqueueReceipt(1, 'redemption'))();
    const b = queue.enqueueReceipt(1, 'redemption');
    expect(a).not.toBeNull();
    expect(b).toBe(a);
    expect(jobCount()).toBe(1);
  });

  it('printer refused: the job stays queued with a clear error, then prints exactly once when it is back', async () => {
    await printer.setMode('refuse');
    queue.enqueueReceipt(1, 'redemption');
    const r1 = await queue.drain();
    expect(r1).toMatchObject({ printed: 0, waiting: 1 });
    expect(r1.lastError).toContain('打印机未连接');
    const st = queue.status();
    expect(st).toMatchObject({ configured: true, reachable: false, waiting: 1, failed: 0 });
    expect(st.lastError).toContain('打印机未连接');
    expect(queue.jobs()[0]).toMatchObject({ status: 'queued', attempts: 1 });
    expect((await queue.drain()).waiting).toBe(1);

    await printer.setMode('print');
    const r2 = await queue.drain();
    expect(r2).toMatchObject({ printed: 1, waiting: 0, lastError: null });
    expect(printer.jobs).toHaveLength(1);
    expect(texts(0)).toContain('单号：20261129-0001');
    expect(queue.jobs()[0]).toMatchObject({ status: 'done', attempts: 3, lastError: null });
    expect(queue.status()).toMatchObject({ reachable: true, waiting: 0, lastError: null });
    expect(queue.status().lastPrintedAt).not.toBeNull();

    await queue.drain();
    queue.enqueueReceipt(1, 'redemption');
    await queue.drain();
    expect(printer.jobs).toHaveLength(1);
  });

  it('printer hangs (accepts, never reads): times out, stays queued, prints once later', async () => {
    await printer.setMode('blackhole');
    queue.enqueueReceipt(2, 'redemption');
    const r = await queue.drain();
    expect(r.waiting).toBe(1);
    expect(r.lastError).toContain('打印机无响应');
    expect(printer.jobs).toHaveLength(0);
    await printer.setMode('print');
    await queue.drain();
    await queue.drain();
    expect(printer.jobs).toHaveLength(1);
    expect(texts(0)).toContain('20261129-0002');
  });

  it('keeps order: later receipts wait behind the failed one', async () => {
    await printer.setMode('refuse');
    for (const id of [1, 2, 3]) queue.enqueueReceipt(id, 'redemption');
    expect((await queue.drain()).waiting).toBe(3);
    expect(queue.jobs().map((j) => j.attempts)).toEqual([0, 0, 1]);
    await printer.setMode('print');
    expect(await queue.drain()).toMatchObject({ printed: 3, waiting: 0 });
    expect(decode(Buffer.concat(printer.jobs)).qrPayloads).toEqual(['VPSR1:20261129-0001', 'VPSR1:20261129-0002', 'VPSR1:20261129-0003']);
  });

  it('concurrent drains share one run: nothing prints twice', async () => {
    for (const id of [1, 2, 3]) queue.enqueueReceipt(id, 'redemption');
    await Promise.all([queue.drain(), queue.drain(), queue.drain()]);
    expect(printer.jobs).toHaveLength(3);
  });

  it('reprint is its own job, marked 重印', async () => {
    queue.enqueueReceipt(1, 'redemption');
    await queue.drain();
    queue.reprint(1, null);
    await queue.drain();
    expect(printer.jobs).toHaveLength(2);
    expect(texts(0)).not.toContain('重印');
    const d = decode(printer.jobs[1]!);
    const banner = d.lines.find((l) => l.text.includes('重印'))!;
    expect(banner.widthScale).toBe(2);
    expect(d.lines.map((l) => l.text).join('\n')).toContain('重印时间');
    expect(queue.jobs()[0]).toMatchObject({ kind: 'reprint', status: 'done', refId: 1 });
  });

  it('auto-print off: nothing queued by itself; printing on demand is the original, then reprints', async () => {
    settings = { ...settings, autoPrint: false };
    expect(queue.enqueueReceipt(1, 'redemption')).toBeNull();
    expect(jobCount()).toBe(0);
    const first = queue.printReceipt(1);
    expect(first).toMatchObject({ reprint: false });
    // Pressed again before anything printed: the same original, not a second slip.
    expect(queue.printReceipt(1)).toEqual(first);
    await queue.drain();
    expect(queue.printReceipt(1)).toMatchObject({ reprint: true });
    await queue.drain();
    expect(printer.jobs).toHaveLength(2);
    expect(texts(0)).not.toContain('重印');
    expect(texts(1)).toContain('重印');
    expect(() => queue.printReceipt(99)).toThrow(AppError);
  });

  it('printer off: 打印 on a waiting or failed original re-queues that original, never a second one or a reprint', async () => {
    await printer.setMode('refuse');
    const id = queue.enqueueReceipt(1, 'redemption')!;
    await queue.drain();
    expect(queue.printReceipt(1)).toEqual({ jobId: id, reprint: false });
    // Failed (interrupted): pressing 打印 puts the same job back, once.
    db.prepare("UPDATE print_jobs SET status = 'failed', last_error = 'x' WHERE id = ?").run(id);
    expect(queue.printReceipt(1)).toEqual({ jobId: id, reprint: false });
    expect(queue.jobs()[0]).toMatchObject({ id, status: 'queued' });
    expect(jobCount()).toBe(1);
    await printer.setMode('print');
    await queue.drain();
    expect(printer.jobs).toHaveLength(1);
    expect(texts(0)).not.toContain('重印');
    // Printed: now, and only now, the next one is a reprint.
    expect(queue.printReceipt(1)).toMatchObject({ reprint: true });
    await queue.drain();
    expect(printer.jobs).toHaveLength(2);
    expect(texts(1)).toContain('重印');
  });

  it('void slip prints once for a voided receipt', async () => {
    views.get(2)!.void = { reason: '商品破损', createdAt: '2026-11-29T03:00:00Z', operatorName: '王秀英', approvedByName: '李主任' };
    queue.enqueueReceipt(2, 'void');
    queue.enqueueReceipt(2, 'void');
    await queue.drain();
    expect(printer.jobs).toHaveLength(1);
    expect(texts(0)).toContain('作废单');
    expect(texts(0)).toContain('作废原因：商品破损');
  });

  it('a job that can never print is failed, and does not block the rest', async () => {
    queue.enqueueReceipt(42, 'redemption');
    queue.enqueueReceipt(1, 'redemption');
    const r = await queue.drain();
    expect(r).toMatchObject({ printed: 1, failed: 1 });
    expect(queue.jobs({ status: 'failed' })[0]!.lastError).toContain('兑换单不存在');
  });

  it('a job interrupted mid-print (crash) is failed for the keeper to check, never repeated silently', async () => {
    const id = queue.enqueueReceipt(1, 'redemption')!;
    db.prepare("UPDATE print_jobs SET status = 'printing' WHERE id = ?").run(id);
    queue = makeQueue();
    expect(queue.status()).toMatchObject({ failed: 1, waiting: 0 });
    await queue.drain();
    expect(printer.jobs).toHaveLength(0);
    queue.retry(id);
    await queue.drain();
    expect(printer.jobs).toHaveLength(1);
    expect(() => queue.retry(999)).toThrow(AppError);
  });

  it('not set up: jobs are not queued by auto-print; status says so', async () => {
    settings = { ...DEFAULT_PRINTER_SETTINGS };
    expect(queue.enqueueReceipt(1, 'redemption')).toBeNull();
    queue.enqueueTestPage();
    const r = await queue.drain();
    expect(r.waiting).toBe(1);
    expect(r.lastError).toContain('尚未设置打印机');
    expect(queue.status()).toMatchObject({ configured: false, reachable: null });
  });

  it('cards, slips and test pages print from their stored payload, at the current width', async () => {
    queue.enqueueCard(7, { number: '03-017', headName: '张建国', groupName: '三组', cardVersion: 2 }, 'VPSC1.03-017.2.sig');
    queue.enqueueSlip({
      title: '日结单',
      rows: [{ label: '兑换笔数', value: '3' }, { separator: true }, { text: '会计：赵六' }],
      printedAt: new Date('2026-11-29T10:00:00Z'),
    });
    settings = { ...settings, width: 80 };
    queue.enqueueTestPage();
    expect(queue.previewJob(1).lines.some((l) => l.kind === 'qr')).toBe(true);
    await queue.drain();
    expect(printer.jobs).toHaveLength(3);
    expect(decode(printer.jobs[0]!).qrPayloads).toEqual(['VPSC1.03-017.2.sig']);
    expect(texts(1)).toContain('打印时间：2026-11-29 18:00:00');
    for (const j of printer.jobs) for (const l of decode(j).lines) expect(l.printedColumns).toBeLessThanOrEqual(48);
    expect(decode(printer.jobs[0]!).lines.some((l) => l.printedColumns > 32)).toBe(true);
  });

  it('the retry timer prints a waiting receipt when the printer comes back', async () => {
    await printer.setMode('refuse');
    queue.enqueueReceipt(3, 'redemption');
    await queue.drain();
    await printer.setMode('print');
    queue.start(50);
    await printer.waitForJobs(1);
    // Once the job is recorded as printed, neither the timer nor another pass sends it again.
    await expect.poll(() => queue.jobs().every((j) => j.status === 'done')).toBe(true);
    queue.stop();
    await queue.drain();
    expect(printer.jobs).toHaveLength(1);
  });

  it('stores printer settings in the settings table', () => {
    writePrinterSettings(db, { uri: 'tcp://10.0.0.9:9100', width: 80, autoPrint: false });
    expect(readPrinterSettings(db)).toEqual({ uri: 'tcp://10.0.0.9:9100', width: 80, autoPrint: false });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'printer.width'").pluck().get()).toBe('80');
  });
});
