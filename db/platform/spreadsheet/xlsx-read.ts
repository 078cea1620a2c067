/**
 * A small synchronous XLSX reader and writer, just enough for the imports: the first
 * worksheet's cell texts in, a plain template (bold header, column widths, a notes sheet)
 * out. Synchronous because dispatch() is; the hosts run it on a worker thread
 * (read-off-thread.ts) so that the counter keeps answering while a file is read.
 *
 * Reading is linear in the file: each part is unpacked as a stream (zip-read.ts) into
 * saxes, a streaming XML parser, and only the cells are kept, within SHEET_LIMITS. (The
 * regular expressions this replaced rescanned to the end of the part for every unclosed
 * <rPh> or <row>: a 1.3 KB file froze the counter for seconds; issue 12.) Only the parts
 * and constructs that Excel, WPS and exceljs write for a plain table are read: shared
 * strings, inline strings, numbers, booleans and formula results; no styles.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { SHEET_LIMITS, SheetReadError } from './sheet-limits.js';
import { streamEntry, zipEntries, type ZipEntry } from './zip-read.js';

export interface SheetRow {
  /** 1-based row number as the spreadsheet shows it. */
  rowNo: number;
  cells: string[];
}

type Attrs = Record<string, string>;
interface XmlHandlers {
  open(name: string, attrs: Attrs): void;
  close(name: string): void;
  text(t: string): void;
}

/** The local name: `x:row` and `row` are the same element to us. */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

class Budget {
  used = 0;
}

/** Streams one part through saxes; false when the part is not in the file. */
function parsePart(buf: Buffer, entry: ZipEntry | undefined, cap: number, budget: Budget, h: XmlHandlers): boolean {
  if (!entry) return false;
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (t) => h.open(local(t.name), t.attributes as Attrs));
  parser.on('closetag', (t) => h.close(local(t.name)));
  parser.on('text', (t) => h.text(t));
  parser.on('cdata', (t) => h.text(t));
  const decoder = new TextDecoder('utf-8');
  try {
    budget.used += streamEntry(buf, entry, Math.min(cap, SHEET_LIMITS.totalBytes - budget.used), (chunk) =>
      parser.write(decoder.decode(chunk, { stream: true })),
    );
    parser.write(decoder.decode());
    parser.close();
  } catch (e) {
    if (e instanceof SheetReadError) throw e;
    // saxes' words are English ("unclosed tag: row"): the user gets ours.
    throw new SheetReadError('IMPORT_FILE_DAMAGED', {}, `${entry.name}: ${e instanceof Error ? e.message.slice(0, 120) : 'XML error'}`);
  }
  return true;
}

/**
 * Collects the text of string items (<si> in the shared strings, <is> in a cell): every
 * <t> run, phonetic runs (<rPh>, the furigana Excel keeps for East Asian text) skipped.
 * Text beyond one cell's limit is not kept; the cell that uses it is refused.
 */
class StringItem {
  private parts: string[] = [];
  private length = 0;
  private inT = false;
  private phonetic = 0;
  open(name: string): void {
    if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.phonetic === 0) this.inT = true;
  }
  close(name: string): void {
    if (name === 'rPh') this.phonetic = Math.max(0, this.phonetic - 1);
    else if (name === 't') this.inT = false;
  }
  text(t: string): void {
    if (!this.inT || this.length > SHEET_LIMITS.cellChars) return;
    this.parts.push(t);
    this.length += t.length;
  }
  take(): string {
    const s = this.parts.join('');
    this.parts = [];
    this.length = 0;
    this.inT = false;
    this.phonetic = 0;
    return s;
  }
}

