/**
 * What the XLSX and CSV writers share: reading a sheet's rows in chunks, summing its
 * totals, reporting progress, yielding to the event loop between chunks (so the counter
 * keeps answering) and stopping within one chunk when the export is cancelled.
 */
import type { Cell, ExportProgress, ExportSheet } from './sheet.js';

export const CHUNK_ROWS = 2000;

export interface WriteOptions {
  timeZone: string;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: ExportProgress) => void) | undefined;
  /** Sees every byte written to the file, in order (the export's SHA-256 is made from it). */
  onBytes?: ((bytes: Uint8Array) => void) | undefined;
}

export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
    this.name = 'ExportCancelled';
  }
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface Progress {
  rows: number;
  totalRows: number;
}

/** The progress of an export whose sheets hold `counts` rows, reported once at the start. */
export function startProgress(counts: number[], opts: WriteOptions): Progress {
  const progress = { rows: 0, totalRows: counts.reduce((s, c) => s + c, 0) };
  opts.onProgress?.({ ...progress });
  return progress;
}

/** Drives one sheet's rows through `emit`, with totals, progress, yielding and cancel. */
export async function pump(
  sheet: ExportSheet,
  progress: Progress,
  opts: WriteOptions,
  emit: (row: Cell[]) => void,
  /** Called at each chunk boundary: the writer hands its buffer on and waits for it to drain. */
  onChunk?: () => Promise<void>,
): Promise<{ totals: number[]; rows: number }> {
  const totals = sheet.columns.map(() => 0);
  const summed = sheet.columns.flatMap((c, i) => (c.total ? [i] : []));
  const counts = sheet.countsForTotal;
  let rows = 0;
  for (const row of sheet.rows()) {
    emit(row);
    if (!counts || counts(row)) {
      for (const i of summed) {
        const v = row[i];
        if (typeof v === 'number') totals[i]! += v;
      }
    }
    rows++;
    if (rows % CHUNK_ROWS === 0) {
      progress.rows += CHUNK_ROWS;
      opts.onProgress?.({ ...progress });
      await onChunk?.();
      // Yielding lets the file stream drain and other requests run; the statement stays open.
      await yieldToLoop();
      if (opts.signal?.aborted) throw new ExportCancelled();
    }
  }
  progress.rows += rows % CHUNK_ROWS;
  return { totals, rows };
}
