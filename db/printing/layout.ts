/**
 * The receipt document model: a list of physical lines, already wrapped, padded and
 * measured in printer columns, built once from the data and then either encoded to
 * ESC/POS bytes (escpos.ts) or shown on screen (preview.ts). Both read the same lines,
 * so what the keeper sees is what prints.
 *
 * Widths: 58 mm paper has 32 columns, 80 mm has 48. An ASCII character is one column, a
 * Chinese (GBK double-byte) character two. A double-size line has half as many columns.
 */
import { localDateTimeFormat } from '../domain/clock.js';
import type { ReceiptView, Settings } from '../contract/views.js';
import { formatPoints } from '../contract/points-format.js';
import { columns, padCenter, padLeft, padRight, toPrintable, truncate, wrap } from './text.js';

export type PaperWidth = 58 | 80;
export const PAPER_COLUMNS: Readonly<Record<PaperWidth, number>> = { 58: 32, 80: 48 };

export type Align = 'left' | 'center' | 'right';
/** normal; double = double width and height; tall = double height only (same columns). */
export type TextSize = 'normal' | 'double' | 'tall';

export interface TextLine {
  kind: 'text';
  /** Exactly what prints: printable characters only, left padding applied, no trailing spaces. */
  text: string;
  align: Align;
  bold: boolean;
  size: TextSize;
  separator?: true;
}
export interface QrBlock {
  kind: 'qr';
  /** ASCII only. */
  payload: string;
  /** Module size in dots (GS ( k function 167), 1-16. */
  moduleSize: number;
  errorLevel: 'L' | 'M' | 'Q' | 'H';
}
export interface FeedBlock {
  kind: 'feed';
  lines: number;
}
export interface CutBlock {
  kind: 'cut';
}
export type DocLine = TextLine | QrBlock | FeedBlock | CutBlock;

export type DocumentKind = 'redemption' | 'void' | 'reprint' | 'card' | 'test' | 'slip';

export interface ReceiptDocument {
  kind: DocumentKind;
  width: PaperWidth;
  /** Printer columns at normal size: 32 or 48. */
  columns: number;
  /** A short description for job lists, e.g. "兑换单 R20250101-0001". */
  title: string;
  lines: DocLine[];
}

/** Scale factor of a size on the horizontal axis. */
export function sizeScale(size: TextSize): number {
  return size === 'double' ? 2 : 1;
}

/** Printed columns of a text line, counting the size. */
export function lineColumns(line: TextLine): number {
  return columns(line.text) * sizeScale(line.size);
}

export interface TextOptions {
  align?: Align;
  bold?: boolean;
  size?: TextSize;
}

/** Appends lines that always fit the paper. All text passes through toPrintable. */
export class DocBuilder {
  readonly columns: number;
  readonly lines: DocLine[] = [];

  constructor(readonly width: PaperWidth) {
    this.columns = PAPER_COLUMNS[width];
  }

  private push(text: string, align: Align, bold: boolean, size: TextSize, separator = false): void {
    const line: TextLine = { kind: 'text', text: text.replace(/ +$/, ''), align, bold, size };
    if (separator) line.separator = true;
    this.lines.push(line);
  }

  /** Wrapped, aligned text. Empty text gives one blank line. */
  text(value: string, opts: TextOptions = {}): this {
    const align = opts.align ?? 'left';
    const size = opts.size ?? 'normal';
    const bold = opts.bold ?? false;
    const avail = Math.floor(this.columns / sizeScale(size));
    for (const part of toPrintable(value.replace(/\r\n?/g, '\n')).split('\n')) {
      for (const l of wrap(part, avail)) {
        const t = align === 'center' ? padCenter(l, avail) : align === 'right' ? padLeft(l, avail) : l;
        this.push(t, align, bold, size);
      }
    }
    return this;
  }