function readSharedStrings(buf: Buffer, entries: Map<string, ZipEntry>, budget: Budget): string[] {
  const shared: string[] = [];
  const item = new StringItem();
  let inSi = false;
  parsePart(buf, entries.get('xl/sharedStrings.xml'), SHEET_LIMITS.partBytes, budget, {
    open(name) {
      if (name === 'si') {
        inSi = true;
        item.take();
      } else if (inSi) item.open(name);
    },
    close(name) {
      if (name === 'si') {
        inSi = false;
        if (shared.length >= SHEET_LIMITS.sharedStrings) throw new SheetReadError('IMPORT_TOO_MANY_STRINGS', { max: SHEET_LIMITS.sharedStrings });
        shared.push(item.take());
      } else if (inSi) item.close(name);
    },
    text(t) {
      if (inSi) item.text(t);
    },
  });
  return shared;
}

function firstSheetPath(buf: Buffer, entries: Map<string, ZipEntry>, budget: Budget): string {
  let rid: string | null = null;
  parsePart(buf, entries.get('xl/workbook.xml'), SHEET_LIMITS.smallPartBytes, budget, {
    open(name, attrs) {
      if (name !== 'sheet' || rid !== null) return;
      // r:id, whatever the prefix of the relationships namespace is called.
      const key = Object.keys(attrs).find((k) => k.includes(':') && local(k) === 'id');
      rid = key ? attrs[key]! : '';
    },
    close() {},
    text() {},
  });
  let target: string | null = null;
  if (rid) {
    parsePart(buf, entries.get('xl/_rels/workbook.xml.rels'), SHEET_LIMITS.smallPartBytes, budget, {
      open(name, attrs) {
        if (name === 'Relationship' && target === null && attrs['Id'] === rid) target = attrs['Target'] ?? '';
      },
      close() {},
      text() {},
    });
  }
  if (target !== null) {
    const t: string = target;
    return t.startsWith('/') ? t.slice(1) : `xl/${t}`.replace(/\/\.\//g, '/');
  }
  if (entries.has('xl/worksheets/sheet1.xml')) return 'xl/worksheets/sheet1.xml';
  throw new SheetReadError('IMPORT_FILE_DAMAGED', {}, 'no worksheet');
}

function columnIndex(ref: string): number {
  const letters = /^[A-Z]{1,3}/.exec(ref)?.[0] ?? '';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function readSheet(buf: Buffer, entry: ZipEntry | undefined, shared: string[], budget: Budget): SheetRow[] {
  const rows: SheetRow[] = [];
  let row: SheetRow | null = null;
  let implicitRow = 0;
  let implicitCol = -1;
  let filled = 0;
  let textChars = 0;
  // The cell being read.
  let col = -1;
  let type = 'n';
  let inCell = false;
  let inV = false;
  let inIs = false;
  let v: string[] = [];
  let vLength = 0;
  const inline = new StringItem();
  const tooLong = () => new SheetReadError('IMPORT_CELL_TOO_LONG', { row: row?.rowNo ?? 0, max: SHEET_LIMITS.cellChars });

  const found = parsePart(buf, entry, SHEET_LIMITS.partBytes, budget, {
    open(name, attrs) {
      if (name === 'row') {
        if (row !== null) throw new SheetReadError('IMPORT_FILE_DAMAGED', {}, 'row inside row');
        if (rows.length >= SHEET_LIMITS.rows) throw new SheetReadError('IMPORT_TOO_MANY_ROWS', { max: SHEET_LIMITS.rows });
        const r = Number(attrs['r']);
        const rowNo = Number.isInteger(r) && r > 0 && r <= 1_048_576 ? r : implicitRow + 1;
        implicitRow = rowNo;
        implicitCol = -1;
        row = { rowNo, cells: [] };
      } else if (name === 'c' && row !== null) {
        const ref = attrs['r'];
        col = ref ? columnIndex(ref) : implicitCol + 1;
        implicitCol = col;
        type = attrs['t'] ?? 'n';
        inCell = true;
        v = [];
        vLength = 0;
        inline.take();
      } else if (inCell) {
        if (name === 'v') inV = true;
        else if (name === 'is') inIs = true;
        else if (inIs) inline.open(name);
      }
    },
    close(name) {
      if (name === 'row' && row !== null) {
        rows.push(row);
        row = null;
      } else if (name === 'c' && inCell) {
        inCell = false;
        const raw = v.join('');
        let value: string;
        if (type === 's') value = shared[Number(raw)] ?? '';
        else if (type === 'inlineStr') value = inline.take();
        else if (type === 'b') value = raw === '1' ? 'TRUE' : 'FALSE';
        else value = raw;
        if (value.length > SHEET_LIMITS.cellChars) throw tooLong();
        if (value === '' || row === null || col < 0) return;
        if (col >= SHEET_LIMITS.columns) throw new SheetReadError('IMPORT_TOO_MANY_COLUMNS', { row: row.rowNo, max: SHEET_LIMITS.columns });
        if (++filled > SHEET_LIMITS.cells) throw new SheetReadError('IMPORT_TOO_MANY_CELLS', { max: SHEET_LIMITS.cells });
        textChars += value.length;
        if (textChars > SHEET_LIMITS.textChars) throw new SheetReadError('IMPORT_TOO_MUCH_TEXT', { max: SHEET_LIMITS.textChars });
        while (row.cells.length < col) row.cells.push('');
        row.cells[col] = value;
      } else if (inCell) {
        if (name === 'v') inV = false;
        else if (name === 'is') inIs = false;
        else if (inIs) inline.close(name);
      }
    },
    text(t) {
      if (!inCell) return;
      if (inV) {
        vLength += t.length;
        if (vLength > SHEET_LIMITS.cellChars) throw tooLong();
        v.push(t);
      } else if (inIs) inline.text(t);
    },
  });
  if (!found) throw new SheetReadError('IMPORT_FILE_DAMAGED', {}, 'worksheet missing');
  return rows;
}

/**
 * The first worksheet's rows as text, exactly as the cells hold them (numbers as written).
 * Throws SheetReadError (a code with a Chinese and English message) for anything it
 * cannot or will not read.
 */
export function readXlsxRows(buf: Buffer): SheetRow[] {
  const entries = zipEntries(buf);
  const budget = new Budget();
  const shared = readSharedStrings(buf, entries, budget);
  const path = firstSheetPath(buf, entries, budget);
  return readSheet(buf, entries.get(path), shared, budget);
}

// ---------- writing ----------

function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export interface SheetSpec {
  name: string;
  rows: string[][];
  /** Column widths in characters. */
  widths?: number[];
  /** Make the first row bold and freeze it. */
  header?: boolean;
}

function sheetXml(s: SheetSpec): string {
  const cols = s.widths?.length ? `<cols>${s.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` : '';
  const pane = s.header
    ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    : '';
  const rows = s.rows
    .map((cells, r) => {
      const style = s.header && r === 0 ? ' s="1"' : '';
      const cs = cells.map((v, c) => `<c r="${colName(c)}${r + 1}" t="inlineStr"${style}><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`).join('');
      return `<row r="${r + 1}">${cs}</row>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${pane}${cols}<sheetData>${rows}</sheetData></worksheet>`;
}

function zip(entries: [string, string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const raw = Buffer.from(text, 'utf8');
    const data = deflateRawSync(raw);
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00, a fixed stamp: same template, same bytes
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** A plain workbook of text cells, one sheet per spec. */
export function writeXlsx(sheets: SheetSpec[]): Buffer {
  const ns = 'http://schemas.openxmlformats.org/';
  const entries: [string, string][] = [
    [
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="${ns}package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets
        .map(
          (_s, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('')}</Types>`,
    ],
    [
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${ns}package/2006/relationships"><Relationship Id="rId1" Type="${ns}officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${ns}spreadsheetml/2006/main" xmlns:r="${ns}officeDocument/2006/relationships"><sheets>${sheets
        .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${ns}package/2006/relationships">${sheets
        .map((_s, i) => `<Relationship Id="rId${i + 1}" Type="${ns}officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('')}<Relationship Id="rId${sheets.length + 1}" Type="${ns}officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      'xl/styles.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${ns}spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ],
    ...sheets.map((s, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s)]),
  ];
  return zip(entries);
}
