/**
 * Reads an import file on a worker thread, so that the thread that answers the counter
 * (lookups, redemptions) never waits for a spreadsheet: a hostile file costs the worker
 * its time and at most its memory limit, and is stopped after READ_TIMEOUT_MS. The
 * result is handed to the import's handler as `preRead` (see dispatchAsync).
 */
import { AppError, isErrorCode, type ErrorParams } from '../../contract/errors.js';
import { startModuleWorker } from '../threads/module-worker.js';
import type { SheetRow } from './xlsx-read.js';

export type PreRead = { ok: true; rows: SheetRow[] } | { ok: false; error: AppError };

export const READ_TIMEOUT_MS = 60_000;
/**
 * The worker's heap. The streaming reader needs a few MB beyond the rows it keeps
 * (SHEET_LIMITS); this bounds what any file can cost the process, whatever it holds.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };

type Reply = { kind: 'rows'; rows: SheetRow[] } | { kind: 'refused'; code: string; params: ErrorParams } | { kind: 'failed'; error: string };

export function readSheetOffThread(fileName: string, bytes: Buffer): Promise<PreRead> {
  return new Promise((resolve) => {
    const worker = startModuleWorker(import.meta.url, './sheet-file-worker', { fileName, bytes: new Uint8Array(bytes) }, WORKER_LIMITS);
    let settled = false;
    const finish = (r: PreRead) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(r);
    };
    const refuse = (error: AppError) => finish({ ok: false, error });
    const timer = setTimeout(() => refuse(new AppError('IMPORT_READ_TIMEOUT', { seconds: READ_TIMEOUT_MS / 1000 })), READ_TIMEOUT_MS);
    worker.on('message', (m: Reply) => {
      if (m.kind === 'rows') finish({ ok: true, rows: m.rows });
      else if (m.kind === 'refused' && isErrorCode(m.code)) refuse(new AppError(m.code, m.params));
      else {
        console.error('[import] the reading thread failed:', m.kind === 'failed' ? m.error : m.code);
        refuse(new AppError('IMPORT_FILE_DAMAGED'));
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') return refuse(new AppError('IMPORT_READ_MEMORY'));
      console.error('[import] the reading thread failed:', e.message);
      refuse(new AppError('IMPORT_FILE_DAMAGED'));
    });
    worker.on('exit', () => refuse(new AppError('IMPORT_FILE_DAMAGED')));
  });
}
