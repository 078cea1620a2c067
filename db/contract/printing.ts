/**
 * Printing shapes the UI sees: the receipt preview (drawn from the same document model as
 * the printed bytes), the printer status shown at the counter, and print jobs. Plain data.
 */

export type PrintJobKind = 'redemption' | 'void' | 'reprint' | 'card' | 'test' | 'slip';
export type PrintJobStatus = 'queued' | 'printing' | 'done' | 'failed';

export interface PreviewTextLine {
  kind: 'text';
  /** Exactly the characters that print; render monospaced, one column per ASCII char, two per Chinese. */
  text: string;
  /** Printed columns including the size (a double-size character of 2 columns takes 4). */
  columns: number;
  align: 'left' | 'center' | 'right';
  bold: boolean;
  /** double = double width and height; tall = double height. */
  size: 'normal' | 'double' | 'tall';
  separator: boolean;
}
export interface PreviewQr {
  kind: 'qr';
  payload: string;
  /** QR modules, one string per row, '1' dark and '0' light; no quiet zone. */
  modules: string[];
  moduleSize: number;
}
export interface PreviewFeed {
  kind: 'feed';
  lines: number;
}
export interface PreviewCut {
  kind: 'cut';
}
export type PreviewLine = PreviewTextLine | PreviewQr | PreviewFeed | PreviewCut;

export interface ReceiptPreview {
  width: 58 | 80;
  /** 32 or 48 columns at normal size. */
  columns: number;
  title: string;
  lines: PreviewLine[];
}

export interface PrinterStatusView {
  configured: boolean;
  /** e.g. "网络打印机 192.168.1.50:9100". */
  target: string | null;
  /** null while unknown (nothing tried yet, or a transport that cannot be probed). */
  reachable: boolean | null;
  autoPrint: boolean;
  width: 58 | 80;
  /** Jobs queued or printing. */
  waiting: number;
  /** Jobs that gave up and need the keeper (retry or reprint). */
  failed: number;
  lastError: string | null;
  lastErrorAt: string | null;
  lastPrintedAt: string | null;
}

export interface PrintJobView {
  id: number;
  kind: PrintJobKind;
  refId: number | null;
  title: string;
  status: PrintJobStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  printedAt: string | null;
  operatorId: number | null;
}
