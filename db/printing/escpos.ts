/**
 * ESC/POS encoder for Chinese-market receipt printers: the document model to bytes.
 *
 * Every byte we send is listed here; see README.md for why this is our own encoder
 * rather than receiptline or node-thermal-printer.
 */
import iconv from 'iconv-lite';
import type { DocLine, ReceiptDocument, TextSize } from './layout.js';
import { toPrintable } from './text.js';

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;

export const CMD = {
  /** ESC @: initialise (clears styles left by a previous job). */
  init: Buffer.from([ESC, 0x40]),
  /** FS &: Chinese character mode on (double-byte GB18030/GBK text). */
  chineseOn: Buffer.from([FS, 0x26]),
  /** ESC a n: justification (0 left, 1 centre). Text is padded by the layout; only QR is centred. */
  alignLeft: Buffer.from([ESC, 0x61, 0x00]),
  alignCenter: Buffer.from([ESC, 0x61, 0x01]),
  boldOn: Buffer.from([ESC, 0x45, 0x01]),
  boldOff: Buffer.from([ESC, 0x45, 0x00]),
  /** GS V 66 0: feed to the cutter and cut (partial cut where the printer has one). */
  cut: Buffer.from([GS, 0x56, 0x42, 0x00]),
} as const;

/** GS ! n: character size (applies to ASCII and Chinese). */
export function sizeCommand(size: TextSize): Buffer {
  const n = size === 'double' ? 0x11 : size === 'tall' ? 0x01 : 0x00;
  return Buffer.from([GS, 0x21, n]);
}

/** ESC d n: print and feed n lines. */
export function feedCommand(lines: number): Buffer {
  return Buffer.from([ESC, 0x64, Math.min(255, Math.max(0, lines))]);
}

function qrFunction(fn: number, params: readonly number[] | Buffer): Buffer {
  const body = Buffer.concat([Buffer.from([0x31, fn]), Buffer.from(params)]);
  return Buffer.concat([Buffer.from([GS, 0x28, 0x6b, body.length & 0xff, body.length >> 8]), body]);
}

/**
 * QR code by GS ( k: model 2 (fn 65), module size (fn 67), error correction (fn 69),
 * store the data (fn 80), print it (fn 81).
 */
export function qrCommands(payload: string, moduleSize: number, errorLevel: 'L' | 'M' | 'Q' | 'H'): Buffer {
  if (!/^[\x20-\x7e]+$/.test(payload)) throw new RangeError('QR payload must be printable ASCII');
  const data = Buffer.from(payload, 'latin1');
  if (data.length > 2000) throw new RangeError('QR payload too long');
  const level = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 }[errorLevel];
  return Buffer.concat([
    qrFunction(0x41, [0x32, 0x00]),
    qrFunction(0x43, [Math.min(16, Math.max(1, moduleSize))]),
    qrFunction(0x45, [level]),
    qrFunction(0x50, Buffer.concat([Buffer.from([0x30]), data])),
    qrFunction(0x51, [0x30]),
  ]);
}

/** Text to printer bytes: unprintable characters become 〓, then GB18030 (= GBK here). */
export function encodeText(text: string): Buffer {
  return iconv.encode(toPrintable(text), 'gb18030');
}

/** Encodes a document: ESC @, FS &, each line with its style, QR codes, feeds and the cut. */
export function encodeDocument(doc: ReceiptDocument): Buffer {
  const out: Buffer[] = [CMD.init, CMD.chineseOn, CMD.alignLeft];
  let bold = false;
  let size: TextSize = 'normal';
  const setStyle = (b: boolean, s: TextSize) => {
    if (b !== bold) out.push(b ? CMD.boldOn : CMD.boldOff);
    if (s !== size) out.push(sizeCommand(s));
    bold = b;
    size = s;
  };
  for (const line of doc.lines as readonly DocLine[]) {
    switch (line.kind) {
      case 'text':
        setStyle(line.bold, line.size);
        out.push(encodeText(line.text), Buffer.from([LF]));
        break;
      case 'qr':
        setStyle(false, 'normal');
        out.push(CMD.alignCenter, qrCommands(line.payload, line.moduleSize, line.errorLevel), Buffer.from([LF]), CMD.alignLeft);
        break;
      case 'feed':
        if (line.lines > 0) out.push(feedCommand(line.lines));
        break;
      case 'cut':
        setStyle(false, 'normal');
        out.push(CMD.cut);
        break;
    }
  }
  setStyle(false, 'normal');
  return Buffer.concat(out);
}
