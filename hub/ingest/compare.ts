import { REPORT_TABLES, type ReportBody, type ReportTableName } from '../../db/reporting/format/report.js';

export interface RowDifference {
  /** A report table, or the store's row-seal chain (named by a broken seal head). */
  table: ReportTableName | 'row_seals';
  /** The first column's value (the row's id), or null when one side has no such row. */
  rowId: string | number | null;
  column: string | null;
  accepted: unknown;
  received: unknown;
}

/**
 * The first row where two reports of the same day disagree, table by table in a fixed
 * order and row by row in id order. With `prefixOnly`, rows the received report adds
 * after the accepted ones are no difference (a reopened day may only have gained rows).
 */
export function firstDifference(accepted: ReportBody, received: ReportBody, prefixOnly = false): RowDifference | null {
  for (const table of REPORT_TABLES) {
    // The audit section and the day's close records legitimately change when a day is
    // reopened (new audit rows, a reopen and a new close); the books are the rest.
    if (prefixOnly && (table === 'audit_log' || table === 'day_closes')) continue;
    const a = accepted.rows[table];
    const r = received.rows[table];
    const n = Math.max(a.rows.length, r.rows.length);
    for (let i = 0; i < n; i++) {
      const ra = a.rows[i];
      const rr = r.rows[i];
      if (!ra && prefixOnly) break;
      if (!ra || !rr) return { table, rowId: (ra ?? rr)![0] ?? null, column: null, accepted: ra ? 'present' : 'absent', received: rr ? 'present' : 'absent' };
      if (ra[0] !== rr[0]) return { table, rowId: ra[0] ?? null, column: a.columns[0] ?? null, accepted: ra[0], received: rr[0] };
      for (let c = 0; c < a.columns.length; c++) {
        const name = a.columns[c]!;
        const rc = r.columns.indexOf(name);
        if (rc < 0 || ra[c] !== rr[rc]) return { table, rowId: ra[0] ?? null, column: name, accepted: ra[c], received: rc < 0 ? 'absent' : rr[rc] };
      }
    }
  }
  return null;
}
