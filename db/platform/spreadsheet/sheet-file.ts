/**
 * An import file (.xlsx, or .csv/.txt in any encoding Chinese Excel writes) to rows of
 * text, for the goods and roster imports. Every refusal is an AppError whose message the
 * user reads in Chinese (or English), never a parser's or Node's own English words.
 */
import { AppError } from '../../contract/errors.js';
import { decodeText, parseCsv } from './csv-read.js';
import { SHEET_LIMITS, SheetReadError } from './sheet-limits.js';
import { readXlsxRows, type SheetRow } from './xlsx-read.js';

export function sheetKind(fileName: string): 'xlsx' | 'csv' | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return ext === 'xlsx' ? 'xlsx' : ext === 'csv' || ext === 'txt' ? 'csv' : null;
}

export function readSheetFile(fileName: string, bytes: Buffer): SheetRow[] {
  const kind = sheetKind(fileName);
  if (kind === null) throw new AppError('IMPORT_FILE_TYPE', { name: fileName.slice(0, 80) });
  try {
    if (kind === 'xlsx') return readXlsxRows(bytes);
    const rows = parseCsv(decodeText(bytes).text);
    if (rows.length > SHEET_LIMITS.rows) throw new SheetReadError('IMPORT_TOO_MANY_ROWS', { max: SHEET_LIMITS.rows });
    return rows;
  } catch (e) {
    if (e instanceof SheetReadError) throw new AppError(e.code, e.params);
    if (e instanceof AppError) throw e;
    // Not expected (every reader refuses with its own code); still never Node's words.
    console.error('[import] reading failed:', e instanceof Error ? e.message : e);
    throw new AppError('IMPORT_FILE_DAMAGED');
  }
}
