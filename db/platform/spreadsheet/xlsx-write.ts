/**
 * A small streaming XLSX writer: worksheet XML is written row by row as strings (inline
 * strings, no shared-strings table that would grow with the range) and deflated into
 * the zip as it goes (fflate), so memory stays flat however many rows there are.
 * Replaces exceljs's WorkbookWriter for exports: exceljs builds a Row, Cell and style
 * object per cell and spent about 53 µs per ledger row; this spends a few.
 */
import { ByteSink } from './bytes.js';
import { excelDate, LocalTime } from './local-time.js';
import { pump, startProgress, type WriteOptions } from './pump.js';
import type { Cell, Column, ExportSheet } from './sheet.js';
import {
  appPropsXml,
  contentTypesXml,
  corePropsXml,
  rootRelsXml,
  sheetPath,
  StyleBook,
  workbookRelsXml,
  workbookXml,
  XML_HEAD,
  type SheetEntry,
} from './xlsx-parts.js';
import { columnLetter, sheetName, xmlText } from './xml.js';
import { ZipFile } from './zip-file.js';

/**
 * zlib level: on sheet XML level 1 deflates about 320 MB/s and level 6 about 100 MB/s,
 * for a file only a fifth smaller (the XML repeats itself a lot).
 */
const LEVEL = 1;
/** Sheet XML goes to the compressor in buffers of this size. */
const PIECE_BYTES = 1024 * 1024;
/** Excel's rows per sheet; a longer export continues on "<name> (2)", each with its header. */
export const EXCEL_MAX_ROWS = 1_048_576;

const isXmlSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
/** XML readers drop leading and trailing whitespace unless told to keep it. */
const edgeSpace = (t: string) => isXmlSpace(t.charCodeAt(0)) || isXmlSpace(t.charCodeAt(t.length - 1));

/** Writes one cell of a column for a row number; '' for an empty cell. */
type CellWriter = (v: Cell, row: number) => string;

function cellWriter(c: Column, col: string, style: number, local: LocalTime, dates: Map<string, number>): CellWriter {
  const s = style ? ` s="${style}"` : '';
  const num = (n: number, row: number) => (Number.isFinite(n) ? `<c r="${col}${row}"${s}><v>${n}</v></c>` : str(String(n), row));
  const str = (t: string, row: number) => {
    const x = xmlText(t);
    const space = edgeSpace(t) ? ' xml:space="preserve"' : '';
    return `<c r="${col}${row}"${s} t="inlineStr"><is><t${space}>${x}</t></is></c>`;
  };
  const date = (d: string) => {
    let v = dates.get(d);
    if (v === undefined) {
      v = excelDate(d);
      if (dates.size > 10_000) dates.clear();
      dates.set(d, v);
    }
    return v;
  };
  return (v, row) => {
    if (v === null || v === '') return '';
    // A number in a date-time column is an instant in milliseconds (see sources.ts).
    if (typeof v === 'number') return num(c.type === 'datetime' ? local.excelSerialOf(v) : c.type === 'yuan' ? v / 100 : v, row);
    switch (c.type) {
      case 'datetime': {
        const n = local.excelSerial(v);
        return Number.isNaN(n) ? str(v, row) : num(n, row);
      }
      case 'date': {
        const n = date(v);
        return Number.isNaN(n) ? str(v, row) : num(n, row);
      }
      default:
        return str(v, row);
    }
  };
}