  /** A heading: double size when it fits on one line, otherwise bold normal size. */
  heading(value: string, opts: { align?: Align } = {}): this {
    const printable = toPrintable(value);
    const fitsDouble = columns(printable) <= Math.floor(this.columns / 2);
    return this.text(printable, { align: opts.align ?? 'center', bold: true, size: fitsDouble ? 'double' : 'normal' });
  }

  blank(): this {
    this.push('', 'left', false, 'normal');
    return this;
  }

  separator(ch: '-' | '=' | '*' = '-'): this {
    this.push(ch.repeat(this.columns), 'left', false, 'normal', true);
    return this;
  }

  /**
   * A label and a value: "单号：R2025…". A long value wraps under itself, indented by the
   * label, so the label column stays clean.
   */
  field(label: string, value: string, opts: { bold?: boolean } = {}): this {
    const l = toPrintable(label) + '：';
    const lw = columns(l);
    const avail = this.columns - lw;
    const v = toPrintable(value);
    if (avail < 8) {
      this.text(l, opts);
      return this.text(v, opts);
    }
    wrap(v, avail).forEach((part, i) => this.push((i === 0 ? l : ' '.repeat(lw)) + part, 'left', opts.bold ?? false, 'normal'));
    return this;
  }

  /** Left text and right text on one row; the left side wraps if both do not fit. */
  row(left: string, right: string, opts: { bold?: boolean; size?: TextSize } = {}): this {
    const size = opts.size ?? 'normal';
    const avail = Math.floor(this.columns / sizeScale(size));
    const r = truncate(toPrintable(right), avail);
    const rw = columns(r);
    const leftAvail = avail - rw - 1;
    const bold = opts.bold ?? false;
    if (leftAvail < 4) {
      this.text(left, { bold, size });
      this.push(padLeft(r, avail), 'right', bold, size);
      return this;
    }
    const parts = wrap(toPrintable(left), leftAvail);
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      this.push(last ? padRight(part, avail - rw) + r : part, 'left', bold, size);
    });
    return this;
  }

  /**
   * A table row with a wrapping first column and right-aligned numeric columns. Widths
   * must add up to at most the paper's columns; the first column keeps one space of gap.
   */
  tableRow(cells: readonly string[], widths: readonly number[], opts: { bold?: boolean } = {}): this {
    const [first = '', ...rest] = cells.map((c) => toPrintable(c));
    const firstWidth = widths[0] ?? this.columns;
    const nameLines = wrap(first, Math.max(2, firstWidth - 1));
    let tail = '';
    rest.forEach((c, i) => {
      const w = widths[i + 1] ?? 0;
      tail += padLeft(truncate(c, w), w);
    });
    nameLines.forEach((part, i) => {
      this.push(i === 0 ? padRight(part, firstWidth) + tail : part, 'left', opts.bold ?? false, 'normal');
    });
    return this;
  }

  qr(payload: string, moduleSize: number, errorLevel: QrBlock['errorLevel'] = 'M'): this {
    if (!/^[\x20-\x7e]+$/.test(payload)) throw new RangeError('QR payload must be printable ASCII');
    this.lines.push({ kind: 'qr', payload, moduleSize: Math.min(16, Math.max(1, Math.round(moduleSize))), errorLevel });
    return this;
  }

  feed(lines: number): this {
    this.lines.push({ kind: 'feed', lines: Math.min(255, Math.max(0, Math.round(lines))) });
    return this;
  }

  cut(): this {
    this.lines.push({ kind: 'cut' });
    return this;
  }

  build(kind: DocumentKind, title: string): ReceiptDocument {
    return { kind, width: this.width, columns: this.columns, title, lines: [...this.lines] };
  }
}

// ---------------------------------------------------------------------------------------
// Shared pieces

/** Asia/Shanghai unless the village set another zone; an invalid zone falls back. */
export function formatLocalTime(instant: string | Date, timeZone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return typeof instant === 'string' ? instant : '';
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = localDateTimeFormat(timeZone || 'Asia/Shanghai');
  } catch {
    return formatLocalTime(date, 'Asia/Shanghai');
  }
  const p: Record<string, string> = {};
  for (const part of fmt.formatToParts(date)) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The QR payload that identifies a receipt: ASCII, versioned, e.g. `VPSR1:R20250101-0001`. */
