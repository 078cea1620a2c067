/**
 * The hand-written streaming XLSX writer on its own: the zip container checked entry by
 * entry (sizes, CRC-32, inflated with Node's zlib), the package parts Excel and WPS need,
 * awkward text (XML metacharacters, control characters, `_xHHHH_` look-alikes, edge
 * spaces, emoji, lone surrogates) read back by SheetJS, long exports continued on a
 * second sheet at Excel's row limit, and sheet names made valid.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Cell, Column, ExportSheet } from '../../db/platform/spreadsheet/sheet.js';
import { writeXlsx } from '../../db/platform/spreadsheet/xlsx-write.js';
import { sheetName, xmlText } from '../../db/platform/spreadsheet/xml.js';
import { tempDir } from '../helpers/core.js';

const tmp = tempDir('vps-xlsx-');
afterAll(() => tmp.cleanup());
let n = 0;
const outFile = () => join(tmp.dir, `t${++n}.xlsx`);

function sheetOf(name: string, columns: Column[], rows: Cell[][], totalLabel?: string): ExportSheet {
  const s: ExportSheet = { name, columns, count: () => rows.length, rows: () => rows[Symbol.iterator]() };
  if (totalLabel) s.totalLabel = totalLabel;
  return s;
}

/** Every entry of a zip file, read through its central directory and checked against its CRC-32. */
function unzipChecked(file: string): Map<string, Buffer> {
  const zip = readFileSync(file);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThan(0);
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < entries; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const packed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataAt, dataAt + packed);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    expect(data.length, name).toBe(size);
    expect(crc32(data) >>> 0, name).toBe(crc);
    files.set(name, data);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

const text: Column = { header: '文本', width: 20, type: 'text' };
const int: Column = { header: '积分', width: 10, type: 'int', total: true };

