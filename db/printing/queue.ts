/**
 * The print queue: receipts wait in `print_jobs` until the printer has confirmed them.
 *
 * - Enqueueing is one INSERT, made inside the redemption's (or void's) transaction, so a
 *   receipt job exists exactly when the sale does. A partial UNIQUE index allows one
 *   'redemption' and one 'void' job per redemption: a retried hook cannot queue it twice.
 * - drain() sends queued jobs oldest first. A job is marked done only after the transport
 *   confirmed the write; on a printer error it goes back to queued with the error and the
 *   drain stops (later jobs keep their order), to be retried by the next drain.
 * - A job found 'printing' at start-up was interrupted mid-send: it may or may not be on
 *   paper, so it is marked failed (never repeated silently); the keeper retries or reprints.
 * - Reprints are their own jobs, marked 重印 on paper.
 * Documents are rebuilt from the redemption at print time (receipts are immutable rows),
 * so a receipt queued before the paper width changed prints on the new width.
 */
import { z } from 'zod';
import { AppError } from '../contract/errors.js';
import type { PrinterStatusView, PrintJobKind, PrintJobStatus, PrintJobView, ReceiptPreview } from '../contract/printing.js';
import type { ReceiptView, Settings } from '../contract/views.js';
import type { Db } from '../platform/open.js';
import { encodeDocument } from './escpos.js';
import {
  householdCardDocument,
  receiptDocument,
  slipDocument,
  testPageDocument,
  voidSlipDocument,
  type HouseholdCardInput,
  type ReceiptDocument,
  type SlipInput,
  type StoreInfo,
} from './layout.js';
import { previewDocument } from './preview.js';
import type { PrinterSettings } from './settings.js';
import { createTransport, describeTarget, parsePrinterUri, type PrinterTarget, type PrinterTransport, type SystemPrintFn } from './transports/index.js';
import { query } from '../platform/query.js';

export interface PrintQueueOptions {
  db: Db;
  /** Current printer settings (printer.uri, printer.width, printer.autoPrint). */
  printerSettings: () => PrinterSettings;
  /** Store name, village, footer and time zone for the layouts. */
  storeSettings: () => StoreInfo | Settings;
  /** Loads a receipt by redemption id (the core's receiptView); throws if there is none. */
  loadReceipt: (redemptionId: number) => ReceiptView;
  /** Electron's system-driver printing, for `system:` printers. */
  systemPrint?: SystemPrintFn | null;
  now?: () => Date;
  /** Tests may replace the transports. */
  transportFor?: (target: PrinterTarget) => PrinterTransport;
  /** The store's data folder: a device printer address may never write into it. */
  dataDir?: string | null;
  /** Mark jobs left 'printing' by a crash as failed when the queue is created (default true). */
  recoverInterrupted?: boolean;
}

export interface DrainResult {
  printed: number;
  failed: number;
  /** Jobs still queued (the printer failed, or it is not set up). */
  waiting: number;
  lastError: string | null;
}

interface JobRow {
  id: number;
  kind: PrintJobKind;
  ref_id: number | null;
  payload: string | null;
  title: string;
  status: PrintJobStatus;
  attempts: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  printed_at: string | null;
  operator_id: number | null;
}

const reprintPayload = z.object({ of: z.enum(['receipt', 'void']), at: z.string() });
const cardPayload = z.object({
  card: z.object({ number: z.string(), headName: z.string(), groupName: z.string(), cardVersion: z.number().int().optional() }),
  qrPayload: z.string(),
});
const slipRow = z.union([
  z.object({ separator: z.literal(true) }),
  z.object({ label: z.string(), value: z.string(), bold: z.boolean().optional() }),
  z.object({ text: z.string(), align: z.enum(['left', 'center', 'right']).optional(), bold: z.boolean().optional() }),
]);
const slipPayload = z.object({
  title: z.string(),
  subtitle: z.string().optional(),
  rows: z.array(slipRow),
  footer: z.string().optional(),
  qrPayload: z.string().optional(),
  printedAt: z.string().optional(),
});

