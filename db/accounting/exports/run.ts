/**
 * One export, start to finish: opens its own read-only connection (so the counter's
 * connection is never blocked by an open iterator), reads everything inside one read
 * transaction (a consistent snapshot even while redemptions go on), streams the rows
 * to `out`, and removes the partial file if it fails or is cancelled.
 *
 * This is also the entry point for the benchmark (`npm run bench`): a 1-million-row
 * ledger export should finish with bounded memory, e.g.
 *   await exportToFile({ dbFile, kind: 'ledger', from: '2000-01-01', to: '2099-12-31', format: 'xlsx', out, timeZone: 'Asia/Shanghai' })
 */
import { createHash } from 'node:crypto';
import { createReadStream, rmSync, statSync } from 'node:fs';
import type { ExportFormat, ExportKind } from '../../contract/views-accounting.js';
import { openDatabase, type Db } from '../../platform/open.js';
import { computeStats } from '../stats.js';
import type { ExportProgress, ExportSheet } from '../../platform/spreadsheet/sheet.js';
import { balancesSheet, ledgerSheet, redemptionsSheet, stockSheet, type DateRange } from './sources.js';
import { statsSheets } from './stats-sheets.js';
import { writeCsv, writeXlsx } from './write.js';
import type { Fen } from '../../domain/amounts.js';
import { DEFAULT_SETTINGS } from '../../books/settings.js';

export interface ExportRequest {
  kind: ExportKind;
  from: string;
  to: string;
  format: ExportFormat;
}

export interface ExportToFileOptions extends ExportRequest {
  /** The store database file (read-only here). */
  dbFile: string;
  out: string;
  timeZone: string;
  /** Yuan per point in fen, for the statistics export. */
  pointValueFen?: Fen;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: ExportProgress) => void) | undefined;
}

export interface ExportResult {
  rows: number;
  bytes: number;
  sha256: string;
}

export const KIND_TITLES: Record<ExportKind, string> = {
  ledger: '积分台账',
  redemptions: '兑换明细',
  stock: '库存流水',
  balances: '农户积分余额',
  stats: '积分统计',
};

/** 积分台账_2026-11-01_2026-11-30.xlsx; one date when the range is one day. */
export function exportFileName(req: ExportRequest): string {
  const range = req.from === req.to ? req.from : `${req.from}_${req.to}`;
  return `${KIND_TITLES[req.kind]}_${range}.${req.format}`;
}

export function sheetsFor(db: Db, req: ExportRequest & { pointValueFen?: Fen }): ExportSheet[] {
  const range: DateRange = { from: req.from, to: req.to };
  switch (req.kind) {
    case 'ledger':
      return [ledgerSheet(db, range)];
    case 'redemptions':
      return [redemptionsSheet(db, range)];
    case 'stock':
      return [stockSheet(db, range)];
    case 'balances':
      return [balancesSheet(db, range)];
    case 'stats':
      return statsSheets(computeStats(db, range, req.pointValueFen ?? DEFAULT_SETTINGS.pointValueFen), db);
  }
}

export async function fileSha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export async function exportToFile(opts: ExportToFileOptions): Promise<ExportResult> {
  const db = openDatabase(opts.dbFile, { readonly: true });
  let rows: number;
  // Hashed as it is written: reading a 140 MB file back to hash it cost a few tenths of a second.
  const hash = createHash('sha256');
  try {
    db.exec('BEGIN');
    const sheets = sheetsFor(db, opts);
    const write = opts.format === 'xlsx' ? writeXlsx : writeCsv;
    rows = await write(sheets, opts.out, { timeZone: opts.timeZone, signal: opts.signal, onProgress: opts.onProgress, onBytes: (b) => hash.update(b) });
    db.exec('COMMIT');
  } catch (e) {
    rmSync(opts.out, { force: true });
    throw e;
  } finally {
    db.close();
  }
  return { rows, bytes: statSync(opts.out).size, sha256: hash.digest('hex') };
}