/** The worksheet's opening: frozen header row, column widths and default styles. */
function sheetHead(sheet: ExportSheet, styles: StyleBook): string {
  const cols = sheet.columns
    .map((c, i) => {
      const s = styles.data(c);
      return `<col min="${i + 1}" max="${i + 1}" width="${c.width}"${s ? ` style="${s}"` : ''} customWidth="1"/>`;
    })
    .join('');
  return (
    XML_HEAD +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${cols}</cols><sheetData>`
  );
}

function rowXml(n: number, cells: string[]): string {
  return `<row r="${n}">${cells.join('')}</row>`;
}

function sheetEnd(filterRef: string): string {
  return (
    `</sheetData><autoFilter ref="${filterRef}"/>` + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
  );
}

export interface XlsxOptions extends WriteOptions {
  /** Data rows per sheet before continuing on the next (tests); Excel's limit less header and totals. */
  maxRowsPerSheet?: number;
}

interface Planned extends SheetEntry {
  sheet: number;
}

export async function writeXlsx(sheets: ExportSheet[], file: string, opts: XlsxOptions): Promise<number> {
  const local = new LocalTime(opts.timeZone);
  const dates = new Map<string, number>();
  const styles = new StyleBook(sheets.flatMap((s) => s.columns));
  const counts = sheets.map((s) => s.count());
  const maxRows = opts.maxRowsPerSheet ?? EXCEL_MAX_ROWS - 2;
  // The workbook lists its sheets before they are written, so a long sheet's parts are
  // planned from its count (the rows come from the same read transaction).
  const taken = new Set<string>();
  const plan: Planned[] = sheets.flatMap((s, si) =>
    Array.from({ length: Math.max(1, Math.ceil(counts[si]! / maxRows)) }, () => ({
      sheet: si,
      name: sheetName(s.name, taken),
      filterRef: `A1:${columnLetter(s.columns.length)}1`,
    })),
  );
  const zip = new ZipFile(file, LEVEL, opts.onBytes);
  try {
    zip.add('[Content_Types].xml', contentTypesXml(plan.length));
    zip.add('_rels/.rels', rootRelsXml());
    zip.add('docProps/core.xml', corePropsXml('积分超市', new Date()));
    zip.add('docProps/app.xml', appPropsXml());
    zip.add('xl/workbook.xml', workbookXml(plan));
    zip.add('xl/_rels/workbook.xml.rels', workbookRelsXml(plan.length));
    zip.add('xl/styles.xml', styles.xml());
    const progress = startProgress(counts, opts);

    let pi = -1;
    for (const [si, sheet] of sheets.entries()) {
      const lastPart = plan.findLastIndex((p) => p.sheet === si);
      const letters = sheet.columns.map((_, i) => columnLetter(i + 1));
      const headerRow = rowXml(
        1,
        sheet.columns.map((c, i) => `<c r="${letters[i]}1" s="${styles.header}" t="inlineStr"><is><t>${xmlText(c.header)}</t></is></c>`),
      );
      // Assigned by startPart() just below (TypeScript cannot see through the closure).
      let part!: ReturnType<ZipFile['open']>;
      let sink!: ByteSink;
      let n = 1;
      const startPart = () => {
        const p = zip.open(sheetPath(++pi));
        part = p;
        sink = new ByteSink(PIECE_BYTES, (b) => p.write(b));
        sink.add(sheetHead(sheet, styles) + headerRow);
        n = 1;
      };
      const endPart = () => {
        sink.add(sheetEnd(plan[pi]!.filterRef));
        sink.flush();
        part.end();
      };
      startPart();

      const writers = sheet.columns.map((c, i) => cellWriter(c, letters[i]!, styles.data(c), local, dates));
      const width = writers.length;
      const { totals, rows } = await pump(
        sheet,
        progress,
        opts,
        (row) => {
          if (n > maxRows && pi < lastPart) {
            endPart();
            startPart();
          }
          n++;
          let xml = `<row r="${n}">`;
          for (let i = 0; i < width; i++) xml += writers[i]!(row[i] ?? null, n);
          sink.add(xml + '</row>');
        },
        () => zip.drained(part),
      );
      // Every planned sheet must exist (the workbook already names it), even if empty.
      while (pi < lastPart) {
        endPart();
        startPart();
      }

      if (sheet.totalLabel) {
        const totalRow = n + 1;
        const single = plan[pi - 1]?.sheet !== si;
        const cells = sheet.columns.map((c, i) => {
          const s = styles.total(c);
          const ref = `${letters[i]}${totalRow}`;
          if (i === 0) return `<c r="${ref}" s="${s}" t="inlineStr"><is><t>${xmlText(sheet.totalLabel ?? '')}</t></is></c>`;
          if (!c.total) return `<c r="${ref}" s="${s}"/>`;
          const result = c.type === 'yuan' ? totals[i]! / 100 : totals[i]!;
          // A live formula where it equals the plain sum of the column on this sheet, so
          // Excel re-adds it; the cached result is what a reader without formulas sees.
          const formula = rows === 0 || sheet.countsForTotal || !single ? '' : `<f>SUM(${letters[i]}2:${letters[i]}${n})</f>`;
          return `<c r="${ref}" s="${s}">${formula}<v>${result}</v></c>`;
        });
        sink.add(rowXml(totalRow, cells));
      }
      endPart();
      await zip.drained(part);
    }
    opts.onProgress?.({ ...progress });
    await zip.finish();
    return progress.rows;
  } catch (e) {
    await zip.abandon();
    throw e;
  }
}
