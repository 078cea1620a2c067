/** The XLSX file of any table the dashboard shows: a header row of column titles, then the rows. */
import ExcelJS from 'exceljs';

export interface XlsxTable {
  sheet: string;
  columns: { key: string; title: string }[];
  rows: Record<string, unknown>[];
}

export async function tableXlsx(t: XlsxTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t.sheet);
  ws.columns = t.columns.map((c) => ({ header: c.title, key: c.key, width: Math.max(10, c.title.length * 2 + 2) }));
  for (const r of t.rows) {
    ws.addRow(
      Object.fromEntries(
        t.columns.map((c) => {
          const v = r[c.key];
          return [c.key, v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : v];
        }),
      ),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
