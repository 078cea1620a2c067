/**
 * The export writers: XLSX (xlsx.ts, a streaming sheet-XML writer zipped with fflate)
 * and CSV (csv.ts). Both read rows from the sheets' iterators in chunks and yield to the
 * event loop between chunks (pump.ts), so the counter keeps answering, progress is
 * reported and a cancel takes effect within one chunk.
 */
export { ExportCancelled } from '../../platform/spreadsheet/pump.js';
export { writeCsv } from '../../platform/spreadsheet/csv-write.js';
export { writeXlsx } from '../../platform/spreadsheet/xlsx-write.js';
