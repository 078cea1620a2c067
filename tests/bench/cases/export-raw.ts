/**
 * The CSV export's raw baseline (issue 17): the export's own SELECT over the same year,
 * read with better-sqlite3 (raw rows, one read transaction), and the very bytes the app
 * wrote (its file, read into memory before the clock starts) written to a file in 1 MB
 * pieces as the rows go by, waiting for the disk as the app does. No formatting, no
 * names, no hashing: what SQLite and the disk cost for this export.
 */
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { LEDGER_ROWS_SQL } from '../../../db/accounting/exports/sources.js';
import { measureExport, type ExportJobArgs, type ExportJobResult } from './export-measure.js';

const PIECE = 1024 * 1024;

export async function rawCsvExport(a: ExportJobArgs & { bytesFile: string }): Promise<ExportJobResult> {
  const bytes = readFileSync(a.bytesFile);
  return measureExport(a, 'raw better-sqlite3', async () => {
    const db = new Database(a.dbFile, { readonly: true });
    const out = createWriteStream(a.out);
    const closed = once(out, 'close');
    let rows = 0;
    try {
      db.exec('BEGIN');
      // Rows per piece, so the bytes go out at the pace the rows come in.
      const total = db.prepare('SELECT count(*) FROM ledger WHERE business_date BETWEEN ? AND ?').pluck().get(a.from, a.to) as number;
      const rowsPerPiece = Math.max(1, Math.floor((total * PIECE) / Math.max(1, bytes.length)));
      let written = 0;
      for (const _row of db.prepare(LEDGER_ROWS_SQL).raw().iterate(a.from, a.to)) {
        rows++;
        if (rows % rowsPerPiece === 0 && written < bytes.length) {
          out.write(bytes.subarray(written, written + PIECE));
          written += PIECE;
          while (out.writableLength > 4 * PIECE) await once(out, 'drain');
        }
      }
      if (written < bytes.length) out.write(bytes.subarray(written));
      db.exec('COMMIT');
    } finally {
      db.close();
      out.end();
      await closed;
    }
    return rows;
  });
}