const INTERRUPTED = '打印过程中断（程序退出或断电），可能已打印也可能没有，请核对后点“重试”或“重印”';

/** Thrown while building a document: the job can never print (not a printer problem). */
class JobBroken extends Error {}

export class PrintQueue {
  private readonly db: Db;
  private readonly now: () => Date;
  private draining: Promise<DrainResult> | null = null;
  private lastError: string | null = null;
  private lastErrorAt: string | null = null;
  private reachable: boolean | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: PrintQueueOptions) {
    this.db = opts.db;
    this.now = opts.now ?? (() => new Date());
    if (opts.recoverInterrupted !== false) this.recoverInterrupted();
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private insert(kind: PrintJobKind, refId: number | null, payload: unknown, title: string, operatorId: number | null): number {
    const at = this.stamp();
    const info = query(this.db).run(
      `INSERT INTO print_jobs (kind, ref_id, payload, title, status, created_at, updated_at, operator_id)
         VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)`,
      kind,
      refId,
      payload === null ? null : JSON.stringify(payload),
      title,
      at,
      at,
      operatorId,
    );
    return Number(info.lastInsertRowid);
  }

  // -------------------------------------------------------------------------------------
  // Enqueueing

  /**
   * Queues the receipt ('redemption') or void slip ('void') of a redemption; or a reprint.
   * One INSERT, safe inside the caller's transaction. With auto-print off or no printer
   * set up, a 'redemption'/'void' job is not queued (returns null); the keeper can still
   * print on demand. Queuing the same redemption/void twice returns the first job.
   */
  enqueueReceipt(redemptionId: number, kind: 'redemption' | 'void' | 'reprint', operatorId: number | null = null): number | null {
    if (kind === 'reprint') return this.reprint(redemptionId, operatorId);
    const s = this.opts.printerSettings();
    if (!s.autoPrint || s.uri.trim() === '') return null;
    return this.enqueueOnce(redemptionId, kind, operatorId);
  }

  private enqueueOnce(redemptionId: number, kind: 'redemption' | 'void', operatorId: number | null): number {
    const existing = query(this.db).value<number>('SELECT id FROM print_jobs WHERE kind = ? AND ref_id = ?', kind, redemptionId);
    if (existing !== undefined) return existing;
    return this.insert(kind, redemptionId, null, `${kind === 'void' ? '作废单' : '兑换单'} ${this.receiptLabel(redemptionId)}`, operatorId);
  }

  /** The receipt number the keeper knows (the sale's row exists: same transaction or earlier). */
  private receiptLabel(redemptionId: number): string {
    const no = query(this.db).value<string>('SELECT receipt_no FROM redemptions WHERE id = ?', redemptionId);
    return no ?? `#${redemptionId}`;
  }

  /**
   * "Print" from the receipt screen: the first print of a receipt that was never queued
   * (auto-print off) is the original. While the original has not printed yet (waiting for
   * the printer, or failed), pressing 打印 puts that same original back in the queue
   * instead of adding a second slip; only once it has printed is the next one a reprint
   * marked 重印.
   */
  printReceipt(redemptionId: number, operatorId: number | null = null): { jobId: number; reprint: boolean } {
    return this.db.transaction(() => {
      const existing = query(this.db).get<{ id: number; status: 'queued' | 'printing' | 'done' | 'failed' }>(
        "SELECT id, status FROM print_jobs WHERE kind = 'redemption' AND ref_id = ?",
        redemptionId,
      );
      if (existing === undefined) {
        this.opts.loadReceipt(redemptionId); // REDEMPTION_NOT_FOUND before queuing anything
        return { jobId: this.enqueueOnce(redemptionId, 'redemption', operatorId), reprint: false };
      }
      if (existing.status === 'failed') this.retry(existing.id);
      if (existing.status !== 'done') return { jobId: existing.id, reprint: false };
      return { jobId: this.reprint(redemptionId, operatorId), reprint: true };
    })();
  }

  /** Queues a reprint (marked 重印) of a receipt, or of its void slip with `of: 'void'`. */
  reprint(redemptionId: number, operatorId: number | null = null, of: 'receipt' | 'void' = 'receipt'): number {
    const at = this.stamp();
    return this.insert('reprint', redemptionId, { of, at }, `重印${of === 'void' ? '作废单' : '兑换单'} ${this.receiptLabel(redemptionId)}`, operatorId);
  }

  /** Queues a household card; the QR payload is made (and signed) by the core. */
  enqueueCard(householdId: number, card: HouseholdCardInput, qrPayload: string, operatorId: number | null = null): number {
    return this.insert('card', householdId, { card, qrPayload }, `户卡 ${card.number} ${card.headName}`, operatorId);
  }

  /** Queues a generic slip (e.g. the day-close summary). */
  enqueueSlip(slip: SlipInput, operatorId: number | null = null): number {
    const payload = { ...slip, printedAt: slip.printedAt instanceof Date ? slip.printedAt.toISOString() : slip.printedAt };
    return this.insert('slip', null, slipPayload.parse(payload), slip.title, operatorId);
  }

  enqueueTestPage(operatorId: number | null = null): number {
    return this.insert('test', null, null, '打印测试', operatorId);
  }

  /** Puts a failed job back in the queue (the keeper checked the paper and asks again). */
  retry(jobId: number): void {
    const changes = query(this.db).run(
      "UPDATE print_jobs SET status = 'queued', updated_at = ? WHERE id = ? AND status = 'failed'",
      this.stamp(),
      jobId,
    ).changes;
    if (changes === 0 && query(this.db).get('SELECT 1 FROM print_jobs WHERE id = ?', jobId) === undefined) {
      throw new AppError('PRINT_JOB_NOT_FOUND');
    }
  }

  /** Jobs left 'printing' by a crash: failed, with a message asking the keeper to check. */
  recoverInterrupted(): number {
    return query(this.db).run("UPDATE print_jobs SET status = 'failed', last_error = ?, updated_at = ? WHERE status = 'printing'", INTERRUPTED, this.stamp())
      .changes;
  }

  // -------------------------------------------------------------------------------------
  // Documents

  private width(): 58 | 80 {
    return this.opts.printerSettings().width;
  }

  private documentFor(job: JobRow): ReceiptDocument {
    const store = this.opts.storeSettings();
    const width = this.width();
    const load = (): ReceiptView => {
      if (job.ref_id === null) throw new JobBroken('缺少兑换单编号');
      try {
        return this.opts.loadReceipt(job.ref_id);
      } catch (err) {
        throw new JobBroken(err instanceof Error ? err.message : String(err));
      }
    };
    const parse = <T>(schema: z.ZodType<T>): T => {
      const r = schema.safeParse(job.payload === null ? null : JSON.parse(job.payload));
      if (!r.success) throw new JobBroken('打印内容损坏');
      return r.data;
    };
    switch (job.kind) {
      case 'redemption':
        return receiptDocument(load(), store, width);
      case 'void': {
        const view = load();
        if (!view.void) throw new JobBroken('该兑换单未作废');
        return voidSlipDocument(view, store, width);
      }
      case 'reprint': {
        const p = parse(reprintPayload);
        const view = load();
        if (p.of === 'void') {
          if (!view.void) throw new JobBroken('该兑换单未作废');
          return voidSlipDocument(view, store, width, { reprint: { at: p.at } });
        }
        return receiptDocument(view, store, width, { reprint: { at: p.at } });
      }
      case 'card': {
        const p = parse(cardPayload);
        return householdCardDocument(p.card, p.qrPayload, store, width);
      }
      case 'test':
        return testPageDocument(width, store, new Date(job.created_at));
      case 'slip': {
        const p = parse(slipPayload);
        return slipDocument(p, store, width);
      }
    }
  }

  /** The preview of a queued or printed job, from the same document the printer gets. */
  previewJob(jobId: number): ReceiptPreview {
    const job = query(this.db).get<JobRow>('SELECT * FROM print_jobs WHERE id = ?', jobId);
    if (!job) throw new AppError('PRINT_JOB_NOT_FOUND');
    return previewDocument(this.documentFor(job));
  }

  /**
   * The preview of a redemption's receipt (or void slip) at the current paper width. With
   * `reprint`, the copy a reprint would print now (marked 重印), so the keeper sees that
   * before asking for one.
   */
  previewReceipt(redemptionId: number, kind: 'redemption' | 'void' = 'redemption', reprint = false): ReceiptPreview {
    const view = this.opts.loadReceipt(redemptionId);
    const store = this.opts.storeSettings();
    const opts = { reprint: reprint ? { at: this.now() } : null };
    const doc = kind === 'void' && view.void ? voidSlipDocument(view, store, this.width(), opts) : receiptDocument(view, store, this.width(), opts);
    return previewDocument(doc);
  }

  // -------------------------------------------------------------------------------------
  // Printing

  private transport(uri: string): PrinterTransport {
    const target = parsePrinterUri(uri);
    if (this.opts.transportFor) return this.opts.transportFor(target);
    return createTransport(target, { systemPrint: this.opts.systemPrint ?? null, dataDir: this.opts.dataDir ?? null });
  }

  private noteError(message: string): void {
    this.lastError = message;
    this.lastErrorAt = this.stamp();
  }

  /**
   * Sends queued jobs oldest first. Concurrent calls share one run. Never throws: the
   * result (and status()) carry the error.
   */
  drain(): Promise<DrainResult> {
    if (this.draining) return this.draining;
    const run = this.drainOnce()
      // Only the database can fail here (printer errors are caught per job), e.g. the
      // core closed while a job was on its way: callers fire and forget, so say it here.
      .catch((err: unknown): DrainResult => {
        const message = err instanceof Error ? err.message : String(err);
        this.noteError(message);
        return { printed: 0, failed: 0, waiting: 0, lastError: message };
      })
      .finally(() => {
        this.draining = null;
      });
    this.draining = run;
    return run;
  }

  private async drainOnce(): Promise<DrainResult> {
    let printed = 0;
    let failed = 0;
    const next = this.db.prepare("SELECT * FROM print_jobs WHERE status = 'queued' ORDER BY id LIMIT 1");
    const claim = this.db.prepare("UPDATE print_jobs SET status = 'printing', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'queued'");
    const done = this.db.prepare("UPDATE print_jobs SET status = 'done', printed_at = ?, updated_at = ?, last_error = NULL WHERE id = ?");
    const requeue = this.db.prepare("UPDATE print_jobs SET status = 'queued', last_error = ?, updated_at = ? WHERE id = ?");
    const broken = this.db.prepare("UPDATE print_jobs SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ?");

    for (;;) {
      const job = next.get() as JobRow | undefined;
      if (!job) break;
      const settings = this.opts.printerSettings();
      let transport: PrinterTransport;
      try {
        transport = this.transport(settings.uri);
      } catch (err) {
        this.noteError(err instanceof Error ? err.message : String(err));
        break;
      }
      let doc: ReceiptDocument;
      try {
        doc = this.documentFor(job);
      } catch (err) {
        const msg = `无法生成打印内容：${err instanceof Error ? err.message : String(err)}`;
        broken.run(msg, this.stamp(), job.id);
        failed++;
        continue;
      }
      if (claim.run(this.stamp(), job.id).changes === 0) continue; // another process took it
      try {
        await transport.send({ bytes: encodeDocument(doc), document: doc });
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        requeue.run(msg, this.stamp(), job.id);
        this.noteError(msg);
        this.reachable = false;
        break;
      }
      const at = this.stamp();
      done.run(at, at, job.id);
      this.reachable = true;
      this.lastError = null;
      this.lastErrorAt = null;
      printed++;
    }
    const waiting = query(this.db).scalar<number>("SELECT count(*) FROM print_jobs WHERE status IN ('queued', 'printing')");
    return { printed, failed, waiting, lastError: waiting > 0 ? this.lastError : null };
  }

  /** Checks whether the printer answers (without printing where possible). */
  async probe(): Promise<PrinterStatusView> {
    const s = this.opts.printerSettings();
    if (s.uri.trim() !== '') {
      try {
        const r = await this.transport(s.uri).probe();
        this.reachable = r.reachable;
        if (r.error) this.noteError(r.error);
      } catch (err) {
        this.reachable = false;
        this.noteError(err instanceof Error ? err.message : String(err));
      }
    }
    return this.status();
  }

  /** What the counter shows: printer, reachability, waiting and failed jobs, last error. */
  status(): PrinterStatusView {
    const s = this.opts.printerSettings();
    let target: string | null = null;
    let configError: string | null = null;
    if (s.uri.trim() !== '') {
      try {
        target = describeTarget(parsePrinterUri(s.uri));
      } catch (err) {
        configError = err instanceof Error ? err.message : String(err);
      }
    }
    const counts = query(this.db).one<{
      waiting: number;
      failed: number;
      last_printed: string | null;
      queued_error: string | null;
      queued_error_at: string | null;
    }>(`SELECT
           (SELECT count(*) FROM print_jobs WHERE status IN ('queued', 'printing')) AS waiting,
           (SELECT count(*) FROM print_jobs WHERE status = 'failed') AS failed,
           (SELECT max(printed_at) FROM print_jobs WHERE status = 'done') AS last_printed,
           (SELECT last_error FROM print_jobs WHERE status = 'queued' AND last_error IS NOT NULL ORDER BY id LIMIT 1) AS queued_error,
           (SELECT updated_at FROM print_jobs WHERE status = 'queued' AND last_error IS NOT NULL ORDER BY id LIMIT 1) AS queued_error_at`);
    return {
      configured: target !== null,
      target,
      reachable: target === null ? null : this.reachable,
      autoPrint: s.autoPrint,
      width: s.width,
      waiting: counts.waiting,
      failed: counts.failed,
      lastError: configError ?? this.lastError ?? counts.queued_error,
      lastErrorAt: configError ? null : this.lastError ? this.lastErrorAt : counts.queued_error_at,
      lastPrintedAt: counts.last_printed,
    };
  }

  /** Recent jobs, newest first (for the print history screen). */
  jobs(opts: { limit?: number; status?: PrintJobStatus; redemptionId?: number } = {}): PrintJobView[] {
    const limit = Math.min(500, Math.max(1, opts.limit ?? 50));
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (opts.status) {
      where.push('status = ?');
      args.push(opts.status);
    }
    if (opts.redemptionId !== undefined) {
      // Card jobs also carry a ref_id (the household's); only receipt kinds refer to redemptions.
      where.push("ref_id = ? AND kind IN ('redemption', 'void', 'reprint')");
      args.push(opts.redemptionId);
    }
    const rows = query(this.db).all<JobRow>(
      `SELECT * FROM print_jobs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
      ...args,
      limit,
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      refId: r.ref_id,
      title: r.title,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at,
      printedAt: r.printed_at,
      operatorId: r.operator_id,
    }));
  }

  /** Retries the queue every `intervalMs` while jobs wait (the printer comes back by itself). */
  start(intervalMs = 10000): void {
    this.stop();
    this.timer = setInterval(() => {
      const waiting = query(this.db).get("SELECT 1 FROM print_jobs WHERE status = 'queued' LIMIT 1");
      if (waiting !== undefined) void this.drain();
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
