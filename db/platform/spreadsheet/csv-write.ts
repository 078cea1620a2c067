/**
 * CSV: UTF-8 with a BOM so Excel picks the encoding, CRLF, RFC 4180 quoting, and a
 * leading ' on text that a spreadsheet would run as a formula. Each column gets its own
 * formatter once, so a row is a loop of string appends; rows are encoded into 1 MB
 * buffers for the file (bytes.ts) and the writer waits for the disk when it falls behind.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { ByteSink } from './bytes.js';
import { LocalTime } from './local-time.js';
import { pump, startProgress, type WriteOptions } from './pump.js';
import type { Cell, Column, ExportSheet } from './sheet.js';

const PIECE_BYTES = 1024 * 1024;
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

function quoted(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

type FieldWriter = (v: Cell) => string;

function fieldWriter(c: Column, local: LocalTime): FieldWriter {
  const number = (v: number) => (c.type === 'yuan' ? (v / 100).toFixed(2) : String(v));
  switch (c.type) {
    case 'datetime':
      // A number in a date-time column is an instant in milliseconds (see sources.ts).
      return (v) => (v === null ? '' : quoted(local.textOf(v)));
    case 'text':
      return (v) => (v === null ? '' : typeof v === 'number' ? number(v) : quoted(FORMULA_START.test(v) ? `'${v}` : v));
    default:
      return (v) => (v === null ? '' : typeof v === 'number' ? number(v) : quoted(v));
  }
}

function rowText(writers: FieldWriter[], row: Cell[]): string {
  let line = writers[0]!(row[0] ?? null);
  for (let i = 1; i < writers.length; i++) line += ',' + writers[i]!(row[i] ?? null);
  return line + '\r\n';
}

async function drained(out: WriteStream): Promise<void> {
  while (out.writableLength > MAX_PENDING_BYTES) await once(out, 'drain');
}

export async function writeCsv(sheets: ExportSheet[], file: string, opts: WriteOptions): Promise<number> {
  const local = new LocalTime(opts.timeZone);
  const out = createWriteStream(file, { mode: 0o600 }); // exports hold households' data: private (issue 12)
  const closed = once(out, 'close');
  let failure: Error | null = null;
  out.on('error', (e) => (failure ??= e));
  const progress = startProgress(
    sheets.map((s) => s.count()),
    opts,
  );
  const sink = new ByteSink(PIECE_BYTES, (b) => {
    opts.onBytes?.(b);
    out.write(b);
  });
  sink.add('\uFEFF');
  try {
    for (const [si, sheet] of sheets.entries()) {
      const asText = sheet.columns.map((c) => fieldWriter({ ...c, type: 'text' }, local));
      // Several sheets (statistics) follow one another, each under its own title line.
      if (sheets.length > 1) sink.add(`${si === 0 ? '' : '\r\n'}${asText[0]!(sheet.name)}\r\n`);
      sink.add(
        rowText(
          asText,
          sheet.columns.map((c) => c.header),
        ),
      );
      const writers = sheet.columns.map((c) => fieldWriter(c, local));
      const { totals } = await pump(
        sheet,
        progress,
        opts,
        (row) => sink.add(rowText(writers, row)),
        async () => {
          if (failure) throw failure;
          await drained(out);
        },
      );
      if (sheet.totalLabel) {
        sink.add(
          rowText(
            writers,
            sheet.columns.map((c, i) => (i === 0 ? (sheet.totalLabel ?? '') : c.total ? totals[i]! : null)),
          ),
        );
      }
    }
    sink.flush();
  } finally {
    out.end();
    await closed;
  }
  if (failure) throw failure;
  opts.onProgress?.({ ...progress });
  return progress.rows;
}
