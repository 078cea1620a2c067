/**
 * Reading the parts of an .xlsx (a zip) for the import, one part at a time and as a
 * stream: each part is inflated in small steps (fflate's streaming Inflate) and handed on
 * in chunks, counting what comes out, so that a part that unpacks beyond its cap (a zip
 * bomb) is stopped after at most the cap plus one step, never unpacked whole first.
 * Only the central directory is trusted for where a part starts; sizes it declares are
 * not trusted at all.
 */
import { Inflate } from 'fflate';
import { SheetReadError } from './sheet-limits.js';

export interface ZipEntry {
  name: string;
  method: number;
  /** Where the compressed bytes start and how many the directory says there are. */
  dataStart: number;
  compressedSize: number;
}

/** More entries than this is not a spreadsheet the import writes or Excel saves for one table. */
const MAX_ENTRIES = 2000;
/** Compressed bytes handed to the inflater per step: deflate expands at most ~1032×, so one step yields ≤ ~4 MB. */
const STEP = 4096;

// The detail is for the worker's log and tests, not shown: the message says what to do.
const damaged = (detail: string) => new SheetReadError('IMPORT_FILE_DAMAGED', {}, detail);

export function zipEntries(buf: Buffer): Map<string, ZipEntry> {
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw damaged('不是 .xlsx 文件');
  // End of central directory: the last 22+ bytes (a comment may follow), signature 0x06054b50.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('找不到压缩目录');
  const count = buf.readUInt16LE(eocd + 10);
  if (count > MAX_ENTRIES) throw new SheetReadError('IMPORT_TOO_MANY_PARTS', { max: MAX_ENTRIES });
  let p = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw damaged('压缩目录损坏');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, Math.min(buf.length, p + 46 + nameLen)).replace(/^\//, '');
    p += 46 + nameLen + extraLen + commentLen;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw damaged('压缩条目损坏');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataStart > buf.length) throw damaged('压缩条目损坏');
    entries.set(name, { name, method, dataStart, compressedSize });
  }
  return entries;
}

/**
 * Streams one entry's unpacked bytes to `onChunk`, refusing (IMPORT_ZIP_BOMB) as soon as
 * more than `maxBytes` came out. Returns the number of bytes unpacked.
 */
export function streamEntry(buf: Buffer, entry: ZipEntry, maxBytes: number, onChunk: (chunk: Uint8Array) => void): number {
  const data = buf.subarray(entry.dataStart, Math.min(buf.length, entry.dataStart + entry.compressedSize));
  let total = 0;
  // An error from the reader downstream (the XML parser) passes through the inflater
  // untouched; only the inflater's own errors mean the compressed data is bad.
  let downstream: { error: unknown } | null = null;
  const take = (chunk: Uint8Array) => {
    total += chunk.length;
    if (total > maxBytes) throw new SheetReadError('IMPORT_ZIP_BOMB', { part: entry.name.slice(0, 60), max: Math.round(maxBytes / 1024 / 1024) });
    try {
      onChunk(chunk);
    } catch (error) {
      downstream = { error };
      throw error;
    }
  };
  if (entry.method === 0) {
    for (let off = 0; off < data.length; off += STEP * 16) take(data.subarray(off, off + STEP * 16));
    return total;
  }
  if (entry.method !== 8) throw damaged(`不支持的压缩方式 ${entry.method}`);
  const inflater = new Inflate((chunk) => take(chunk));
  try {
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
    for (let off = 0; off < data.length; off += STEP) inflater.push(data.subarray(off, off + STEP), off + STEP >= data.length);
  } catch (e) {
    if (downstream !== null) throw (downstream as { error: unknown }).error;
    if (e instanceof SheetReadError) throw e;
    // fflate's own words are English ("invalid block type"): the user gets ours.
    throw damaged('压缩数据错误');
  }
  return total;
}
