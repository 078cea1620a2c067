/**
 * The printer test: a sample receipt (Chinese goods names, a long name that wraps, mixed
 * ASCII and digits, a QR code and a cut) sent straight to a printer address. Needs no data
 * folder and no database.
 */
import { encodeDocument } from './escpos.js';
import { testPageDocument, type PaperWidth, type ReceiptDocument, type StoreInfo } from './layout.js';
import { createTransport, describeTarget, parsePrinterUri, type SystemPrintFn } from './transports/index.js';

export interface PrintTestOptions {
  uri: string;
  width: PaperWidth;
  store?: Partial<StoreInfo>;
  systemPrint?: SystemPrintFn | null;
  now?: Date;
}

export interface PrintTestResult {
  target: string;
  bytes: number;
  document: ReceiptDocument;
}

/** Sends the test page; rejects with an AppError (PRINTER_*) carrying a Chinese message. */
export async function printTest(opts: PrintTestOptions): Promise<PrintTestResult> {
  const target = parsePrinterUri(opts.uri);
  const doc = testPageDocument(opts.width, opts.store ?? {}, opts.now ?? new Date());
  const bytes = encodeDocument(doc);
  await createTransport(target, { systemPrint: opts.systemPrint ?? null }).send({ bytes, document: doc });
  return { target: describeTarget(target), bytes: bytes.length, document: doc };
}
