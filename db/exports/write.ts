/**
 * Writes sheets to disk as XLSX (exceljs's streaming WorkbookWriter: each row is
 * committed and leaves memory; no shared-strings table that would grow with the range)
 * or CSV (UTF-8 with a BOM so Excel picks the encoding, CRLF, RFC 4180 quoting). Both
 * read rows from the sheets' iterators in chunks and yield to the event loop between
 * chunks, so the counter keeps answering, progress is reported and a cancel takes
 * effect within one chunk.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { dateCell, LocalTime } from './local-time.js';
import type { Cell, Column, ExportProgress, ExportSheet } from './sheet.js';

export const CHUNK_ROWS = 2000;

export interface WriteOptions {
  timeZone: string;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: ExportProgress) => void) | undefined;
}

export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
    this.name = 'ExportCancelled';
  }
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const NUM_FMT: Record<Column['type'], string | undefined> = {
  int: '#,##0;-#,##0;0',
  yuan: '#,##0.00',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
  text: undefined,
};

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** Drives one sheet's rows through `emit`, with totals, progress, yielding and cancel. */
async function pump(
  sheet: ExportSheet,
  progress: { rows: number; totalRows: number },
  opts: WriteOptions,
  emit: (row: Cell[]) => void,
  /** Called at each chunk boundary: the CSV writer hands its buffer to the file and waits for it to drain. */
  onChunk?: () => Promise<void>,
): Promise<{ totals: number[]; rows: number }> {
  const totals = sheet.columns.map(() => 0);
  let rows = 0;
  for (const row of sheet.rows()) {
    emit(row);
    if (!sheet.countsForTotal || sheet.countsForTotal(row)) {
      sheet.columns.forEach((c, i) => {
        if (c.total && typeof row[i] === 'number') totals[i]! += row[i];
      });
    }
    rows++;
    progress.rows++;
    if (rows % CHUNK_ROWS === 0) {
      opts.onProgress?.({ ...progress });
      await onChunk?.();
      // Yielding lets the file stream drain and other requests run; the statement stays open.
      await yieldToLoop();
      if (opts.signal?.aborted) throw new ExportCancelled();
    }
  }
  return { totals, rows };
}

/** A Node stream as far as backpressure goes. */
interface Drainable extends NodeJS.EventEmitter {
  writableLength?: number;
  /** archiver's streams come from readable-stream 2, which has no writableLength getter. */
  _writableState?: { length?: number };
}

const MAX_PENDING_BYTES = 4 * 1024 * 1024;

/**
 * exceljs's sheet stream hands its buffers to the zip's compressor without waiting
 * (StreamBuf ignores backpressure), so rows made faster than they are compressed would
 * pile up in memory. At each chunk boundary we wait until the compressor's input queue
 * is small again. Reaches into exceljs internals defensively: if they change, this
 * only stops throttling.
 */
async function compressionCaughtUp(ws: ExcelJS.Worksheet): Promise<void> {
  const pipes = (ws as unknown as { stream?: { pipes?: Drainable[] } }).stream?.pipes ?? [];
  for (const p of pipes) {
    while ((p.writableLength ?? p._writableState?.length ?? 0) > MAX_PENDING_BYTES) await once(p, 'drain');
  }
}

export async function writeXlsx(sheets: ExportSheet[], file: string, opts: WriteOptions): Promise<number> {
  const local = new LocalTime(opts.timeZone);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = '积分超市';
  const progress = { rows: 0, totalRows: sheets.reduce((s, sh) => s + sh.count(), 0) };
  opts.onProgress?.({ ...progress });
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => {
      const numFmt = NUM_FMT[c.type];
      return numFmt ? { width: c.width, style: { numFmt } } : { width: c.width };
    });
    const header = ws.addRow(sheet.columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    header.commit();
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };

    const toCell = (v: Cell, c: Column): ExcelJS.CellValue => {
      if (v === null || v === '') return null;
      switch (c.type) {
        case 'datetime':
          return local.wallDate(String(v));
        case 'date':
          return dateCell(String(v));
        case 'yuan':
          return typeof v === 'number' ? v / 100 : v;
        default:
          return v;
      }
    };
    const { totals, rows } = await pump(
      sheet,
      progress,
      opts,
      (row) => {
        ws.addRow(sheet.columns.map((c, i) => toCell(row[i] ?? null, c))).commit();
      },
      () => compressionCaughtUp(ws),
    );
    if (sheet.totalLabel) {
      const last = rows + 1;
      const values = sheet.columns.map((c, i): ExcelJS.CellValue => {
        if (i === 0) return sheet.totalLabel ?? null;
        if (!c.total) return null;
        const result = c.type === 'yuan' ? totals[i]! / 100 : totals[i]!;
        // A live formula where it equals the plain sum, so Excel re-adds the column; the
        // cached result is what a reader without a formula engine sees.
        if (rows === 0) return result;
        if (sheet.countsForTotal) return result;
        const col = columnLetter(i + 1);
        return { formula: `SUM(${col}2:${col}${last})`, result };
      });
      const totalRow = ws.addRow(values);
      totalRow.font = { bold: true };
      totalRow.eachCell((cell) => {
        cell.border = { top: { style: 'thin' } };
      });
      totalRow.commit();
    }
    ws.commit();
  }
  opts.onProgress?.({ ...progress });
  await wb.commit();
  return progress.rows;
}

/** RFC 4180 quoting, and a leading ' on text that a spreadsheet would run as a formula. */
function csvField(v: Cell, c: Column, local: LocalTime): string {
  if (v === null) return '';
  let s: string;
  if (typeof v === 'number') s = c.type === 'yuan' ? (v / 100).toFixed(2) : String(v);
  else if (c.type === 'datetime') s = local.text(v);
  else {
    s = v;
    if (c.type === 'text' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  }
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

async function writeChunk(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export async function writeCsv(sheets: ExportSheet[], file: string, opts: WriteOptions): Promise<number> {
  const local = new LocalTime(opts.timeZone);
  const out = createWriteStream(file);
  const closed = once(out, 'close');
  const progress = { rows: 0, totalRows: sheets.reduce((s, sh) => s + sh.count(), 0) };
  opts.onProgress?.({ ...progress });
  try {
    await writeChunk(out, '\uFEFF');
    let first = true;
    for (const sheet of sheets) {
      // Several sheets (statistics) follow one another, each under its own title line.
      if (sheets.length > 1) await writeChunk(out, `${first ? '' : '\r\n'}${csvField(sheet.name, sheet.columns[0]!, local)}\r\n`);
      first = false;
      await writeChunk(out, sheet.columns.map((c) => csvField(c.header, { ...c, type: 'text' }, local)).join(',') + '\r\n');
      let buf = '';
      const { totals } = await pump(
        sheet,
        progress,
        opts,
        (row) => {
          buf += sheet.columns.map((c, i) => csvField(row[i] ?? null, c, local)).join(',') + '\r\n';
        },
        async () => {
          const text = buf;
          buf = '';
          await writeChunk(out, text);
        },
      );
      if (sheet.totalLabel) {
        buf += sheet.columns.map((c, i) => (i === 0 ? csvField(sheet.totalLabel ?? '', c, local) : c.total ? csvField(totals[i]!, c, local) : '')).join(',') + '\r\n';
      }
      await writeChunk(out, buf);
    }
  } finally {
    out.end();
    await closed;
  }
  opts.onProgress?.({ ...progress });
  return progress.rows;
}
