/**
 * Spreadsheets made to hurt an import, built part by part (fflate's zip writer, the same
 * container Excel files use): the crafted file whose unclosed <rPh> and <row> tags made
 * the old regular-expression reader rescan to the end for every tag, a file just under
 * and just over the unpack cap, and a zip bomb. Shared by tests/trust/import-hostile.test.ts
 * and the measuring script tests/bench/import-hostile.ts.
 */
import { constants } from 'node:zlib';
import { createDeflateRaw } from 'node:zlib';
import { zipSync, type Zippable } from 'fflate';

const NS = 'http://schemas.openxmlformats.org/';

/** The parts every workbook has, around a sheet and optional shared strings. */
function workbookParts(sheet: Uint8Array, shared: Uint8Array | null): Zippable {
  const enc = (s: string) => new TextEncoder().encode(s);
  const parts: Zippable = {
    '[Content_Types].xml': enc(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${NS}package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
    ),
    '_rels/.rels': enc(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS}package/2006/relationships"><Relationship Id="rId1" Type="${NS}officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': enc(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}spreadsheetml/2006/main" xmlns:r="${NS}officeDocument/2006/relationships"><sheets><sheet name="商品" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': enc(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS}package/2006/relationships"><Relationship Id="rId1" Type="${NS}officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': sheet,
  };
  if (shared) parts['xl/sharedStrings.xml'] = shared;
  return parts;
}

const zip = (parts: Zippable) => Buffer.from(zipSync(parts, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }));

/**
 * Unclosed <rPh> in a shared string and unclosed <row> in the sheet, `tags` of each: the
 * old reader's lazy regexes scanned to the end of the part once per tag (quadratic).
 * About 1.3 KB at the default size.
 */
export function unclosedTagsXlsx(tags = 13_000): Buffer {
  const enc = (s: string) => new TextEncoder().encode(s);
  // Only the two parts that matter: a reader falls back to xl/worksheets/sheet1.xml.
  const shared = enc(`<sst><si><t>a</t>${'<rPh>'.repeat(tags)}</si></sst>`);
  const sheet = enc(`<worksheet><sheetData>${'<row><c t="s"><v>0</v></c>'.repeat(tags)}</sheetData></worksheet>`);
  return zip({ 'xl/sharedStrings.xml': shared, 'xl/worksheets/sheet1.xml': sheet });
}

const HEADER = ['商品名称*', '分类*', '单位*', '兑换积分*', '参考价值(元)', '条码', '低库存提醒', '期初库存'];

function inlineRow(r: number, cells: string[]): string {
  const col = (i: number) => String.fromCharCode(65 + i);
  return `<row r="${r}">${cells.map((v, i) => `<c r="${col(i)}${r}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`;
}

/**
 * A real goods sheet (header + one good) padded with whitespace to `sheetBytes` unpacked:
 * just under the per-part cap it must be read, just over it refused.
 */
export function paddedSheetXlsx(sheetBytes: number): Buffer {
  const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}spreadsheetml/2006/main"><sheetData>${inlineRow(1, HEADER)}${inlineRow(2, ['挂面 1kg', '粮油', '袋', '8', '', '', '', '5'])}`;
  const tail = '</sheetData></worksheet>';
  const headBytes = Buffer.byteLength(head) + Buffer.byteLength(tail);
  const sheet = Buffer.alloc(sheetBytes, 0x20);
  sheet.write(head, 0);
  sheet.write(tail, headBytes - Buffer.byteLength(tail) + (sheetBytes - headBytes));
  return zip(workbookParts(sheet, null));
}

/**
 * A zip bomb: a worksheet part of `unpackedMb` MB of spaces (≈1000:1), deflated as a
 * stream so that building it never holds it unpacked. Stored with the real sizes.
 */
export async function zipBombXlsx(unpackedMb = 1024): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9, strategy: constants.Z_DEFAULT_STRATEGY });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((ok) => deflate.on('end', ok));
  const mb = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < unpackedMb; i++) if (!deflate.write(mb)) await new Promise((ok) => deflate.once('drain', ok));
  deflate.end();
  await done;
  const bomb = Buffer.concat(chunks);
  // The other parts through fflate, the bomb spliced in as a raw deflated entry.
  const small = workbookParts(new Uint8Array(0), null);
  delete small['xl/worksheets/sheet1.xml'];
  return withRawEntry(zip(small), 'xl/worksheets/sheet1.xml', bomb, unpackedMb * 1024 * 1024);
}

/** Appends one already-deflated entry to a zip (rewrites the central directory). */
function withRawEntry(zipBuf: Buffer, name: string, deflated: Buffer, unpacked: number): Buffer {
  const eocd = zipBuf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zipBuf.readUInt16LE(eocd + 10);
  const dirSize = zipBuf.readUInt32LE(eocd + 12);
  const dirStart = zipBuf.readUInt32LE(eocd + 16);
  const nameBuf = Buffer.from(name, 'utf8');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(Math.min(unpacked, 0xffffffff), 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(Math.min(unpacked, 0xffffffff), 24);
  central.writeUInt16LE(nameBuf.length, 28);
  central.writeUInt32LE(dirStart, 42);
  const end = Buffer.from(zipBuf.subarray(eocd));
  end.writeUInt16LE(count + 1, 8);
  end.writeUInt16LE(count + 1, 10);
  end.writeUInt32LE(dirSize + central.length + nameBuf.length, 12);
  end.writeUInt32LE(dirStart + local.length + nameBuf.length + deflated.length, 16);
  return Buffer.concat([zipBuf.subarray(0, dirStart), local, nameBuf, deflated, zipBuf.subarray(dirStart, dirStart + dirSize), central, nameBuf, end]);
}

/**
 * One shared string of `chars` characters used by `cells` cells: small on disk, but a
 * reader that hands every cell its own copy (as copying rows between threads does)
 * would hold chars × cells characters.
 */
export function sharedStringFanOutXlsx(chars = 30_000, cells = 5_000): Buffer {
  const enc = (s: string) => new TextEncoder().encode(s);
  const shared = enc(`<sst><si><t>${'积'.repeat(chars)}</t></si></sst>`);
  const rows: string[] = [];
  for (let r = 1; r <= Math.ceil(cells / 10); r++) rows.push(`<row r="${r}">${'<c t="s"><v>0</v></c>'.repeat(10)}</row>`);
  const sheet = enc(`<worksheet><sheetData>${rows.join('')}</sheetData></worksheet>`);
  return zip({ 'xl/sharedStrings.xml': shared, 'xl/worksheets/sheet1.xml': sheet });
}
