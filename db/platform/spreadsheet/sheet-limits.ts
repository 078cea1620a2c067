/**
 * The limits of the import's spreadsheet readers, and the one error they throw. Every
 * limit is well above what a goods list (2,000 rows) or a village roster (5,000 rows)
 * needs and well below what would take the counter's memory: each part of an .xlsx is
 * read as a stream, so memory grows with the rows kept, never with the file unpacked.
 */
import type { ErrorCode, ErrorParams } from '../../contract/errors.js';

export const SHEET_LIMITS = {
  /**
   * Unpacked bytes of one XML part (the worksheet, the shared strings). A 5,000-row
   * roster of a dozen columns is about 3 MB; at 16 MB the worst file took the process
   * to 196 MB at its peak, at 8 MB it stays well under the 200 MB the issue allows.
   */
  partBytes: 8 * 1024 * 1024,
  /** Unpacked bytes of the small parts (workbook, its relationships). */
  smallPartBytes: 1024 * 1024,
  /** Unpacked bytes of all parts read together. */
  totalBytes: 16 * 1024 * 1024,
  rows: 10_000,
  /** Cells with something in them, over the whole sheet. */
  cells: 300_000,
  /** Columns: a table for the import has about a dozen. */
  columns: 256,
  sharedStrings: 200_000,
  /** Characters in one cell: Excel's own limit. */
  cellChars: 32_767,
  /**
   * Characters in all the cells kept: one long shared string used by every cell would
   * otherwise be copied once per cell when the rows leave the reading thread.
   */
  textChars: 4_000_000,
} as const;

/** A refusal while reading a file, carrying the error code and params the user sees. */
export class SheetReadError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    /** What exactly was wrong, for logs and tests (the user sees the code's message). */
    readonly detail = '',
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'SheetReadError';
  }
}
