/**
 * What an export writes, independent of the file format: one or more sheets, each with
 * typed columns and a row source that iterates a SQLite statement (never an array of
 * the whole range). The XLSX and CSV writers read only this.
 */
export type ColumnType = 'int' | 'text' | 'date' | 'datetime' | 'yuan';

export interface Column {
  header: string;
  /** Width in Excel character units (a Chinese character counts about 2). */
  width: number;
  type: ColumnType;
  /** Summed into the totals row. */
  total?: boolean;
}

/**
 * One cell as the source yields it: numbers for int (and yuan, in fen), 'YYYY-MM-DD'
 * for date, a UTC ISO instant for datetime (shown in the store's local time), text.
 */
export type Cell = string | number | null;

export interface ExportSheet {
  name: string;
  columns: Column[];
  /** Rows the source will yield, for the progress bar (a cheap COUNT). */
  count(): number;
  rows(): IterableIterator<Cell[]>;
  /** Label of the totals row; no totals row when absent. */
  totalLabel?: string;
  /** Rows that count toward the totals (e.g. not voided); all when absent. */
  countsForTotal?: (row: Cell[]) => boolean;
}

export interface ExportProgress {
  rows: number;
  totalRows: number;
}