export function receiptQrPayload(receiptNo: string): string {
  return `VPSR1:${receiptNo.replace(/[^\x21-\x7e]/g, '')}`;
}

/** Store settings the layouts read. */
export type StoreInfo = Pick<Settings, 'storeName' | 'villageName' | 'receiptFooter' | 'timeZone'>;

function storeHeader(b: DocBuilder, store: StoreInfo): void {
  b.heading(store.storeName || '积分超市');
  if (store.villageName && !store.storeName.includes(store.villageName)) b.text(store.villageName, { align: 'center' });
}

/**
 * Points with thousands separators (1,280), the same as on the screen (db/contract/points-format.ts):
 * the comma is one column in GBK, so the table widths below still hold five-digit figures.
 */
const pts = formatPoints;

function goodsTable(b: DocBuilder, view: ReceiptView): void {
  const widths = b.width === 58 ? [18, 6, 8] : [30, 8, 10];
  b.separator();
  b.tableRow(['商品', '数量', '积分'], widths, { bold: true });
  b.separator();
  const qtyWidth = widths[1]!;
  for (const line of view.lines) {
    const unit = toPrintable(line.unit);
    const withUnit = `${line.quantity}${unit}`;
    const qty = columns(withUnit) <= qtyWidth - 1 ? withUnit : String(line.quantity);
    b.tableRow([line.name, qty, pts(line.linePoints)], widths);
    if (line.quantity > 1) b.text(`  单价 ${pts(line.unitPoints)} 分/${unit || '件'}`);
  }
  b.separator();
}

function householdFields(b: DocBuilder, view: ReceiptView): void {
  b.field('户号', view.household.number);
  b.field('户主', view.household.headName);
  if (view.memberName) b.field('领取人', view.memberName);
}

function footer(b: DocBuilder, store: StoreInfo): void {
  const text = store.receiptFooter.trim();
  if (text) b.text(text, { align: 'center' });
}

function qrAndCut(b: DocBuilder, payload: string, caption: string): void {
  b.feed(1);
  b.qr(payload, b.width === 58 ? 5 : 6);
  b.text(caption, { align: 'center' });
  b.feed(2);
  b.cut();
}

export interface ReprintMark {
  /** When the reprint was asked for; printed on the slip. */
  at: string | Date;
}

function reprintBanner(b: DocBuilder, reprint: ReprintMark, store: StoreInfo): void {
  b.heading('*** 重印 ***');
  b.text('REPRINT 重印件，非原始小票', { align: 'center', bold: true });
  b.field('重印时间', formatLocalTime(reprint.at, store.timeZone));
}

// ---------------------------------------------------------------------------------------
// Documents

/** Appends the body of a redemption receipt (shared by the receipt and the test page). */
function receiptBody(b: DocBuilder, view: ReceiptView, store: StoreInfo, reprint: ReprintMark | null): void {
  storeHeader(b, store);
  b.heading('兑换单');
  if (reprint) reprintBanner(b, reprint, store);
  if (view.void) {
    b.heading('*** 已作废 ***');
    b.text('VOID', { align: 'center', bold: true });
  }
  b.separator();
  b.field('单号', view.receiptNo);
  b.field('时间', formatLocalTime(view.createdAt, store.timeZone));
  // 店员: the same word as the counter screen and the operator roles.
  b.field('店员', view.keeper.name);
  householdFields(b, view);
  b.field('存折', view.passbook.name);
  goodsTable(b, view);
  b.row('合计', `${pts(view.total)} 分`, { bold: true });
  b.row('兑换前余额', `${pts(view.balanceBefore)} 分`);
  b.row('兑换后余额', `${pts(view.balanceAfter)} 分`);
  if (view.void) {
    b.separator();
    b.field('作废时间', formatLocalTime(view.void.createdAt, store.timeZone));
    b.field('作废原因', view.void.reason);
  }
  b.separator();
  // The books fingerprint at this sale: the paper witnesses the books (docs/trust.md).
  if (view.witness) b.field('见证码', view.witness);
  footer(b, store);
  if (reprint) b.text('重印 REPRINT', { align: 'center', bold: true });
}

