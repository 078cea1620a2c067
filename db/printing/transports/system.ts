/**
 * `system:` — printing through the OS driver, done by the Electron host (see SystemPrintFn).
 * The core only prepares the page (HTML from the same document model) and waits.
 */
import { AppError } from '../../contract/errors.js';
import { documentToHtml } from '../preview.js';
import type { PrinterTransport, PrintPayload, ProbeResult, SystemPrintFn } from './types.js';
import { describeTarget, type SystemTarget } from './uri.js';

export class SystemTransport implements PrinterTransport {
  readonly description: string;

  constructor(
    private readonly target: SystemTarget,
    private readonly print: SystemPrintFn | null,
  ) {
    this.description = describeTarget(target);
  }

  async send(payload: PrintPayload): Promise<void> {
    if (!this.print) throw new AppError('PRINTER_SYSTEM_UNAVAILABLE');
    try {
      await this.print({
        deviceName: this.target.deviceName,
        widthMm: payload.document.width,
        html: documentToHtml(payload.document),
        document: payload.document,
      });
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('PRINTER_FAILED', { target: this.description, detail: err instanceof Error ? err.message : String(err) });
    }
  }

  probe(): Promise<ProbeResult> {
    return Promise.resolve(this.print ? { reachable: null, error: null } : { reachable: false, error: new AppError('PRINTER_SYSTEM_UNAVAILABLE').message });
  }
}
