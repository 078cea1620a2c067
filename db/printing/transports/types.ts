import type { ReceiptDocument } from '../layout.js';

/** What a transport is asked to print: the ESC/POS bytes and the document they came from. */
export interface PrintPayload {
  bytes: Buffer;
  /** Used by the system-driver transport, which prints a page rather than bytes. */
  document: ReceiptDocument;
}

export interface ProbeResult {
  /** null when the transport cannot tell without printing. */
  reachable: boolean | null;
  error: string | null;
}

export interface PrinterTransport {
  readonly description: string;
  /**
   * Resolves only once the printer (or the OS spooler) has confirmed taking every byte;
   * rejects with an AppError (PRINTER_*) whose message is shown to the keeper.
   */
  send(payload: PrintPayload): Promise<void>;
  probe(): Promise<ProbeResult>;
}

/**
 * Printing through the OS driver, implemented by the Electron host (the core never
 * imports electron): load `html` in a hidden window and `webContents.print({ silent: true,
 * deviceName, pageSize: { width: widthMm * 1000, height: … } })`, resolving when the
 * print callback reports success.
 */
export type SystemPrintFn = (job: { deviceName: string | null; widthMm: 58 | 80; html: string; document: ReceiptDocument }) => Promise<void>;