/** The redemption receipt (兑换单); with `reprint`, marked 重印 top and bottom. */
export function receiptDocument(view: ReceiptView, store: StoreInfo, width: PaperWidth, opts: { reprint?: ReprintMark | null } = {}): ReceiptDocument {
  const b = new DocBuilder(width);
  const reprint = opts.reprint ?? null;
  receiptBody(b, view, store, reprint);
  qrAndCut(b, receiptQrPayload(view.receiptNo), view.receiptNo);
  return b.build(reprint ? 'reprint' : 'redemption', `${reprint ? '重印' : '兑换单'} ${view.receiptNo}`);
}

/** The void slip (作废单) printed when a redemption is reversed. */
export function voidSlipDocument(view: ReceiptView, store: StoreInfo, width: PaperWidth, opts: { reprint?: ReprintMark | null } = {}): ReceiptDocument {
  const v = view.void;
  if (!v) throw new RangeError(`receipt ${view.receiptNo} is not void`);
  const b = new DocBuilder(width);
  storeHeader(b, store);
  b.heading('作废单');
  b.text('VOID', { align: 'center', bold: true });
  if (opts.reprint) reprintBanner(b, opts.reprint, store);
  b.separator();
  b.field('原单号', view.receiptNo);
  b.field('兑换时间', formatLocalTime(view.createdAt, store.timeZone));
  b.field('作废时间', formatLocalTime(v.createdAt, store.timeZone));
  householdFields(b, view);
  b.field('存折', view.passbook.name);
  b.field('经办人', v.operatorName);
  b.field('审批人', v.approvedByName);
  b.field('作废原因', v.reason);
  goodsTable(b, view);
  b.row('退回积分', `${pts(view.total)} 分`, { bold: true });
  b.text('积分已退回，商品已退回库存。');
  b.separator();
  footer(b, store);
  qrAndCut(b, receiptQrPayload(view.receiptNo), `${view.receiptNo} 作废`);
  return b.build('void', `作废单 ${view.receiptNo}`);
}

export interface HouseholdCardInput {
  number: string;
  headName: string;
  groupName: string;
  cardVersion?: number;
}

/** A household card (户卡) on the thermal printer; the QR payload is made and signed by the core. */
export function householdCardDocument(card: HouseholdCardInput, qrPayload: string, store: StoreInfo, width: PaperWidth): ReceiptDocument {
  const b = new DocBuilder(width);
  storeHeader(b, store);
  b.heading('户卡');
  b.separator();
  b.field('户号', card.number);
  b.field('户主', card.headName);
  b.field('村民小组', card.groupName);
  if (card.cardVersion !== undefined) b.field('卡版本', `第 ${card.cardVersion} 版`);
  b.feed(1);
  b.qr(qrPayload, width === 58 ? 6 : 8);
  b.feed(1);
  b.text('凭此卡到积分超市兑换。遗失请到村委会补办，补办后旧卡作废。', { align: 'center' });
  b.feed(2);
  b.cut();
  return b.build('card', `户卡 ${toPrintable(card.number)} ${toPrintable(card.headName)}`);
}

export type SlipRow = { label: string; value: string; bold?: boolean } | { text: string; align?: Align; bold?: boolean } | { separator: true };

export interface SlipInput {
  title: string;
  subtitle?: string;
  rows: SlipRow[];
  footer?: string;
  qrPayload?: string;
  /** Printed as "打印时间". */
  printedAt?: string | Date;
}