describe('streaming XLSX writer', () => {
  it('writes a valid package: every part present, declared and well-encoded, CRCs right', async () => {
    const out = outFile();
    const rows: Cell[][] = Array.from({ length: 5000 }, (_, i) => [`第${i}行`, i, i % 7 === 0 ? null : `备注 ${i}`]);
    const rowCount = await writeXlsx([sheetOf('积分台账', [text, int, { ...text, header: '备注' }], rows, '合计')], out, { timeZone: 'Asia/Shanghai' });
    expect(rowCount).toBe(5000);

    const files = unzipChecked(out);
    expect([...files.keys()][0]).toBe('[Content_Types].xml');
    for (const part of [
      '_rels/.rels',
      'docProps/core.xml',
      'docProps/app.xml',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
    ]) {
      expect(files.has(part), part).toBe(true);
    }
    const types = files.get('[Content_Types].xml')!.toString('utf8');
    expect(types).toContain('PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"');
    expect(types).toContain('PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"');
    expect(files.get('xl/_rels/workbook.xml.rels')!.toString('utf8')).toContain('Target="worksheets/sheet1.xml"');
    const workbook = files.get('xl/workbook.xml')!.toString('utf8');
    expect(workbook).toContain('<sheet name="积分台账" sheetId="1" r:id="rId1"/>');
    expect(workbook).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'积分台账'!$A$1:$C$1</definedName>`);
    for (const [name, data] of files) {
      // Strict UTF-8 and no character XML 1.0 forbids.
      const xml = new TextDecoder('utf-8', { fatal: true }).decode(data);
      expect(xml, name).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'), name).toBe(true);
    }

    const book = XLSX.read(readFileSync(out), { type: 'buffer', cellNF: true });
    const rowsBack = XLSX.utils.sheet_to_json<Cell[]>(book.Sheets['积分台账']!, { header: 1, raw: true, defval: null });
    expect(rowsBack[0]).toEqual(['文本', '积分', '备注']);
    expect(rowsBack.slice(1, -1)).toEqual(rows);
    const total = book.Sheets['积分台账']!['B5002'] as XLSX.CellObject;
    expect(total.f).toBe('SUM(B2:B5001)');
    expect(total.v).toBe((4999 * 5000) / 2);
  });

  it('keeps awkward text exactly: markup, control characters, _xHHHH_ look-alikes, edge spaces, emoji', async () => {
    const nasty = [
      'a & b < c > d " e \' f',
      '退货, "包装破损"',
      'line1\nline2\r\nline3\ttab',
      'bell\u0007 and nul\u0000 and esc\u001b',
      '_x0041_ is not A',
      '  leading and trailing  ',
      '村民 😀 表情',
      '=SUM(A1)',
      '\u3000全角空格\u3000',
    ];
    const out = outFile();
    await writeXlsx(
      [
        sheetOf(
          '文本',
          [text],
          nasty.map((s) => [s]),
        ),
      ],
      out,
      { timeZone: 'Asia/Shanghai' },
    );
    const back = XLSX.utils.sheet_to_json<string[]>(XLSX.read(readFileSync(out)).Sheets['文本']!, { header: 1, raw: true });
    expect(back.slice(1).map((r) => r[0])).toEqual(nasty);
  });

  it('round-trips arbitrary text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 40 }), async (strings) => {
        const out = outFile();
        await writeXlsx(
          [
            sheetOf(
              'S',
              [text],
              strings.map((s) => [s]),
            ),
          ],
          out,
          { timeZone: 'UTC' },
        );
        const files = unzipChecked(out);
        new TextDecoder('utf-8', { fatal: true }).decode(files.get('xl/worksheets/sheet1.xml'));
        const back = XLSX.utils.sheet_to_json<string[]>(XLSX.read(readFileSync(out)).Sheets['S']!, { header: 1, raw: true, blankrows: true, defval: '' });
        // Lone surrogates and control characters go out as _xHHHH_ escapes and come back as themselves.
        expect(back.slice(1).map((r) => String(r[0]))).toEqual(strings);
      }),
      { numRuns: 25 },
    );
  });

  it('continues a sheet longer than the row limit on "<name> (2)", each part with its header; totals without a formula', async () => {
    const rows: Cell[][] = Array.from({ length: 12 }, (_, i) => [`r${i}`, i + 1]);
    const out = outFile();
    await writeXlsx([sheetOf('积分台账', [text, int], rows, '合计')], out, { timeZone: 'Asia/Shanghai', maxRowsPerSheet: 5 });
    const book = XLSX.read(readFileSync(out));
    expect(book.SheetNames).toEqual(['积分台账', '积分台账 (2)', '积分台账 (3)']);
    const parts = book.SheetNames.map((s) => XLSX.utils.sheet_to_json<Cell[]>(book.Sheets[s]!, { header: 1, raw: true }));
    for (const p of parts) expect(p[0]).toEqual(['文本', '积分']);
    expect(parts.map((p) => p.length)).toEqual([6, 6, 4]);
    expect(parts.flatMap((p) => p.slice(1)).slice(0, -1)).toEqual(rows);
    const total = book.Sheets['积分台账 (3)']!['B4'] as XLSX.CellObject;
    expect(total.v).toBe(78);
    expect(total.f).toBeUndefined();
  });

  it('writes an empty range as a header and a zero total', async () => {
    const out = outFile();
    await writeXlsx([sheetOf('空', [text, int], [], '合计')], out, { timeZone: 'Asia/Shanghai' });
    const back = XLSX.utils.sheet_to_json<Cell[]>(XLSX.read(readFileSync(out)).Sheets['空']!, { header: 1, raw: true });
    expect(back).toEqual([
      ['文本', '积分'],
      ['合计', 0],
    ]);
  });

  it('makes sheet names Excel accepts', () => {
    const taken = new Set<string>();
    expect(sheetName('2026/11 积分:统计*?', taken)).toBe('2026_11 积分_统计__');
    expect(sheetName('一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三', taken)).toHaveLength(31);
    expect(sheetName("'引号'", taken)).toBe('引号');
    expect(sheetName('History', taken)).toBe('History_');
    expect(sheetName('引号', taken)).toBe('引号 (2)');
    expect(sheetName('', taken)).toBe('Sheet');
  });

  it('escapes only what needs escaping', () => {
    expect(xmlText('普通文字 123')).toBe('普通文字 123');
    expect(xmlText('<&>"')).toBe('&lt;&amp;&gt;&quot;');
    expect(xmlText('a\rb')).toBe('a&#13;b');
    expect(xmlText('\u0001')).toBe('_x0001_');
    expect(xmlText('_x0041_')).toBe('_x005F_x0041_');
    expect(xmlText('😀')).toBe('😀');
    expect(xmlText('\uD800')).toBe('_xD800_');
  });
});
