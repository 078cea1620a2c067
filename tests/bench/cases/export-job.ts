/**
 * In the tsx child process (child.ts): one ledger export. Uses the app's exportToFile
 * when the exports feature is in the tree, else a plain streaming stand-in (said so in
 * the result). The bench normally runs the bundled export-main.ts instead (export.ts);
 * this is its fallback when bundling fails.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { optionalModule } from '../optional.js';
import { measureExport, type ExportJobArgs, type ExportJobResult } from './export-measure.js';

export type { ExportJobArgs, ExportJobResult };

interface Exports {
  exportToFile(o: ExportJobArgs & { kind: 'ledger' }): Promise<{ rows: number; bytes: number }>;
}

const SQL = `SELECT l.id, l.business_date, l.created_at, h.number, h.head_name, p.name AS passbook, l.kind, l.amount, l.balance_after, o.name AS operator, l.note
  FROM ledger l JOIN households h ON h.id = l.household_id JOIN passbooks p ON p.id = l.passbook_id JOIN operators o ON o.id = l.operator_id
  WHERE l.business_date BETWEEN ? AND ? ORDER BY l.business_date, l.id`;

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v as string | number);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** The stand-in: the same rows, streamed; only used when db/accounting/exports is missing. */
async function standIn(a: ExportJobArgs): Promise<number> {
  const db = new Database(a.dbFile, { readonly: true });
  const it = db.prepare(SQL).raw().iterate(a.from, a.to) as IterableIterator<unknown[]>;
  let rows = 0;
  if (a.format === 'csv') {
    const out = createWriteStream(a.out);
    out.write('\uFEFF');
    for (const r of it) {
      rows++;
      if (!out.write(r.map(csvCell).join(',') + '\r\n')) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  } else {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: a.out, useSharedStrings: false, useStyles: false });
    const ws = wb.addWorksheet('积分台账');
    for (const r of it) {
      rows++;
      ws.addRow(r).commit();
    }
    ws.commit();
    await wb.commit();
  }
  db.close();
  return rows;
}

export async function exportJob(a: ExportJobArgs): Promise<ExportJobResult> {
  const exp = await optionalModule<Exports>('db/accounting/exports/run.ts', ['exportToFile']);
  if (!exp) return measureExport(a, 'stand-in', standIn);
  return measureExport(a, 'exportToFile, tsx child', async (args) => (await exp.exportToFile({ ...args, kind: 'ledger' })).rows);
}