/** A generic slip (title and rows), e.g. the day-close summary. */
export function slipDocument(slip: SlipInput, store: StoreInfo, width: PaperWidth): ReceiptDocument {
  const b = new DocBuilder(width);
  storeHeader(b, store);
  b.heading(slip.title);
  if (slip.subtitle) b.text(slip.subtitle, { align: 'center' });
  b.separator();
  for (const row of slip.rows) {
    if ('separator' in row) b.separator();
    else if ('label' in row) b.row(row.label, row.value, { bold: row.bold ?? false });
    else b.text(row.text, { align: row.align ?? 'left', bold: row.bold ?? false });
  }
  b.separator();
  if (slip.printedAt) b.field('打印时间', formatLocalTime(slip.printedAt, store.timeZone));
  if (slip.footer) b.text(slip.footer, { align: 'center' });
  if (slip.qrPayload) {
    b.feed(1);
    b.qr(slip.qrPayload, width === 58 ? 5 : 6);
  }
  b.feed(2);
  b.cut();
  return b.build('slip', toPrintable(slip.title));
}

/** A fixed sample redemption used by the test page: Chinese, a long name, ASCII and digits. */
export function sampleReceiptView(now: Date = new Date()): ReceiptView {
  return {
    id: 1,
    receiptNo: 'T' + now.toISOString().slice(0, 10).replace(/-/g, '') + '-0001',
    createdAt: now.toISOString(),
    businessDate: now.toISOString().slice(0, 10),
    keeper: { id: 1, name: '王秀英', role: 'keeper' },
    household: { id: 1, number: '03-017', headName: '张建国', groupName: '第三村民小组' },
    memberName: '李桂兰',
    passbook: { id: 1, name: '文明积分' },
    lines: [
      { goodsId: 1, name: '金龙鱼大豆油5L', unit: '桶', unitPoints: 60, quantity: 1, linePoints: 60 },
      {
        goodsId: 2,
        name: '五得利特精高筋小麦粉（家庭装）Premium Flour 10kg 加长名称换行测试',
        unit: '袋',
        unitPoints: 45,
        quantity: 2,
        linePoints: 90,
      },
      { goodsId: 3, name: '洗衣粉 500g', unit: '包', unitPoints: 8, quantity: 3, linePoints: 24 },
      { goodsId: 4, name: 'A4 notebook 笔记本', unit: '本', unitPoints: 3, quantity: 10, linePoints: 30 },
    ],
    total: 204,
    balanceBefore: 1280,
    balanceAfter: 1076,
    void: null,
  };
}

/** The printer test page: width ruler, alignment check and a full sample receipt with QR and cut. */
export function testPageDocument(width: PaperWidth, store: Partial<StoreInfo> = {}, now: Date = new Date()): ReceiptDocument {
  const info: StoreInfo = {
    storeName: store.storeName || '积分超市',
    villageName: store.villageName ?? '',
    receiptFooter: store.receiptFooter || '积分兑换 · 文明新风 Test OK',
    timeZone: store.timeZone || 'Asia/Shanghai',
  };
  const b = new DocBuilder(width);
  const cols = b.columns;
  b.heading('打印测试');
  b.text('PRINTER TEST PAGE', { align: 'center', bold: true });
  b.field('纸宽', `${width} mm / ${cols} 列`);
  b.field('时间', formatLocalTime(now, info.timeZone));
  b.separator('=');
  let ruler = '';
  for (let i = 1; i <= cols; i++) ruler += String(i % 10);
  b.text(ruler);
  b.text('中'.repeat(cols / 2));
  b.row('左对齐 left', '右对齐 right');
  b.text('居中 center', { align: 'center' });
  b.text('如果上面两行数字和汉字正好占满一行，宽度设置正确。');
  b.separator('=');
  b.feed(1);
  receiptBody(b, sampleReceiptView(now), info, null);
  qrAndCut(b, receiptQrPayload('TEST-' + String(width)), 'TEST-' + String(width));
  return b.build('test', `打印测试 ${width}mm`);
}
