/**
 * CSV in and out for the goods import. Chinese Excel and WPS save "CSV" as GB18030/GBK
 * unless the user picks "CSV UTF-8", which adds a BOM; hand-made files are often UTF-8
 * without one. So: a BOM decides; otherwise valid UTF-8 is UTF-8, and anything else is
 * read as GB18030 (a superset of GBK and GB2312).
 */
import iconv from 'iconv-lite';
import type { SheetRow } from './xlsx-read.js';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export function decodeText(buf: Buffer): { text: string; encoding: TextEncodingName } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' };
  }
}

/** Comma unless the header line has more tabs or semicolons (Excel's "Unicode text" uses tabs). */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const counts = [',', '\t', ';'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

/**
 * RFC 4180 parsing: quoted fields may hold the delimiter, doubled quotes and line breaks.
 * Row numbers count records as a spreadsheet would show them (a quoted line break does
 * not start a new row).
 */
export function parseCsv(text: string): SheetRow[] {
  const d = delimiterOf(text);
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    cells.push(field);
    rows.push({ rowNo: rows.length + 1, cells });
    cells = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.length === 0) quoted = true;
    else if (ch === d) {
      cells.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field.length > 0 || cells.length > 0) endRow();
  return rows;
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** UTF-8 with a BOM: what Excel and WPS open correctly by double-click. */
export function writeCsv(rows: string[][]): Buffer {
  const body = rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}
